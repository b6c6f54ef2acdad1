"""Presets: ready-made networks, data and training settings that a menu sets in one click.

Each preset is pure data plus a function that builds its ``PresetSetup``; ``apply_preset``
hands a setup to a Session. The menu that lists them lives in the UI.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from mlpviz.datasets import Dataset, dataset_from_arrays, make_dataset
from mlpviz.engine import Architecture, Params, init_params
from mlpviz.i18n import msg
from mlpviz.training.settings import TrainingConfig


@dataclass(frozen=True)
class PresetSetup:
    """Everything a preset sets: network, its starting parameters, data and training settings."""

    arch: Architecture
    params: Params
    dataset: Dataset
    config: TrainingConfig


@dataclass(frozen=True)
class Preset:
    """A named preset; ``build()`` makes its setup afresh (same numbers every time)."""

    key: str
    title: str
    description: str
    build: Callable[[], PresetSetup]


def worked_example_222() -> tuple[Architecture, Params, np.ndarray, np.ndarray, float]:
    """The classic 2-2-2 backprop worked example: ``(arch, params, x (1, 2), y (1, 2), learning_rate)``.

    Sigmoid everywhere, ½Σ squared error, learning rate 0.5; weights w1..w4 = 0.15, 0.20,
    0.25, 0.30 (inputs → hidden) and w5..w8 = 0.40, 0.45, 0.50, 0.55 (hidden → outputs),
    biases 0.35 (hidden) and 0.60 (outputs). In our ``(fan_in, fan_out)`` layout
    w1 (i1→h1) = W0[0, 0], w2 (i2→h1) = W0[1, 0], w3 (i1→h2) = W0[0, 1], w4 = W0[1, 1].
    The published first step: total error 0.298371109, w5' = 0.35891648, w1' = 0.149780716
    (it keeps the biases fixed; mlpviz updates them, which leaves the first step's weights unchanged).
    """
    arch = Architecture((2, 2, 2), hidden_activation="sigmoid", output_activation="sigmoid", loss="mse")
    weights = (
        np.array([[0.15, 0.25], [0.20, 0.30]]),  # rows: i1, i2; columns: h1, h2
        np.array([[0.40, 0.50], [0.45, 0.55]]),  # rows: h1, h2; columns: o1, o2
    )
    biases = (np.array([0.35, 0.35]), np.array([0.60, 0.60]))
    x = np.array([[0.05, 0.10]])
    y = np.array([[0.01, 0.99]])
    return arch, Params(weights, biases), x, y, 0.5


def _initialised(arch: Architecture, dataset: Dataset, config: TrainingConfig) -> PresetSetup:
    return PresetSetup(arch, init_params(arch, config.init_method, config.seed), dataset, config)


def _notebook() -> PresetSetup:
    arch = Architecture((2, 3, 1), "relu", "sigmoid", "bce")
    config = TrainingConfig(init_method="normal", seed=0, learning_rate=0.1, batch_size=0)
    return _initialised(arch, make_dataset("notebook", seed=0), config)


def _worked_222() -> PresetSetup:
    arch, params, x, y, lr = worked_example_222()
    config = TrainingConfig(init_method="normal", seed=0, learning_rate=lr, batch_size=0)
    return PresetSetup(arch, params, dataset_from_arrays("worked example 2-2-2", x, y), config)


def _xor() -> PresetSetup:
    arch = Architecture((2, 4, 1), "tanh", "sigmoid", "bce")
    config = TrainingConfig(init_method="xavier", seed=0, learning_rate=0.5, batch_size=0)
    return _initialised(arch, make_dataset("xor", seed=0), config)


def _spiral() -> PresetSetup:
    arch = Architecture((2, 8, 8, 1), "tanh", "sigmoid", "bce")
    config = TrainingConfig(init_method="xavier", seed=0, learning_rate=0.1, momentum=0.9, batch_size=16)
    return _initialised(arch, make_dataset("spiral", n_samples=300, seed=0), config)


def _blobs() -> PresetSetup:
    arch = Architecture((2, 6, 3), "tanh", "softmax", "ce")
    config = TrainingConfig(init_method="xavier", seed=0, learning_rate=0.3, batch_size=32)
    return _initialised(arch, make_dataset("blobs", n_classes=3, seed=0), config)


def _iris() -> PresetSetup:
    arch = Architecture((4, 8, 3), "tanh", "softmax", "ce")
    config = TrainingConfig(init_method="xavier", seed=0, learning_rate=0.1, batch_size=0)
    return _initialised(arch, make_dataset("iris", seed=0), config)


def _digits() -> PresetSetup:
    arch = Architecture((64, 32, 10), "tanh", "softmax", "ce")
    config = TrainingConfig(init_method="xavier", seed=0, learning_rate=0.1, batch_size=32, shuffle=True)
    return _initialised(arch, make_dataset("digits", seed=0), config)


PRESETS: dict[str, Preset] = {
    p.key: p
    for p in (
        Preset("notebook", msg("Notebook example (2-3-1)"),
               msg("The notebook's network: 2-3-1, ReLU hidden, sigmoid output, binary cross-entropy, "
               "N(0,1) weights from seed 0, learning rate 0.1, its batch of 5 random points"), _notebook),
        Preset("worked-222", msg("Worked example 2-2-2 (check by hand)"),
               msg("The classic backprop worked example: inputs 0.05, 0.10; targets 0.01, 0.99; sigmoid "
               "everywhere, ½Σ squared error, learning rate 0.5. After one step w5 = 0.35891648, "
               "w1 = 0.149780716"), _worked_222),
        Preset("xor", msg("XOR (2-4-1)"),
               msg("XOR quadrants with a 2-4-1 tanh network, sigmoid output, Xavier init, learning rate 0.5"), _xor),
        Preset("spiral", msg("Two spirals (2-8-8-1)"),
               msg("Two interleaved spirals with a 2-8-8-1 tanh network, mini-batches of 16, learning rate 0.1, momentum 0.9"), _spiral),
        Preset("blobs", msg("Three blobs, softmax (2-6-3)"),
               msg("Three Gaussian blobs with a 2-6-3 network: softmax output, cross-entropy, mini-batches of 32"), _blobs),
        Preset("iris", msg("Iris flowers, softmax (4-8-3)"),
               msg("Fisher's Iris: 4 measurements in cm, 3 species; a 4-8-3 tanh network, softmax output, "
                   "cross-entropy, Xavier init, full batch, learning rate 0.1; 20 % of the flowers held out for testing"),
               _iris),
        Preset("digits", msg("Handwritten digits 8×8 (64-32-10)"),
               msg("1,797 images of 8×8 pixels, digits 0-9; a 64-32-10 tanh network, softmax output, cross-entropy, "
               "Xavier init, shuffled mini-batches of 32, learning rate 0.1; 20 % held out for testing"), _digits),
    )
}
DEFAULT_PRESET = "notebook"


def apply_preset(session, preset: Preset | str) -> PresetSetup:
    """Set ``session``'s settings, data, network and parameters to ``preset``; returns the setup.

    The setup is built (and checked) before anything changes, so a failure leaves the session as it was.
    """
    preset = PRESETS[preset] if isinstance(preset, str) else preset
    setup = preset.build()
    setup.params.check_fits(setup.arch)
    setup.dataset.targets_for(setup.arch.sizes[-1])
    with session.undo_stack.change(session.tr("Preset {0}").format(preset.title)):
        session.set_config(setup.config)
        session.set_data(setup.dataset, setup.arch)
        session.set_network(setup.arch, setup.params)
    session.message.emit(session.tr("Preset: {0} — {1}").format(preset.title, preset.description))
    return setup
