"""What the canvas prints: node labels and the tooltips of nodes and edges, from the record.

Pure functions of a ViewState (no Qt): every number is read from the record or the
parameters, nothing is computed beyond picking a sample or the engine's batch mean.
"""

from __future__ import annotations

import html
import math

from mlpviz.engine.unit_names import unit_name, weight_name
from mlpviz.app.view_state import ViewState
from mlpviz.engine.explain import pick_sample
from mlpviz.engine.layers import weights_into
from mlpviz.i18n import msg


def fmt_value(v: float) -> str:
    """A node value short enough to fit inside a node: ``0.452``, ``-1.27``, ``0.0056``, ``3.1e-04``; never fewer
    than 2 significant digits (three decimals wrote 0.00056 as "0.001")."""
    if not math.isfinite(v):
        return str(v)
    a = abs(v)
    if a == 0:
        return "0"
    if a < 0.0005 or a >= 1000:
        return f"{v:.1e}"
    if a < 0.01:
        return f"{v:.2g}"
    if a < 1:
        return f"{v:.3f}"
    return f"{v:.2f}" if a < 100 else f"{v:.0f}"


def sample_label(sample: int, batch_size: int) -> str:
    return str(msg("batch mean")) if sample < 0 else str(msg("sample {sample} of {size}", sample=min(sample, batch_size - 1) + 1, size=batch_size))


def _sample(state: ViewState, sample: int) -> int:
    rec = state.record
    return sample if rec is None or sample < rec.batch_size else 0


def node_tooltip(state: ViewState, sample: int, layer: int, index: int) -> str:
    """Tooltip of unit ``index`` of unit layer ``layer``: its z, a, δ and bias for ``sample``."""
    rec, L = state.record, state.arch.layer_count
    name = unit_name(layer, index, L, state.output_names)
    if rec is None:
        return _tooltip([name])
    sample = _sample(state, sample)
    lines = [f"{name} — {sample_label(sample, rec.batch_size)}"]
    if layer == 0:
        lines.append(f"input x = {fmt_value(float(pick_sample(rec.inputs, sample)[index]))}")
        return _tooltip(lines)
    here = rec.layer(layer)
    if state.shows_activation(layer):  # the forward pass got here; a number a quiz asks for is "?"
        z, a = pick_sample(here.z, sample)[index], pick_sample(here.a, sample)[index]
        lines.append("z = ?" if state.hides_unit("z", layer, index) else f"z = {z:.6g}")
        lines.append("a = ?" if state.hides_unit("a", layer, index) else f"a = {a:.6g}")
    if here.delta is not None and state.shows_delta(layer):
        delta = pick_sample(here.delta, sample)[index]
        lines.append("δ = ∂C/∂z = ?" if state.hides_unit("delta", layer, index) else f"δ = ∂C/∂z = {delta:.6g}")
    lines.append(str(msg("bias b = {b:.6g} (the bias that gave this z)", b=here.b[index])))
    if state.shows_updated_parameters:
        lines.append(str(msg("after the update b′ = {value:.6g}", value=state.params.biases[weights_into(layer)][index])))
    if layer == L and rec.targets is not None:
        lines.append(f"target y = {pick_sample(rec.targets, sample)[index]:.6g}")
    return _tooltip(lines)


def edge_tooltip(state: ViewState, layer: int, row: int, col: int) -> str:
    """Tooltip of weight ``W[layer][row, col]``: w, ∂C/∂w and the change the last step made."""
    L = state.arch.layer_count
    step = state.step_record
    lines = [weight_name(layer, row, col, L)]
    if step is None:
        lines.append(f"w = {state.params.weights[layer][row, col]:.6g}")
    else:  # the weight that gave this step's z, its gradient, and what the update made of it
        lines.append(str(msg("w = {value:.6g} (the weight this step used)", value=step.params.weights[layer][row, col])))
        asked = state.hides_parameter("grad", layer, row, col) or state.hides_parameter("new", layer, row, col)
        grad = "?" if state.hides_parameter("grad", layer, row, col) else f"{step.grad_weights[layer][row, col]:.6g}"
        lines.append(str(msg("∂C/∂w = {grad} (batch mean)", grad=grad)))
        if state.shows_updated_parameters and not asked:
            lines.append(str(msg("after the update w′ = {value:.6g}", value=state.params.weights[layer][row, col])))
        if not asked:  # Δw would give the asked ∂C/∂w or w′ away
            lines.append(str(msg("last change Δw = {value:+.6g}", value=step.weight_change(layer)[row, col])))
    if state.compare_to is not None and state.difference is not None:
        lines.append(f"{state.compare_label or 'reference'}: w₀ = {state.compare_to.weights[layer][row, col]:.6g}, "
                     f"w − w₀ = {state.difference.weights[layer][row, col]:+.6g}")
    return _tooltip(lines)


def _tooltip(lines: list[str]) -> str:
    """The lines as a tooltip, the first in bold; every line escaped (names and file names are plain text)."""
    head, *rest = (html.escape(line) for line in lines)
    return "<br>".join([f"<b>{head}</b>", *rest])
