"""The text of the formula panel and the cell tooltips, written from a record (no Qt, no maths).

The equations are the worked example's and the quiz's (``mlpviz.teaching.equations``), as one line
of text each: one place writes every formula. This module only picks which ones, and writes
"?" for a number a quiz question asks for and "…" for one the forward pass has not reached.
"""

from __future__ import annotations

from mlpviz.engine import ForwardRecord, StepRecord
from mlpviz.engine.explain import optimizer_lines, parameter_update, pick_sample
from mlpviz.engine.gradcheck import check_parameter
from mlpviz.engine.unit_names import layer_title, unit_name, weight_layer_title, weight_name
from mlpviz.i18n import msg
from mlpviz.teaching import equations as eq
from mlpviz.teaching.maths import Equation, fmt
from mlpviz.teaching.render_text import equation_text, part_text

QUIZ_WAITS = msg("(the quiz asks for the ?: the step goes on once it is answered)")

__all__ = ["cell_tooltip", "delta_shown", "fmt", "gradient_check_line", "parameter_title", "unit_lines",
           "update_lines", "weight_lines"]


def _up_to(equation: Equation, parts: int, result: str) -> str:
    """The first ``parts`` parts of ``equation`` and ``result`` in place of the rest: ``z = … = ?``."""
    return " = ".join([part_text(p) for p in equation.parts[:parts]] + [result])


def parameter_title(layer: int, row: int, col: int, layer_count: int) -> str:
    """``w(x1→h1.1) = W0[0, 0]`` or ``b(h1.1) = b0[0]``."""
    name = weight_name(layer, row, col, layer_count)
    where = f"b{layer}[{col}]" if row < 0 else f"W{layer}[{row}, {col}]"
    return str(msg("{name} = {where}   (layer {layer})", name=name, where=where,
                   layer=weight_layer_title(layer, layer_count)))


def update_lines(record: StepRecord, layer: int, row: int, col: int) -> list[str]:
    """``w' = w − η·∂C/∂w = …`` with the numbers, after the optimizer's state (velocity; m, v, m̂, v̂; …)."""
    lines = [equation_text(e) for e in eq.optimizer_state(record, layer, row, col)]
    lines.append(equation_text(eq.update(record, layer, row, col)))
    if record.diverged:
        lines.append(str(msg("(this step diverged: the update was not applied)")))
    return lines


def cell_tooltip(record: ForwardRecord | None, value: float, layer: int, row: int, col: int, layer_count: int) -> str:
    """Tooltip of a table cell: old value, gradient, learning rate and new value of the last step."""
    title = parameter_title(layer, row, col, layer_count)
    if not isinstance(record, StepRecord):
        return str(msg("{title}\nvalue {value}\nTake a step to see its gradient and update.", title=title, value=fmt(value)))
    u = parameter_update(record, layer, row, col)
    sym = "b" if row < 0 else "w"
    lines = [
        title,
        str(msg("old {symbol} = {value}", symbol=sym, value=fmt(u.old))),
        f"∂C/∂{sym} = {fmt(u.grad)}",
        str(msg("{optimizer}, learning rate η = {learning_rate:g}", optimizer=record.optimizer.title,
                learning_rate=u.learning_rate))
        + (str(msg(", momentum μ = {momentum:g}", momentum=record.momentum)) if record.momentum else "")
        + (str(msg(", weight decay λ = {weight_decay:g}", weight_decay=record.weight_decay))
           if record.weight_decay and row >= 0 else ""),
        *update_lines(record, layer, row, col),
        f"Δ{sym} = {fmt(u.change)}",
    ]
    return "\n".join(lines)


def _sample_note(record: ForwardRecord, sample: int) -> tuple[int, str]:
    """The sample the formulas are written for, and a line saying which."""
    b = record.batch_size
    if sample < 0 or sample >= b:
        return 0, str(msg("batch mean chosen: formulas for sample 1 of {b} (a formula holds per sample)", b=b))
    return sample, str(msg("sample {sample} of {size}", sample=sample + 1, size=b))


def weight_lines(record: ForwardRecord | None, value: float, layer: int, row: int, col: int, layer_count: int,
                 asked: str | None = None) -> list[str]:
    """Formula panel for a weight or bias: its gradient as a batch mean, then its update.

    ``asked`` ("grad", "new", or Adam's "m" or "v"): a quiz question asks for that number; it is written "?"."""
    lines = [parameter_title(layer, row, col, layer_count)]
    if not isinstance(record, StepRecord):
        return lines + [str(msg("value {value}", value=fmt(value))), str(msg("Take a step to see ∂C/∂w and the update written out."))]
    gradient = eq.gradient(record, layer, row, col)
    if asked == "grad":
        return lines + [_up_to(gradient, len(gradient.parts) - 1, "?"), str(QUIZ_WAITS)]
    lines.append(equation_text(gradient))
    if asked in ("m", "v"):  # the state lines before the asked one, then it with "?"
        names = [line.lhs for line in optimizer_lines(record, layer, row, col)[:-1]]
        for name, equation in zip(names, eq.optimizer_state(record, layer, row, col)):
            if name == asked:
                return lines + [_up_to(equation, len(equation.parts) - 1, "?"), str(QUIZ_WAITS)]
            lines.append(equation_text(equation))
    if asked == "new":
        update = eq.update(record, layer, row, col)
        return lines + [_up_to(update, len(update.parts) - 1, "?"), str(QUIZ_WAITS)]
    return lines + update_lines(record, layer, row, col) + [gradient_check_line(record, layer, row, col)]


def gradient_check_line(record: StepRecord, layer: int, row: int, col: int) -> str:
    """The numeric gradient of one parameter beside backprop's (two forward passes on the same batch)."""
    c = check_parameter(record, layer, row, col)
    sym = "b" if row < 0 else "w"
    return (str(msg("check: (C({sym}+h) − C({sym}−h))/2h = {value} by central differences; relative error {relative_error:.1e}", sym=sym, value=fmt(c.numeric), relative_error=c.relative_error)))


def unit_lines(record: ForwardRecord | None, layer: int, unit: int, sample: int, show_delta: bool = True,
               output_names: tuple[str, ...] = (), reached: bool = True, asked: str | None = None) -> list[str]:
    """Formula panel for a unit: ``z = Σ a·w + b``, ``a = f(z)``, ``f'(z)`` and ``δ`` with its chain-rule factors.

    ``reached``: the forward pass has computed z and a (else they are written "…", the inputs known);
    ``asked`` ("z", "a" or "delta"): a quiz question asks for that number, written "?"."""
    if record is None:
        return []
    arch = record.arch
    L = arch.layer_count
    name = unit_name(layer, unit, L, output_names)
    s, note = _sample_note(record, sample)
    if layer == 0:
        return [f"{name} ({layer_title(0, L)}), {note}", f"a = x = {fmt(record.inputs[s, unit])}"]
    act = arch.activation_of(layer)
    lines = [f"{name} ({layer_title(layer, L)}, {act}), {note}"]
    here = record.layer(layer)
    if sample < 0 and reached and asked is None:
        means = [f"z̄ = {fmt(pick_sample(here.z, -1)[unit])}", f"ā = {fmt(pick_sample(here.a, -1)[unit])}"]
        if isinstance(record, StepRecord) and show_delta:
            means.append(f"δ̄ = {fmt(pick_sample(here.delta, -1)[unit])}")
        lines.append(str(msg("batch means: ")) + ", ".join(means))
    net_input, activation = eq.net_input(record, layer, unit, s), eq.activation(record, layer, unit, s)
    if not reached or asked in ("z", "a"):
        unknown = "?" if asked in ("z", "a") else "…"
        lines += [_up_to(net_input, len(net_input.parts) - 1, unknown), _up_to(activation, 2, unknown)]
        return lines + ([str(QUIZ_WAITS)] if asked in ("z", "a") else [str(msg("z and a: the forward pass has not reached this unit."))])
    lines += [equation_text(net_input), equation_text(activation)]
    slope = eq.slope(record, layer, unit, s)
    if slope is not None:
        lines.append(equation_text(slope))
    if not isinstance(record, StepRecord):
        return lines + [str(msg("δ = ∂C/∂z: take a step to see the backward pass."))]
    if not show_delta:
        return lines + [str(msg("δ = ∂C/∂z: wait for the backward pass."))]
    delta = eq.delta(record, layer, unit, s)
    if asked == "delta":
        return lines + [_up_to(delta, 2, "?"), str(QUIZ_WAITS)]
    cancels = layer == L and arch.loss in ("bce", "ce")
    return lines + [equation_text(delta) + (str(msg("   ({loss} with {activation}: f' cancels)", loss=arch.loss,
                                                    activation=act)) if cancels else "")]


def delta_shown(state, layer: int) -> bool:
    """Whether unit layer ``layer``'s δ is shown at this point of ``state``'s animation (the canvas's rule)."""
    return state.shows_delta(layer)
