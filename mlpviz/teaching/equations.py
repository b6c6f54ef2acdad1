"""Each quantity of a step as an equation with the engine's numbers substituted.

Every number is read from the step record or from ``mlpviz.engine.explain``; nothing here
does arithmetic on them. ``s`` is a sample index (0-based) of the record's batch; weight
layer ``layer`` connects unit layers ``layer`` and ``layer + 1``; ``row`` -1 is the bias.
"""

from __future__ import annotations

from mlpviz.engine import StepRecord
from mlpviz.engine.activations import ACTIVATIONS, LEAKY_SLOPE
from mlpviz.engine.explain import optimizer_lines, parameter_update
from mlpviz.engine.layers import layer_fed_by

from .maths import Equation, Grad, Num, Op, Part, Sum, Var, Word, capped, formula
from mlpviz.engine.unit_names import parameter_units, unit_name

MAX_TERMS = 8  # longest sum written out term by term
FUNCTION_WORD = {"sigmoid": "σ", "tanh": "tanh"}


def _unit(record: StepRecord, layer: int, index: int) -> str:
    return unit_name(layer, index, record.arch.layer_count)


def _a(record: StepRecord, layer: int, index: int | str) -> Var:
    """``x_1`` for an input (``index`` 0), ``a_h1.2`` for a unit; a str ``index`` is a summation index."""
    if isinstance(index, str):
        return Var("x" if layer == 0 else "a", (index,))
    return Var("x", (str(index + 1),)) if layer == 0 else Var("a", (_unit(record, layer, index),))


def _param(record: StepRecord, layer: int, row: int, col: int, prime: bool = False) -> Var:
    return Var("b" if row < 0 else "w", parameter_units(layer, row, col, record.arch.layer_count), prime)


def net_input(record: StepRecord, layer: int, unit: int, s: int) -> Equation:
    """``z_j = Σ_i a_i·w_ij + b_j`` for unit ``unit`` of unit layer ``layer`` (1..L)."""
    j = _unit(record, layer, unit)
    ly = record.layer(layer)
    prev, w = ly.inputs[s], ly.w[:, unit]
    products = [(Num(prev[i]), Op("·"), Num(w[i])) for i in range(len(prev))]
    symbolic = (Sum("i"), _a(record, layer - 1, "i"), Op("·"), Var("w", ("i", j)), Op("+"), Var("b", (j,)))
    numbers = capped(products, MAX_TERMS) + (Op("+"), Num(ly.b[unit]))
    return Equation(((Var("z", (j,)),), symbolic, numbers, (Num(ly.z[s, unit]),)))


def activation(record: StepRecord, layer: int, unit: int, s: int) -> Equation:
    """``a_j = f(z_j)`` with the activation's own formula."""
    j = _unit(record, layer, unit)
    name = record.arch.activation_of(layer)
    ly = record.layer(layer)
    z = Num(ly.z[s, unit])
    a = (Num(ly.a[s, unit]),)
    lhs = (Var("a", (j,)),)
    if name in FUNCTION_WORD:
        word = Word(FUNCTION_WORD[name])
        return Equation((lhs, (word, Op("("), Var("z", (j,)), Op(")")), (word, Op("("), z, Op(")")), a))
    if name == "relu":
        return Equation((lhs, (Word("max"), Op("("), Num(0.0), Op(","), Var("z", (j,)), Op(")")),
                         (Word("max"), Op("("), Num(0.0), Op(","), z, Op(")")), a))
    if name == "leaky_relu":
        return Equation((lhs, (Word("max"), Op("("), Num(LEAKY_SLOPE), Op("·"), Var("z", (j,)), Op(","), Var("z", (j,)), Op(")")),
                         (Word("max"), Op("("), Num(LEAKY_SLOPE), Op("·"), z, Op(","), z, Op(")")), a))
    if name == "softmax":
        return Equation((lhs, (Word("exp"), Op("("), Var("z", (j,)), Op(")"), Op("/"), Sum("k"), Word("exp"), Op("("),
                               Var("z", ("k",)), Op(")")), a))
    return Equation((lhs, (Var("z", (j,)),), a))  # linear


def slope(record: StepRecord, layer: int, unit: int, s: int) -> Equation | None:
    """``f'(z_j)`` as the record keeps it, written with the activation's own slope formula
    (``ACTIVATIONS[…].slope_formula``: ``a·(1 − a)``, ``1 if z > 0 else 0``…); None for a softmax output."""
    ly = record.layer(layer)
    if ly.slope is None:
        return None
    j = _unit(record, layer, unit)
    written = ACTIVATIONS[record.arch.activation_of(layer)].slope_formula
    symbolic = formula(written, {"a": Var("a", (j,)), "z": Var("z", (j,))})
    numbers = formula(written, {"a": Num(ly.a[s, unit]), "z": Num(ly.z[s, unit])})
    lhs, result = (Var("f'", (j,)),), (Num(ly.slope[s, unit]),)
    return Equation((lhs, symbolic, result) if numbers == symbolic else (lhs, symbolic, numbers, result))


def sample_loss(record: StepRecord, s: int) -> Equation:
    """The cost of sample ``s``: ``C = ½Σ(ŷ−y)²``, binary or softmax cross-entropy."""
    loss, k = record.arch.loss, record.arch.sizes[-1]
    yhat, y = record.outputs[s], record.targets[s]
    if loss == "mse":
        symbolic = (Word("½"), Sum("k"), Op("("), Var("ŷ", ("k",)), Op("−"), Var("y", ("k",)), Op(")"), Op("²"))
        terms = [(Op("("), Num(yhat[i]), Op("−"), Num(y[i]), Op(")"), Op("²")) for i in range(k)]
        numbers = (Word("½"), Op("(")) + capped(terms, MAX_TERMS) + (Op(")"),)
    elif loss == "bce":
        symbolic = (Op("−"), Sum("k"), Op("["), Var("y", ("k",)), Op("·"), Word("log"), Var("ŷ", ("k",)), Op("+"),
                    Op("("), Word("1"), Op("−"), Var("y", ("k",)), Op(")"), Op("·"), Word("log"), Op("("), Word("1"),
                    Op("−"), Var("ŷ", ("k",)), Op(")"), Op("]"))
        terms = [(Op("["), Num(y[i]), Op("·"), Word("log"), Num(yhat[i]), Op("+"), Op("("), Word("1"), Op("−"), Num(y[i]),
                  Op(")"), Op("·"), Word("log"), Op("("), Word("1"), Op("−"), Num(yhat[i]), Op(")"), Op("]"))
                 for i in range(k)]
        numbers = (Op("−"), Op("(")) + capped(terms, MAX_TERMS) + (Op(")"),)
    else:
        symbolic = (Op("−"), Sum("k"), Var("y", ("k",)), Op("·"), Word("log"), Var("ŷ", ("k",)))
        terms = [(Num(y[i]), Op("·"), Word("log"), Num(yhat[i])) for i in range(k)]
        numbers = (Op("−"), Op("(")) + capped(terms, MAX_TERMS) + (Op(")"),)
    return Equation(((Var("C"),), symbolic, numbers, (Num(record.losses[s]),)))


def batch_loss(record: StepRecord) -> Equation:
    """``C = (1/B) Σ_s C_s``, the loss the step recorded."""
    b = record.batch_size
    numbers = (Op("("),) + capped([(Num(c),) for c in record.losses], MAX_TERMS) + (Op(")"), Op("/"), Word(str(b)))
    return Equation(((Var("C"),), (Word(f"1/{b}"), Op("·"), Sum("s"), Var("C", ("s",))), numbers, (Num(record.loss),)))


def output_delta(record: StepRecord, unit: int, s: int) -> Equation:
    """``δ_k = ∂C/∂z_k`` of an output unit: ``ŷ − y`` when the loss cancels f', else ``(ŷ − y)·f'(z)``."""
    L = record.arch.layer_count
    k = _unit(record, L, unit)
    ly = record.layer(L)
    yhat, y = Num(ly.a[s, unit]), Num(record.targets[s, unit])
    lhs = (Var("δ", (k,)),)
    result = (Num(ly.delta[s, unit]),)
    n = str(unit + 1)
    sym_diff = (Var("ŷ", (n,)), Op("−"), Var("y", (n,)))
    if record.arch.loss in ("bce", "ce"):
        return Equation((lhs, sym_diff, (yhat, Op("−"), y), result))
    f = slope(record, L, unit, s)
    if f is None:  # softmax with squared error: the Jacobian of softmax couples the outputs
        symbolic = (Var("ŷ", (n,)), Op("·"), Op("("), Op("("), Var("ŷ", (n,)), Op("−"), Var("y", (n,)), Op(")"), Op("−"),
                    Sum("j"), Op("("), Var("ŷ", ("j",)), Op("−"), Var("y", ("j",)), Op(")"), Op("·"), Var("ŷ", ("j",)), Op(")"))
        return Equation((lhs, symbolic, result))
    return Equation((lhs, (Op("("),) + sym_diff + (Op(")"), Op("·"), Var("f'", (k,))),
                     (Op("("), yhat, Op("−"), y, Op(")"), Op("·"), Num(f.value)), result))


def hidden_delta(record: StepRecord, layer: int, unit: int, s: int) -> Equation:
    """``δ_j = (Σ_k w_jk·δ_k)·f'(z_j)`` for unit ``unit`` of hidden unit layer ``layer``."""
    j = _unit(record, layer, unit)
    above = record.layer(layer + 1)
    w, d = above.w[unit, :], above.delta[s]
    f = slope(record, layer, unit, s)
    products = [(Num(w[k]), Op("·"), Num(d[k])) for k in range(len(d))]
    symbolic = (Op("("), Sum("k"), Var("w", (j, "k")), Op("·"), Var("δ", ("k",)), Op(")"), Op("·"), Var("f'", (j,)))
    numbers = (Op("("),) + capped(products, MAX_TERMS) + (Op(")"), Op("·"), Num(f.value))
    return Equation(((Var("δ", (j,)),), symbolic, numbers, (Num(record.layer(layer).delta[s, unit]),)))


def delta(record: StepRecord, layer: int, unit: int, s: int) -> Equation:
    """δ of any unit of unit layer ``layer`` (1..L)."""
    if layer == record.arch.layer_count:
        return output_delta(record, unit, s)
    return hidden_delta(record, layer, unit, s)


def gradient(record: StepRecord, layer: int, row: int, col: int) -> Equation:
    """``∂C/∂w = a_i·δ_j`` (the batch mean of it when B > 1; plus ``λ·w`` with weight decay)."""
    names = parameter_units(layer, row, col, record.arch.layer_count)
    target = names[-1]
    u = parameter_update(record, layer, row, col)
    b = record.batch_size
    ly = record.layer(layer_fed_by(layer))
    deltas = ly.delta[:, col]
    if row < 0:
        factor: Part = (Var("δ", (target,)),)
        products = [(Num(deltas[s]),) for s in range(b)]
    else:
        factor = (_a(record, layer, row), Op("·"), Var("δ", (target,)))
        a = ly.inputs[:, row]
        products = [(Num(a[s]), Op("·"), Num(deltas[s])) for s in range(b)]
    if b == 1:
        parts = [(Grad(_param(record, layer, row, col)),), factor] + ([products[0]] if row >= 0 else [])
    else:
        symbolic = (Word(f"1/{b}"), Op("·"), Sum("s")) + factor
        numbers = (Op("("),) + capped(products, MAX_TERMS) + (Op(")"), Op("/"), Word(str(b)))
        parts = [(Grad(_param(record, layer, row, col)),), symbolic, numbers]
    if u.decay_term:  # weights only: with B = 1 the last part is a·δ's numbers, else their mean
        parts[1] = parts[1] + (Op("+"), Var("λ"), Op("·"), _param(record, layer, row, col))
        parts[-1] = parts[-1] + (Op("+"), Num(record.weight_decay), Op("·"), Num(u.old))
    parts.append((Num(u.grad),))
    return Equation(tuple(parts))


_OPS = frozenset("+−·/()²")
_OWN = frozenset(("m", "v", "s", "b", "G", "m̂", "v̂", "√v̂", "√s", "√G", "w̃"))  # the parameter's own quantities


def _tokens(record: StepRecord, layer: int, row: int, col: int, tokens: tuple) -> Part:
    """An optimizer line's tokens (``Line``) as maths: numbers, operators, the parameter's symbols, the settings'."""
    names = parameter_units(layer, row, col, record.arch.layer_count)
    out = []
    for t in tokens:
        if not isinstance(t, str):
            out.append(Num(t))
        elif t in _OPS:
            out.append(Op(t))
        elif t == "w":
            out.append(_param(record, layer, row, col))
        elif t == "w'":
            out.append(_param(record, layer, row, col, prime=True))
        elif t == "g":
            out.append(Grad(_param(record, layer, row, col)))
        elif t.endswith("_prev"):
            out.append(Var(t[:-5], names + ("prev",)))
        else:
            out.append(Var(t, names) if t in _OWN else Var(t))
    return tuple(out)


def _line_equation(record: StepRecord, layer: int, row: int, col: int, line) -> Equation:
    return Equation((_tokens(record, layer, row, col, (line.lhs,)), _tokens(record, layer, row, col, line.symbolic),
                     _tokens(record, layer, row, col, line.numbers), (Num(line.value),)))


def optimizer_state(record: StepRecord, layer: int, row: int, col: int) -> list[Equation]:
    """The optimizer's state of the parameter updated with this step's numbers: ``v = μ·v_prev + ∂C/∂w``;
    Adam's m, v and the bias-corrected m̂, v̂; RMSProp's s; AdaGrad's G (none for plain SGD)."""
    return [_line_equation(record, layer, row, col, line) for line in optimizer_lines(record, layer, row, col)[:-1]]


def state_line(record: StepRecord, layer: int, row: int, col: int, name: str) -> Equation | None:
    """The equation of the optimizer's state ``name`` of the parameter (Adam's ``m = β₁·m_prev + (1 − β₁)·∂C/∂w``
    or ``v``), or None when the step's optimizer keeps no such state."""
    lines = optimizer_lines(record, layer, row, col)[:-1]
    line = next((ln for ln in lines if ln.lhs == name), None)
    return None if line is None else _line_equation(record, layer, row, col, line)


def velocity(record: StepRecord, layer: int, row: int, col: int) -> Equation | None:
    """``v = μ·v_prev + ∂C/∂w`` when the step used momentum SGD, else None."""
    lines = optimizer_state(record, layer, row, col)
    return lines[0] if record.velocity is not None and lines else None


def update(record: StepRecord, layer: int, row: int, col: int) -> Equation:
    """``w' = w − η·∂C/∂w`` (``w − η·v`` with momentum, ``w − η·m̂/(√v̂ + ε)`` with Adam, …) with the value
    the step applied."""
    return _line_equation(record, layer, row, col, optimizer_lines(record, layer, row, col)[-1])


def loss_after(new_loss: float) -> Equation:
    """``C' = C(θ')``: the loss of the same batch with the updated parameters (the caller runs the engine's forward pass)."""
    return Equation(((Var("C", (), prime=True),), (Num(new_loss),)))

