"""The four ways learners write a network, each driven the same way: set mlpviz's parameters, take steps, read back.

Runs where the learner's code runs (the learner's own process for a file, the notebook's
kernel for :func:`mlpviz.check.check`). Everything read back is turned into mlpviz's layout
(:mod:`mlpviz.check.quantities`); what was changed to get there is named as a convention.
"""

from __future__ import annotations

import copy
import inspect
from dataclasses import dataclass, field

import numpy as np

from mlpviz.i18n import msg

STYLE_TITLES = {
    "notebook": msg("the notebook's style: Network(sizes) with forward, backward and optimize"),
    "nielsen": msg("Nielsen's network.py style: backprop(x, y) per sample and update_mini_batch"),
    "params": msg("the course-assignment style: a params dict W1, b1, … and loss(X, y) -> (loss, grads)"),
    "function": msg("a step(weights, biases, x, y, lr) function returning a dict"),
}
WHAT_IS_LOOKED_FOR = (
    "define one of: a class with forward/backward/optimize (the notebook's style); a class with backprop "
    "and update_mini_batch (Nielsen's); a class with a params dict and loss(X, y) -> (loss, grads); "
    "or a function step(weights, biases, x, y, lr) that returns a dict (see README, 'Check your own backprop')"
)
ZS_NAMES = ("zs", "_zs", "z_list", "z")
AS_NAMES = ("activations", "_as", "as_", "a_list", "_activations")
DWS_NAMES = ("dws", "dW", "dw", "grad_weights", "grads_w", "nabla_w")
DBS_NAMES = ("dbs", "db", "grad_biases", "grads_b", "nabla_b")
BIAS_NAMES = ("biases", "bias", "b")
DELTA_NAMES = ("deltas", "_deltas", "dls")


class StyleError(Exception):
    """The learner's network cannot be driven (a missing method, an attribute of the wrong kind)."""


@dataclass
class Run:
    """What one run of the learner's step(s) exposed: per step a dict of quantities, and the conventions seen."""

    steps: list[dict] = field(default_factory=list)
    conventions: set[str] = field(default_factory=set)


def _attr(obj, names):
    for name in names:
        value = getattr(obj, name, None)
        if value is not None and not callable(value):
            return value
    return None


def _arrays(value):
    """A list of arrays, or None if ``value`` is not a list of array-likes."""
    if isinstance(value, np.ndarray) and value.dtype != object:
        value = [value] if value.ndim else None
    if not isinstance(value, (list, tuple)):
        return None
    try:
        return [np.array(v) for v in value]
    except Exception:
        return None


class Reader:
    """Turns the learner's arrays into mlpviz's layout and notes float32 on the way."""

    def __init__(self, sizes, batch: int, transposed: bool, run: Run) -> None:
        self.sizes, self.batch, self.transposed, self.run = tuple(sizes), batch, transposed, run

    def _seen(self, a: np.ndarray) -> np.ndarray:
        if a.dtype == np.float32:
            self.run.conventions.add("float32")
        try:
            return a.astype(np.float64)
        except (TypeError, ValueError):
            return np.full(a.shape, np.nan)

    def weight(self, value, l: int) -> np.ndarray:
        a = self._seen(np.asarray(value))
        shape = (self.sizes[l - 1], self.sizes[l])
        if a.shape == shape[::-1] and (self.transposed or shape[0] != shape[1]):
            if not self.transposed:
                self.run.conventions.add("layout")
            return a.T
        return a

    def bias(self, value, l: int) -> np.ndarray:
        a = self._seen(np.asarray(value))
        n = self.sizes[l]
        if a.size == n:
            return a.reshape(n)
        if a.ndim == 2 and a.shape == (n, self.batch) and self.transposed:
            return a.T
        return a

    def per_sample(self, value, l: int) -> np.ndarray:
        a = self._seen(np.asarray(value))
        n = self.sizes[l]
        if a.shape == (self.batch, n):
            return a
        if a.ndim == 2 and a.shape == (n, self.batch) and (self.transposed or n != self.batch):
            return a.T
        if a.size == self.batch * n and (n == 1 or self.batch == 1):
            return a.reshape(self.batch, n)
        return a

    def layers(self, out: dict, name: str, values, kind: str) -> None:
        """``values`` (one per layer, or one per unit layer with the inputs first) into ``out``."""
        values = _arrays(values)
        L = len(self.sizes) - 1
        if values is None or len(values) < L:
            return
        values = values[-L:]
        read = {"weight": self.weight, "bias": self.bias, "per_sample": self.per_sample}[kind]
        for l, v in enumerate(values, start=1):
            out[(name, l)] = read(v, l)


def _scalar(value):
    try:
        v = float(np.asarray(value, dtype=np.float64).reshape(()))
    except (TypeError, ValueError):
        return None
    return np.asarray(v)


def _construct(cls, sizes):
    """An instance of the learner's class for ``sizes``: by the assignment's keyword names
    (``input_dim``, ``hidden_dim(s)``, ``num_classes``, …) when its constructor has them, else ``cls(sizes)``."""
    try:
        names = inspect.signature(cls).parameters
    except (TypeError, ValueError):
        names = {}
    kw = {}
    for name in names:
        low = name.lower()
        if low in ("input_dim", "input_size", "n_input", "n_inputs", "d_in"):
            kw[name] = sizes[0]
        elif low in ("hidden_dim", "hidden_size", "n_hidden") and len(sizes) == 3:
            kw[name] = sizes[1]
        elif low in ("hidden_dims", "hidden_sizes", "hidden_layers"):
            kw[name] = list(sizes[1:-1])
        elif low in ("num_classes", "output_size", "output_dim", "n_output", "n_outputs", "n_classes"):
            kw[name] = sizes[-1]
    return cls(**kw) if kw else cls(list(sizes))


class Learner:
    """One of the styles: ``make()`` a fresh network, ``run(...)`` steps on it and read back what it shows."""

    style = ""
    label_forms = ("index", "flat", "column")

    def __init__(self, make, sizes=None) -> None:
        self.make, self.sizes = make, sizes

    def run(self, weights, biases, x, y, lr: float, steps: int) -> Run:
        raise NotImplementedError


def _set_list(obj, names, values, what: str) -> str:
    for name in names:
        if hasattr(obj, name):
            setattr(obj, name, values)
            return name
    raise StyleError(msg("your network has no {what} attribute ({items})", what=what, items=', '.join(names)))


def _learner_layout(existing, w: np.ndarray, transposed: bool) -> np.ndarray:
    return np.array(w.T if transposed else w)


def _bias_like(existing, b: np.ndarray, default_shape) -> np.ndarray:
    shape = np.shape(existing) if existing is not None and np.size(existing) == b.size else default_shape
    return np.array(b).reshape(shape)


class NotebookLearner(Learner):
    style = "notebook"

    def _load(self, net, weights, biases) -> bool:
        old_w = _arrays(getattr(net, "weights", None)) or [None] * len(weights)
        transposed = any(o is not None and o.shape == w.T.shape and o.shape != w.shape for o, w in zip(old_w, weights))
        net.weights = [_learner_layout(o, w, transposed) for o, w in zip(old_w, weights)]
        bias_name = next((n for n in BIAS_NAMES if hasattr(net, n)), "biases")
        old_b = _arrays(getattr(net, bias_name, None)) or [None] * len(biases)
        shape = (lambda b: (b.size, 1)) if transposed else (lambda b: (1, b.size))
        setattr(net, bias_name, [_bias_like(o, b, shape(b)) for o, b in zip(old_b, biases)])
        self.bias_name = bias_name
        return transposed

    def run(self, weights, biases, x, y, lr, steps):
        run = Run()
        net = self.make()
        transposed = self._load(net, weights, biases)
        read = Reader(self.sizes, x.shape[0], transposed, run)
        if transposed:
            run.conventions.add("layout")
        for _ in range(steps):
            out: dict = {}
            probe = copy.deepcopy(net)
            yhat = probe.forward(x.copy())
            if yhat is not None:
                out[("a", len(self.sizes) - 1)] = read.per_sample(yhat, len(self.sizes) - 1)
            read.layers(out, "z", _attr(probe, ZS_NAMES), "per_sample")
            acts = _arrays(_attr(probe, AS_NAMES))
            if acts is not None:
                acts = [a for a in acts if a.shape != x.shape or not np.array_equal(a, x)] or None
            read.layers(out, "a", acts, "per_sample")
            if yhat is not None:
                out[("a", len(self.sizes) - 1)] = read.per_sample(yhat, len(self.sizes) - 1)
            if callable(getattr(net, "zero_grad", None)):
                net.zero_grad()
            returned = net.backward(x.copy(), y.copy())
            dws, dbs = _attr(net, DWS_NAMES), _attr(net, DBS_NAMES)
            if isinstance(returned, tuple) and dws is None:
                lists = [r for r in returned if _arrays(r) is not None and len(r) == len(self.sizes) - 1]
                if len(lists) >= 2:
                    dws, dbs = lists[-2], lists[-1]
            loss = returned if not isinstance(returned, tuple) else next((r for r in returned if _scalar(r) is not None), None)
            if loss is not None and _scalar(loss) is not None:
                out[("loss", None)] = _scalar(loss)
            read.layers(out, "grad_W", dws, "weight")
            read.layers(out, "grad_b", dbs, "bias")
            read.layers(out, "delta", _attr(net, DELTA_NAMES), "per_sample")
            update = next((getattr(net, n) for n in ("optimize", "update", "step", "sgd") if callable(getattr(net, n, None))), None)
            if update is None:
                raise StyleError(msg("your network has backward but no optimize(lr) (or update(lr)) method"))
            update(lr)
            read.layers(out, "W_after", net.weights, "weight")
            read.layers(out, "b_after", getattr(net, self.bias_name), "bias")
            run.steps.append(out)
        return run


class NielsenLearner(Learner):
    style = "nielsen"
    label_forms = ("column",)

    def run(self, weights, biases, x, y, lr, steps):
        run = Run(conventions={"layout", "per_sample"})
        net = self.make()
        net.weights = [np.array(w.T) for w in weights]
        net.biases = [np.array(b).reshape(-1, 1) for b in biases]
        L = len(self.sizes) - 1
        read = Reader(self.sizes, x.shape[0], True, run)
        xs = [np.array(r).reshape(-1, 1) for r in x]
        ys = [np.array(r).reshape(-1, 1) for r in y]
        for _ in range(steps):
            out: dict = {}
            if callable(getattr(net, "feedforward", None)):
                out[("a", L)] = read.per_sample(np.hstack([np.asarray(net.feedforward(c)).reshape(-1, 1) for c in xs]), L)
            samples = [net.backprop(xc, yc) for xc, yc in zip(xs, ys)]
            for l in range(1, L + 1):
                nb = [np.asarray(s[0][l - 1]) for s in samples]
                nw = [np.asarray(s[1][l - 1]) for s in samples]
                out[("delta", l)] = read.per_sample(np.hstack([b.reshape(-1, 1) for b in nb]), l)
                out[("grad_W", l)] = read.weight(sum(nw) / len(nw), l)
                out[("grad_b", l)] = read.bias(sum(nb) / len(nb), l)
            net.update_mini_batch(list(zip(xs, ys)), lr)
            read.layers(out, "W_after", net.weights, "weight")
            read.layers(out, "b_after", net.biases, "bias")
            run.steps.append(out)
        return run


class ParamsLearner(Learner):
    style = "params"
    label_forms = ("index", "column", "flat")

    def run(self, weights, biases, x, y, lr, steps):
        run = Run(conventions={"own_update"} if steps > 1 else set())
        net = self.make()
        L = len(self.sizes) - 1
        if hasattr(net, "reg"):
            net.reg = 0.0
        for l, (w, b) in enumerate(zip(weights, biases), start=1):
            net.params[f"W{l}"], net.params[f"b{l}"] = np.array(w), np.array(b)
        read = Reader(self.sizes, x.shape[0], False, run)
        for _ in range(steps):
            out: dict = {}
            try:
                scores = net.loss(x.copy())
            except TypeError:
                scores = None
            if isinstance(scores, np.ndarray) and scores.ndim == 2:
                out[("z", L)] = read.per_sample(scores, L)
            returned = net.loss(x.copy(), y.copy())
            if not (isinstance(returned, tuple) and len(returned) == 2 and isinstance(returned[1], dict)):
                raise StyleError(msg("loss(X, y) must return (loss, grads) with grads a dict like {{'W1': …, 'b1': …}}"))
            loss, grads = returned
            if _scalar(loss) is not None:
                out[("loss", None)] = _scalar(loss)
            for l in range(1, L + 1):
                for name, key, kind in ((f"W{l}", "grad_W", read.weight), (f"b{l}", "grad_b", read.bias)):
                    if name in grads:
                        out[(key, l)] = kind(grads[name], l)
                        net.params[name] = net.params[name] - lr * np.asarray(grads[name])
            run.steps.append(out)
        return run


class FunctionLearner(Learner):
    style = "function"

    def run(self, weights, biases, x, y, lr, steps):
        run = Run()
        step = self.make()
        read = Reader(self.sizes, x.shape[0], False, run)
        weights, biases = [np.array(w) for w in weights], [np.array(b) for b in biases]
        for _ in range(steps):
            result = step([w.copy() for w in weights], [b.copy() for b in biases], x.copy(), y.copy(), lr)
            if not isinstance(result, dict):
                raise StyleError(msg("step(weights, biases, x, y, lr) returned {name}, not a dict", name=type(result).__name__))
            out: dict = {}
            for name, key, kind in (("z", "z", "per_sample"), ("a", "a", "per_sample"), ("delta", "delta", "per_sample"),
                                    ("grad_W", "grad_W", "weight"), ("grad_b", "grad_b", "bias"),
                                    ("weights_after", "W_after", "weight"), ("biases_after", "b_after", "bias")):
                if name in result:
                    read.layers(out, key, result[name], kind)
            if "loss" in result and _scalar(result["loss"]) is not None:
                out[("loss", None)] = _scalar(result["loss"])
            run.steps.append(out)
            L = len(self.sizes) - 1
            if all(("W_after", l) in out and ("b_after", l) in out for l in range(1, L + 1)):
                weights = [out[("W_after", l)] for l in range(1, L + 1)]
                biases = [out[("b_after", l)] for l in range(1, L + 1)]
            else:
                break  # nothing to continue from
        return run


def _methods(cls) -> set[str]:
    return {n for n in dir(cls) if callable(getattr(cls, n, None))}


def learner_for_class(cls, sizes, make=None) -> Learner | None:
    """The style of the learner's class ``cls`` (None if it is none of them)."""
    make = make or (lambda: _construct(cls, sizes))
    methods = _methods(cls)
    if {"backprop", "update_mini_batch"} <= methods:
        return NielsenLearner(make, sizes)
    if {"forward", "backward"} <= methods:
        return NotebookLearner(make, sizes)
    if "loss" in methods:
        return ParamsLearner(make, sizes)
    return None


def find_learner(namespace: dict, module: str, sizes) -> Learner:
    """The network the learner's code defines (its classes first, in the order written; then ``step``)."""
    for value in list(namespace.values()):
        if inspect.isclass(value) and getattr(value, "__module__", None) == module:
            learner = learner_for_class(value, sizes)
            if learner is not None:
                return learner
    step = namespace.get("step")
    if callable(step):
        return FunctionLearner(lambda: step, sizes)
    raise StyleError(msg("found no network in your code: {what_is_looked_for}", what_is_looked_for=WHAT_IS_LOOKED_FOR))


def learner_for_object(obj, sizes) -> Learner:
    """The learner of a live object (a notebook's network or step function); it is copied, never changed."""
    if inspect.isfunction(obj) or (callable(obj) and not hasattr(obj, "__dict__")):
        return FunctionLearner(lambda: obj, sizes)
    learner = learner_for_class(type(obj), sizes, make=lambda: copy.deepcopy(obj))
    if learner is None:
        raise StyleError(msg("{name} is none of the styles mlpviz checks: {what_is_looked_for}", name=type(obj).__name__, what_is_looked_for=WHAT_IS_LOOKED_FOR))
    return learner


def sizes_of(obj, n_inputs: int | None = None) -> tuple[int, ...] | None:
    """The layer sizes a live network's weights imply (read either way round; ``n_inputs`` decides), or None."""
    params = getattr(obj, "params", None)
    if isinstance(params, dict):
        names = sorted((k for k in params if k[:1] == "W" and k[1:].isdigit()), key=lambda k: int(k[1:]))
        ws = [np.asarray(params[k]) for k in names]
    else:
        ws = _arrays(getattr(obj, "weights", None)) or []
    if not ws or any(w.ndim != 2 for w in ws):
        return None
    ways = [ws, [w.T for w in ws]]
    fits = [way for way in ways if all(a.shape[1] == b.shape[0] for a, b in zip(way, way[1:]))
            and (n_inputs is None or way[0].shape[0] == n_inputs)]
    way = fits[0] if fits else ws
    return (way[0].shape[0],) + tuple(w.shape[1] for w in way)
