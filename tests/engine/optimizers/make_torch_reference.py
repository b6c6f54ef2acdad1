"""Records torch.optim's float64 trajectories for tests/engine/optimizers/torch_reference.json.

Run with a Python that has torch (not needed by the tests themselves):
    python3 -m venv /tmp/torchvenv && /tmp/torchvenv/bin/pip install torch numpy
    /tmp/torchvenv/bin/python tests/engine/optimizers/make_torch_reference.py

The network is mlpviz's convention written in torch: ``z = a @ W + b``, tanh hidden units,
softmax cross-entropy averaged over the batch. Weight decay goes on the weights only (a
param group of its own), as mlpviz does. Parameters are kept after chosen steps and the
optimizer's whole state after the last one.
"""

import json
from pathlib import Path

import numpy as np
import torch

STEPS = 60
KEPT = (1, 2, 3, 10, 30, 60)
SIZES = (3, 4, 3)

CASES = {
    "sgd": ("SGD", {"lr": 0.3}),
    "sgd_decay": ("SGD", {"lr": 0.3, "weight_decay": 0.05}),
    "momentum": ("SGD", {"lr": 0.1, "momentum": 0.9}),
    "nesterov": ("SGD", {"lr": 0.1, "momentum": 0.8, "nesterov": True, "weight_decay": 0.01}),
    "adam": ("Adam", {"lr": 0.05, "betas": (0.9, 0.999), "eps": 1e-8}),
    "adam_decay": ("Adam", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.1}),
    "adamw": ("AdamW", {"lr": 0.05, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.01}),
    "adamw_strong": ("AdamW", {"lr": 0.03, "betas": (0.5, 0.9), "eps": 1e-4, "weight_decay": 0.5}),
    "rmsprop": ("RMSprop", {"lr": 0.01, "alpha": 0.99, "eps": 1e-8}),
    "rmsprop_momentum": ("RMSprop", {"lr": 0.005, "alpha": 0.9, "eps": 1e-7, "momentum": 0.7, "weight_decay": 0.02}),
    "adagrad": ("Adagrad", {"lr": 0.2, "eps": 1e-10}),
    "adagrad_decay": ("Adagrad", {"lr": 0.1, "eps": 1e-6, "weight_decay": 0.03}),
}


def main() -> None:
    rng = np.random.default_rng(27)
    x = rng.standard_normal((8, SIZES[0]))
    classes = rng.integers(0, SIZES[-1], 8)
    y = np.eye(SIZES[-1])[classes]
    pairs = list(zip(SIZES[:-1], SIZES[1:]))
    weights = [rng.standard_normal((i, o)) * 0.8 for i, o in pairs]
    biases = [rng.standard_normal(o) * 0.3 for _, o in pairs]
    out = {"sizes": SIZES, "hidden": "tanh", "output": "softmax", "loss": "ce", "steps": STEPS, "kept": KEPT,
           "torch": torch.__version__, "inputs": x.tolist(), "targets": y.tolist(),
           "weights": [w.tolist() for w in weights], "biases": [b.tolist() for b in biases], "cases": {}}
    xt, yt = torch.tensor(x), torch.tensor(y)
    for case, (cls, kwargs) in CASES.items():
        ws = [torch.tensor(w, requires_grad=True) for w in weights]
        bs = [torch.tensor(b, requires_grad=True) for b in biases]
        decay = kwargs.pop("weight_decay", 0.0)
        groups = [{"params": ws, "weight_decay": decay}, {"params": bs, "weight_decay": 0.0}]
        opt = getattr(torch.optim, cls)(groups, **kwargs)
        kwargs["weight_decay"] = decay
        kept, losses = {}, []
        for step in range(1, STEPS + 1):
            opt.zero_grad()
            a = xt
            for l, (w, b) in enumerate(zip(ws, bs)):
                z = a @ w + b
                a = torch.tanh(z) if l < len(ws) - 1 else z
            loss = torch.nn.functional.cross_entropy(a, yt)
            loss.backward()
            opt.step()
            losses.append(loss.item())
            if step in KEPT:
                kept[str(step)] = [p.detach().numpy().ravel().tolist() for pair in zip(ws, bs) for p in pair]
        state = {}
        for pair in zip(ws, bs):
            for p in pair:
                for key, value in opt.state[p].items():
                    state.setdefault(key, []).append(value.detach().numpy().ravel().tolist()
                                                     if value.dim() else float(value))
        if "betas" in kwargs:
            kwargs["beta1"], kwargs["beta2"] = kwargs.pop("betas")
        out["cases"][case] = {"optimizer": cls, "settings": kwargs, "losses": losses, "params": kept, "state": state}
    path = Path(__file__).with_name("torch_reference.json")
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
