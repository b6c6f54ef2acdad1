"""Every optimizer against torch.optim's float64 values, recorded by make_torch_reference.py (same folder).

Over 60 steps of a 3-4-3 tanh/softmax network, parameters after chosen steps, the losses of
every step and the whole state after the last agree to 1e-10 (weight decay on the weights only).
"""

import json
from pathlib import Path

import numpy as np
import pytest

from mlpviz.engine import Architecture, Params, train_step
from mlpviz.engine.optimizers import OPTIMIZERS, make_optimizer

REFERENCE = json.loads(Path(__file__).with_name("torch_reference.json").read_text())
TORCH_NAMES = {"SGD": "sgd", "Adam": "adam", "AdamW": "adamw", "RMSprop": "rmsprop", "Adagrad": "adagrad"}
STATE_NAMES = {"momentum_buffer": {"sgd": "velocity", "rmsprop": "momentum_buffer"},
               "exp_avg": {"adam": "m", "adamw": "m"}, "exp_avg_sq": {"adam": "v", "adamw": "v"},
               "square_avg": {"rmsprop": "square_avg"}, "sum": {"adagrad": "sum"}}


def _run(case):
    ref = REFERENCE
    arch = Architecture(tuple(ref["sizes"]), ref["hidden"], ref["output"], ref["loss"])
    params = Params(ref["weights"], ref["biases"])
    optimizer = make_optimizer(TORCH_NAMES[case["optimizer"]], case["settings"])
    state, kept, losses = None, {}, []
    for step in range(1, ref["steps"] + 1):
        record = train_step(arch, params, ref["inputs"], ref["targets"], case["settings"]["lr"],
                            optimizer=optimizer, state=state)
        assert not record.diverged
        assert record.state_before is (state or record.state_before)
        params, state = record.params_after, record.state_after
        losses.append(record.loss)
        kept[str(step)] = params.flat
    return optimizer, kept, losses, state


@pytest.mark.parametrize("name", sorted(REFERENCE["cases"]))
def test_optimizer_follows_torch_for_sixty_steps(name):
    case = REFERENCE["cases"][name]
    optimizer, kept, losses, state = _run(case)
    np.testing.assert_allclose(losses, case["losses"], rtol=1e-10, atol=1e-12)
    for step, torch_params in case["params"].items():
        np.testing.assert_allclose(kept[step], np.concatenate(torch_params), rtol=1e-10, atol=1e-12,
                                   err_msg=f"{name} after step {step}")
    for key, values in case["state"].items():
        if key == "step":
            assert all(v == state.count for v in values)
            continue
        ours = state[STATE_NAMES[key][optimizer.name]]
        np.testing.assert_allclose(ours, np.concatenate(values), rtol=1e-10, atol=1e-14, err_msg=f"{name} {key}")
    assert set(STATE_NAMES[k][optimizer.name] for k in case["state"] if k != "step") == set(state.names)


def test_every_optimizer_is_in_the_reference():
    assert {TORCH_NAMES[c["optimizer"]] for c in REFERENCE["cases"].values()} == set(OPTIMIZERS)


def test_weight_decay_leaves_the_biases_alone():
    """With a zero gradient only decay moves a parameter: the weights shrink, the biases stay (AdamW too)."""
    arch = Architecture((1, 1), "tanh", "linear", "mse")
    params = Params([[[2.0]]], [[0.0 + 3.0]])
    x, y = [[0.0]], [[3.0]]  # input 0: ∂C/∂w = 0, and ŷ = b = y: ∂C/∂b = 0
    for name in OPTIMIZERS:
        record = train_step(arch, params, x, y, 0.1, optimizer=make_optimizer(name, {"weight_decay": 0.5}))
        assert record.params_after.biases[0][0] == 3.0, name
        assert record.params_after.weights[0][0, 0] < 2.0, name
