"""What one canvas frame shows, as arrays: a pure function of a ViewState and the chosen sample.

No Qt and no painting here, so the animation can be tested number for number. The only
arithmetic is picking (a sample, or the engine's batch mean) and, during UPDATE, the
linear interpolation of each parameter from its old to its new value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpviz.app.view_state import Phase, ViewState
from mlpviz.engine import Params
from mlpviz.engine.explain import pick_sample
from mlpviz.engine.layers import weights_into
from mlpviz.i18n import msg


ACTIVATION = "a"
DELTA = "δ"
WEIGHT = "w"
GRADIENT = "∂C/∂w"
DIFFERENCE = "w − w₀"  # comparing with another step or a snapshot (ViewState.compare_to)
STEP = "step"  # the step each weight took (η·m̂/(√v̂ + ε) for Adam): View ▸ Colour edges by their step


@dataclass(frozen=True)
class Frame:
    """Arrays to draw for one frame.

    ``node_values[l]`` ``(n_l,)`` per unit layer (None: not computed yet in this phase) with
    ``node_kinds[l]`` (ACTIVATION or DELTA); ``biases[l]`` ``(n_l,)`` (None for the inputs).
    ``edge_values[l]`` ``(fan_in, fan_out)`` per weight layer with ``edge_kinds[l]`` (WEIGHT or
    GRADIENT). ``pulse`` is ``(weight layer, position 0..1 from left to right)`` or None.
    ``targets`` ``(n_L,)`` are shown beside the outputs in the LOSS phase.
    Scales are symmetric limits for the colour map: ``scales[kind]``.
    """

    title: str
    node_values: tuple[np.ndarray | None, ...]
    node_kinds: tuple[str, ...]
    biases: tuple[np.ndarray | None, ...]
    edge_values: tuple[np.ndarray, ...]
    edge_kinds: tuple[str, ...]
    scales: dict
    pulse: tuple[int, float] | None = None
    targets: np.ndarray | None = None
    outputs: np.ndarray | None = None
    parameters_updated: bool = False  # edges and rings show the step's new w′, b′ (labelled so)
    hidden_node: tuple[int, int] | None = None  # (layer, index) whose value a quiz asks for: drawn as "?"
    hidden_edge: tuple[int, int, int] | None = None  # (weight layer, row, col) whose ∂C/∂w is asked: "?"


def _limit(arrays) -> float:
    """Largest finite |value| over ``arrays`` (None entries skipped); 1 when there is none."""
    best = 0.0
    for a in arrays:
        if a is not None and a.size:
            finite = np.abs(a[np.isfinite(a)])
            if finite.size:
                best = max(best, float(finite.max()))
    return best if best > 0 else 1.0


def frame_of(state: ViewState, sample: int, edges_by_step: bool = False) -> Frame:
    """The frame showing ``state`` with node values of batch sample ``sample`` (MEAN = -1: batch mean).

    ``edges_by_step``: after a step (and unless comparing), edges show the step each weight took
    (``StepRecord.effective_step``: w − w′ as the optimizer computed it) instead of the weights."""
    arch, params, rec = state.arch, state.params, state.record
    L = arch.layer_count
    step = state.step_record
    phase, layer, p = state.phase, state.layer, float(state.progress)
    if rec is not None and rec.batch_size:
        sample = sample if sample < rec.batch_size else 0
        acts = [pick_sample(a, sample) for a in rec.activations]
    else:
        acts = [None] * (L + 1)
    deltas = [None] + [pick_sample(d, sample) for d in step.deltas] if step is not None else [None] * (L + 1)

    nodes = list(acts)
    kinds = [ACTIVATION] * (L + 1)
    weights = list(params.weights)
    biases = [None] + list(params.biases)
    edge_kinds = [WEIGHT] * L
    pulse = None
    weight_sources = [params.weights, params.biases]

    if phase is Phase.FORWARD:
        nodes = [a if state.shows_activation(l) else None for l, a in enumerate(acts)]
        pulse = (layer, p)
    elif phase is Phase.BACKWARD and step is not None:
        reached = state.lowest_delta_layer()
        for l in range(max(reached, 1), L + 1):
            nodes[l], kinds[l] = deltas[l], DELTA
        for l in range(reached, L):
            weights[l], edge_kinds[l] = step.grad_weights[l], GRADIENT
        pulse = (layer, 1.0 - p)
    elif phase is Phase.UPDATE and step is not None:
        for l in range(1, L + 1):
            nodes[l], kinds[l] = deltas[l], DELTA
        old, new = step.params, step.params_after
        t = min(max(p, 0.0), 1.0)
        weights = [(1 - t) * w0 + t * w1 for w0, w1 in zip(old.weights, new.weights)]
        biases = [None] + [(1 - t) * b0 + t * b1 for b0, b1 in zip(old.biases, new.biases)]
        weight_sources = [old.weights, old.biases, new.weights, new.biases]

    hidden_node, hidden_edge = _hide_asked(state, nodes, kinds, weights, edge_kinds)
    param_scale = _limit([a for group in weight_sources for a in group])
    scales = {
        WEIGHT: param_scale,
        GRADIENT: _limit(step.grad_weights) if step is not None else 1.0,
        ACTIVATION: _limit(acts),
        DELTA: _limit(deltas[1:]) if step is not None else 1.0,
    }
    difference = state.difference if phase is Phase.IDLE else None
    if difference is not None:
        weights = list(difference.weights)
        biases = [None] + list(difference.biases)
        edge_kinds = [DIFFERENCE] * L
        scales[DIFFERENCE] = _limit(difference.weights + difference.biases)
    elif edges_by_step and phase is Phase.IDLE and step is not None and not step.diverged and hidden_edge is None:
        weights = list(Params.from_flat(step.effective_step(), arch.sizes).weights)
        edge_kinds = [STEP] * L
        scales[STEP] = _limit(weights)
    targets = outputs = None
    if phase is Phase.LOSS and rec is not None and rec.targets is not None:
        targets, outputs = pick_sample(rec.targets, sample), acts[-1]
    return Frame(
        title=_title(state),
        node_values=tuple(nodes),
        node_kinds=tuple(kinds),
        biases=tuple(biases),
        edge_values=tuple(weights),
        edge_kinds=tuple(edge_kinds),
        scales=scales,
        pulse=pulse,
        targets=targets,
        outputs=outputs,
        parameters_updated=state.shows_updated_parameters and difference is None,
        hidden_node=hidden_node,
        hidden_edge=hidden_edge if difference is None else None,
    )


def _hide_asked(state: ViewState, nodes: list, kinds: list, weights: list, edge_kinds: list):
    """Where the "?" of a quiz question goes: ``(hidden_node, hidden_edge)``. A unit asked for is marked
    (its z, a or δ, reached or not) and its drawn value blanked (NaN: no text, a neutral colour), in place;
    an edge asked for is marked, and blanked while the edges show ∂C/∂w."""
    q = state.asked
    if q is None:
        return None, None
    l, i = q.layer, q.index
    if q.is_unit:
        if not 0 < l < len(nodes):
            return None, None
        if nodes[l] is not None:
            nodes[l] = np.array(nodes[l], dtype=float)
            nodes[l][i] = np.nan
        return (l, i), None
    w = weights_into(l)
    if q.row < 0 or not 0 <= w < len(weights):
        return None, None  # a bias's ∂C/∂b or b′: the canvas draws neither
    if edge_kinds[w] == GRADIENT and q.kind == "grad":
        weights[w] = np.array(weights[w], dtype=float)
        weights[w][q.row, i] = np.nan
    return None, (w, q.row, i)


def after_step_title(step: int, loss: float):
    """The title once step ``step`` is done: the loss that step measured (the loss panel's "train loss" of
    step ``step``, on its batch before its update), not a loss of the updated weights."""
    return msg("After step {step}: its train loss {loss:.4g} (before the update)", step=step, loss=loss)


def _title(state: ViewState) -> str:
    """The phase in progress in words: "Forward pass", "Loss: 0.693", ...; idle: the step and which loss it shows."""
    rec = state.record
    loss = rec.loss if rec is not None else float("nan")
    if state.phase is Phase.IDLE:
        if state.difference is not None:
            return str(msg("Step {step} compared with {other}: w − w₀", step=state.step,
                           other=state.compare_label or msg("the reference")))
        if state.step_record is not None:
            return str(after_step_title(state.step, loss))
        if np.isfinite(loss):  # these weights on the batch the next step trains on: that step's train loss
            return str(msg("Step {step}: loss {loss:.4g} on the next batch (the train loss of step {next})",
                           step=state.step, loss=loss, next=state.step + 1))
        return str(msg("Step {step}", step=state.step))
    if state.phase is Phase.LOSS:
        return str(msg("Loss: {loss:.4g}", loss=loss))
    return state.phase.title
