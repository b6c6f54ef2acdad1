"""The PyTorch code that rebuilds an exported network: an ``nn.Sequential`` the safetensors file loads into."""

from __future__ import annotations

from mlpviz.engine.activations import LEAKY_SLOPE
from mlpviz.engine.architecture import Architecture

_MODULES = {
    "relu": "nn.ReLU()",
    "leaky_relu": f"nn.LeakyReLU({LEAKY_SLOPE})",
    "sigmoid": "nn.Sigmoid()",
    "tanh": "nn.Tanh()",
    "linear": "nn.Identity()",
    "softmax": "nn.Softmax(dim=1)",
}


def sequential_modules(arch: Architecture) -> list[str]:
    """``['nn.Linear(2, 3)', 'nn.ReLU()', 'nn.Linear(3, 1)', 'nn.Sigmoid()']``: Linear layers at even indices.

    A linear hidden activation is an ``nn.Identity()`` so the Linear indices stay 0, 2, 4 …;
    a linear output adds nothing.
    """
    modules = []
    for l, (i, o) in enumerate(zip(arch.sizes[:-1], arch.sizes[1:])):
        modules.append(f"nn.Linear({i}, {o})")
        last = l == arch.layer_count - 1
        activation = arch.output_activation if last else arch.hidden_activation
        if not (last and activation == "linear"):
            modules.append(_MODULES[activation])
    return modules


def sequential_text(arch: Architecture) -> str:
    """``nn.Sequential(nn.Linear(2, 3), nn.ReLU(), …)`` on one line."""
    return f"nn.Sequential({', '.join(sequential_modules(arch))})"


def pytorch_snippet(arch: Architecture, path) -> str:
    """Python that loads the exported safetensors file ``path`` into the matching PyTorch model."""
    modules = ",\n    ".join(sequential_modules(arch))
    last = "" if arch.output_activation == "linear" else (
        f"# model[:-1] gives the logits (for nn.{'BCEWithLogitsLoss' if arch.output_activation == 'sigmoid' else 'CrossEntropyLoss'})\n"
    )
    return (
        "import torch\n"
        "from torch import nn\n"
        "from safetensors.torch import load_file\n"
        "\n"
        f"model = nn.Sequential(\n    {modules},\n).double()\n"
        f"model.load_state_dict(load_file({str(path)!r}))\n"
        f"{last}"
        f"y = model(torch.zeros(1, {arch.sizes[0]}, dtype=torch.float64))  # same outputs as mlpviz\n"
    )
