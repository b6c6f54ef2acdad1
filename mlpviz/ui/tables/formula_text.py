"""The text of the formula panel and the cell tooltips, written from a record (no Qt, no maths).

Every number printed comes from the record or from ``mlpviz.engine.explain``; these
functions only lay the numbers out as the formulas a student writes by hand.
"""

from __future__ import annotations

from mlpviz.engine.unit_names import layer_title, unit_name, weight_layer_title, weight_name
from mlpviz.engine import ForwardRecord, StepRecord
from mlpviz.engine.gradcheck import check_parameter
from mlpviz.engine.explain import (
    backprop_terms, gradient_terms, net_input_terms, parameter_update, pick_sample,
)

MAX_TERMS = 8  # longest sum written out term by term
QUIZ_WAITS = "(the quiz asks for the ?: the step goes on once it is answered)"
SLOPE_TEXT = {
    "sigmoid": "a·(1 − a)",
    "tanh": "1 − a²",
    "relu": "1 if z > 0 else 0",
    "leaky_relu": "1 if z > 0 else 0.01",
    "linear": "1",
}


def fmt(value: float) -> str:
    """A result as printed everywhere in formulas: 9 significant digits (published examples use 9)."""
    return f"{value + 0.0:.9g}"  # + 0.0 turns -0.0 into 0.0


def fmt_term(value: float) -> str:
    """A factor inside a written-out sum: shorter, negative values in parentheses."""
    text = f"{value + 0.0:.6g}"
    return f"({text})" if text.startswith("-") else text


def _signed(value: float) -> str:
    text = fmt(value)
    return f"({text})" if text.startswith("-") else text


def _sum_text(terms: list[str], count: int) -> str:
    shown = terms[:MAX_TERMS]
    text = " + ".join(shown)
    if count > len(shown):
        text += f" + … ({count - len(shown)} more)"
    return text


def parameter_title(layer: int, row: int, col: int, layer_count: int) -> str:
    """``w(x1→h1.1) = W0[0, 0]`` or ``b(h1.1) = b0[0]``."""
    name = weight_name(layer, row, col, layer_count)
    where = f"b{layer}[{col}]" if row < 0 else f"W{layer}[{row}, {col}]"
    return f"{name} = {where}   (layer {weight_layer_title(layer, layer_count)})"


def update_lines(record: StepRecord, layer: int, row: int, col: int) -> list[str]:
    """``w' = w − lr·∂C/∂w = …`` with the numbers (and momentum / decay when they are on)."""
    u = parameter_update(record, layer, row, col)
    sym = "b" if row < 0 else "w"
    lines = []
    if u.decay_term:
        lines.append(f"∂C/∂{sym} = mean(a·δ) + λ·{sym} = {fmt(u.mean_grad)} + {record.weight_decay:g}·{_signed(u.old)} "
                     f"= {fmt(u.grad)}")
    if u.velocity is not None:
        lines.append(f"v = μ·v_prev + ∂C/∂{sym} = {record.momentum:g}·v_prev + {_signed(u.grad)} = {fmt(u.velocity)}")
        lines.append(f"{sym}' = {sym} − lr·v = {fmt(u.old)} − {u.learning_rate:g}·{_signed(u.velocity)} = {fmt(u.new)}")
    else:
        lines.append(f"{sym}' = {sym} − lr·∂C/∂{sym} = {fmt(u.old)} − {u.learning_rate:g}·{_signed(u.grad)} = {fmt(u.new)}")
    if record.diverged:
        lines.append("(this step diverged: the update was not applied)")
    return lines


def cell_tooltip(record: ForwardRecord | None, value: float, layer: int, row: int, col: int, layer_count: int) -> str:
    """Tooltip of a table cell: old value, gradient, learning rate and new value of the last step."""
    title = parameter_title(layer, row, col, layer_count)
    if not isinstance(record, StepRecord):
        return f"{title}\nvalue {fmt(value)}\nTake a step to see its gradient and update."
    u = parameter_update(record, layer, row, col)
    sym = "b" if row < 0 else "w"
    lines = [
        title,
        f"old {sym} = {fmt(u.old)}",
        f"∂C/∂{sym} = {fmt(u.grad)}",
        f"learning rate lr = {u.learning_rate:g}"
        + (f", momentum μ = {record.momentum:g}" if record.momentum else "")
        + (f", weight decay λ = {record.weight_decay:g}" if record.weight_decay and row >= 0 else ""),
        *update_lines(record, layer, row, col),
        f"Δ{sym} = {fmt(u.change)}",
    ]
    return "\n".join(lines)


def _sample_note(record: ForwardRecord, sample: int) -> tuple[int, str]:
    """The sample the formulas are written for, and a line saying which."""
    b = record.batch_size
    if sample < 0 or sample >= b:
        return 0, f"batch mean chosen: formulas for sample 1 of {b} (a formula holds per sample)"
    return sample, f"sample {sample + 1} of {b}"


def weight_lines(record: ForwardRecord | None, value: float, layer: int, row: int, col: int, layer_count: int,
                 asked: str | None = None) -> list[str]:
    """Formula panel for a weight or bias: its gradient as a batch mean, then its update.

    ``asked`` ("grad" or "new"): a quiz question asks for that number; it is written "?"."""
    lines = [parameter_title(layer, row, col, layer_count)]
    if not isinstance(record, StepRecord):
        return lines + [f"value {fmt(value)}", "Take a step to see ∂C/∂w and the update written out."]
    terms = gradient_terms(record, layer, row, col)
    b = len(terms)
    j = unit_name(layer + 1, col, layer_count)
    if row < 0:
        lines.append(f"∂C/∂b = mean over the batch of δ_{j} = (Σ_s δ_s)/B")
        written = [fmt_term(d) for d in terms[:MAX_TERMS]]
    else:
        i = unit_name(layer, row, layer_count)
        lines.append(f"∂C/∂w = mean over the batch of a_{i}·δ_{j} = (Σ_s a_s·δ_s)/B")
        a = record.activations[layer][:, row]
        d = record.deltas[layer][:, col]
        if b <= 4:
            written = [f"{fmt_term(a[s])}·{fmt_term(d[s])}" for s in range(b)]
        else:
            written = [fmt_term(t) for t in terms[:MAX_TERMS]]
    u = parameter_update(record, layer, row, col)
    if asked == "grad":
        return lines + [f"      = ({_sum_text(written, b)})/{b} = ?", QUIZ_WAITS]
    lines.append(f"      = ({_sum_text(written, b)})/{b} = {fmt(u.mean_grad)}")
    if asked == "new":
        sym = "b" if row < 0 else "w"
        return lines + [f"{sym}' = ? (the update rule: {sym}' = {sym} − lr·∂C/∂{sym}, lr = {u.learning_rate:g})", QUIZ_WAITS]
    return lines + update_lines(record, layer, row, col) + [gradient_check_line(record, layer, row, col)]


def gradient_check_line(record: StepRecord, layer: int, row: int, col: int) -> str:
    """The numeric gradient of one parameter beside backprop's (two forward passes on the same batch)."""
    c = check_parameter(record, layer, row, col)
    sym = "b" if row < 0 else "w"
    return (f"check: (C({sym}+h) − C({sym}−h))/2h = {fmt(c.numeric)} by central differences; "
            f"relative error {c.relative_error:.1e}")


def unit_lines(record: ForwardRecord | None, layer: int, unit: int, sample: int, show_delta: bool = True,
               output_names: tuple[str, ...] = (), reached: bool = True, asked: str | None = None) -> list[str]:
    """Formula panel for a unit: ``z = Σ a·w + b``, ``a = f(z)`` and ``δ`` with its chain-rule factors.

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
        means = [f"z̄ = {fmt(pick_sample(here.z, -1)[unit])}",
                 f"ā = {fmt(pick_sample(record.activations[layer], -1)[unit])}"]
        if isinstance(record, StepRecord) and show_delta:
            means.append(f"δ̄ = {fmt(pick_sample(here.delta, -1)[unit])}")
        lines.append("batch means: " + ", ".join(means))
    terms = net_input_terms(record, layer, unit)[s]
    a_prev = here.inputs[s]
    w = here.w[:, unit]
    written = [f"{fmt_term(a_prev[i])}·{fmt_term(w[i])}" for i in range(min(len(terms), MAX_TERMS))]
    z = here.z[s, unit]
    bias = here.b[unit]
    unknown = "?" if asked in ("z", "a") else "…"
    z_text = fmt(z) if reached and asked != "z" else unknown
    lines.append(f"z = Σ a·w + b = ({_sum_text(written, len(terms))}) + {fmt_term(bias)} = {z_text}")
    if not reached or asked in ("z", "a"):
        lines.append(f"a = f(z) = {act}(z) = {unknown}")
        return lines + ([QUIZ_WAITS] if asked in ("z", "a") else ["z and a: the forward pass has not reached this unit."])
    a = here.a[s, unit]
    lines.append(f"a = f(z) = {act}({fmt(z)}) = {fmt(a)}")
    slope = here.slope
    if slope is not None:
        lines.append(f"f'(z) = {SLOPE_TEXT.get(act, act + chr(39))} = {fmt(slope[s, unit])}")
    if not isinstance(record, StepRecord):
        return lines + ["δ = ∂C/∂z: take a step to see the backward pass."]
    if not show_delta:
        return lines + ["δ = ∂C/∂z: wait for the backward pass."]
    delta = here.delta[s, unit]
    if asked == "delta":
        return lines + ["δ = ∂C/∂z = ?   (at the outputs from ŷ and y; in a hidden layer (Σ_k w·δ_k)·f'(z))",
                        QUIZ_WAITS]
    if layer == L:
        y = record.targets[s, unit]
        if arch.loss in ("bce", "ce"):
            lines.append(f"δ = ∂C/∂z = ŷ − y = {fmt(a)} − {_signed(y)} = {fmt(delta)}   ({arch.loss} with {act}: f' cancels)")
        elif slope is not None:
            lines.append(f"δ = ∂C/∂z = (ŷ − y)·f'(z) = ({fmt(a)} − {_signed(y)})·{fmt(slope[s, unit])} = {fmt(delta)}")
        else:
            lines.append(f"δ = ∂C/∂z = ŷ_k·((ŷ_k − y_k) − Σ_j (ŷ_j − y_j)·ŷ_j) with y = {fmt(y)}: {fmt(delta)}")
        return lines
    back = backprop_terms(record, layer, unit)[s]
    w_out = record.params.weights[layer][unit, :]
    d_next = record.deltas[layer][s]
    written = [f"{fmt_term(w_out[k])}·{fmt_term(d_next[k])}" for k in range(min(len(back), MAX_TERMS))]
    lines.append(
        f"δ = (Σ_k w·δ_k)·f'(z) = ({_sum_text(written, len(back))})·{fmt_term(slope[s, unit])} = {fmt(delta)}"
    )
    return lines


def delta_shown(state, layer: int) -> bool:
    """Whether unit layer ``layer``'s δ is shown at this point of ``state``'s animation (the canvas's rule)."""
    return state.shows_delta(layer)
