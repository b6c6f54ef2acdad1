"""The one layer numbering: weight layer l feeds unit layer l + 1, and record.layer reads it so."""

import numpy as np

from mlpviz.engine import Architecture, init_params, train_step
from mlpviz.engine.layers import layer_fed_by, weights_into


def test_weight_layer_l_feeds_unit_layer_l_plus_1_and_back():
    arch = Architecture((3, 4, 5, 2), "tanh", "softmax", "ce")
    params = init_params(arch, seed=1)
    rec = train_step(arch, params, np.ones((2, 3)), np.eye(2), 0.1)
    for l in range(arch.layer_count):
        unit_layer = layer_fed_by(l)
        assert weights_into(unit_layer) == l
        here = rec.layer(unit_layer)
        assert here.w is params.weights[l] and here.w.shape == (arch.sizes[l], arch.sizes[unit_layer])
        assert here.inputs is rec.activations[l] and here.a is rec.activations[unit_layer]
