"""One training step walked through in order, as a document of headings, sentences and equations.

The order is the one a student works by hand: inputs, each unit's ``z`` and ``a``, ŷ and
the loss, δ at the output, δ of the hidden units, ``∂C/∂w``, the update, the new loss.
Writers (Markdown, LaTeX, HTML) only lay this document out. Networks with more than
``MAX_WEIGHTS`` weights are written out for the chosen units only, and the text says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlpviz.engine import StepRecord, forward
from mlpviz.engine.explain import MEAN, pick_sample
from mlpviz.engine.losses import LOSSES
from mlpviz.engine.layers import layer_fed_by
from mlpviz.i18n import msg, msg_n

from . import equations as eq
from .maths import Equation, Num, Op, Var, Word
from mlpviz.engine.unit_names import layer_title, unit_name

MAX_WEIGHTS = 60  # larger networks are written out for the chosen units only
MAX_LISTED = 16  # inputs, targets or incoming weights of one unit listed at most
MEAN_WORD = msg("mean")  # mean(z) over the batch


def _capitalized(title: str) -> str:
    """A layer title at the start of a heading ("Hidden 1"); a language without capitals is unchanged."""
    return title[:1].upper() + title[1:]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Maths:
    equation: Equation


Block = Heading | Text | Maths


@dataclass(frozen=True)
class WorkedStep:
    title: str
    blocks: tuple[Block, ...]


def default_units(record: StepRecord) -> tuple[tuple[int, int], ...] | None:
    """All units (None) for a small network; the first unit of every layer for a large one."""
    if record.arch.edge_count <= MAX_WEIGHTS:
        return None
    return tuple((layer, 0) for layer in range(1, record.arch.layer_count + 1))


def worked_step(record: StepRecord, sample: int = 0, units=None, notes: tuple[str, ...] = (),
                step: int | None = None) -> WorkedStep:
    """The document for ``record``: unit formulas for ``sample`` (0-based; ``MEAN`` for batch means).

    ``units`` is an iterable of ``(layer, index)`` with ``layer`` 1..L to write out; None
    writes every unit of a small network and ``default_units`` of a large one. ``notes`` say
    what was done to the data (e.g. the inputs' standardization), one paragraph each. ``step`` (from 1) is the
    step ``record`` is of, named in the title with the point it reaches: the parameters after its update.
    """
    arch = record.arch
    if sample != MEAN and not 0 <= sample < record.batch_size:
        raise IndexError(str(msg("sample {sample} is not in a batch of {size}", sample=sample + 1, size=record.batch_size)))
    chosen = default_units(record) if units is None else tuple(units)
    wanted = None if chosen is None else set(chosen)
    keep = (lambda layer, j: True) if wanted is None else (lambda layer, j: (layer, j) in wanted)
    w = _Writer(record, sample, keep)
    w.intro(chosen)
    w.add(*(Text(note[:1].upper() + note[1:].rstrip(".") + ".") for note in notes))
    w.inputs()
    w.forward_pass()
    w.loss()
    w.backward_pass()
    w.gradients()
    w.updates()
    w.after()
    if step is None:
        title = msg("One backprop step of a {network} network, worked out", network=arch.label())
    else:
        title = msg("Step {step} of a {network} network, worked out up to the parameters after step {step}'s update",
                    step=step, network=arch.label())
    return WorkedStep(str(title), tuple(w.blocks))


class _Writer:
    """Collects the blocks of one worked step (a helper of ``worked_step``)."""

    def __init__(self, record: StepRecord, sample: int, keep) -> None:
        self.r, self.sample, self.keep = record, sample, keep
        self.L = record.arch.layer_count
        self.s = 0 if sample == MEAN else sample
        self.blocks: list[Block] = []

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def units(self, layer: int) -> list[int]:
        return [j for j in range(self.r.arch.sizes[layer]) if self.keep(layer, j)]

    def name(self, layer: int, j: int) -> str:
        return unit_name(layer, j, self.L)

    def intro(self, chosen) -> None:
        r, arch = self.r, self.r.arch
        b = r.batch_size
        self.add(Text(
            str(msg("Network {network}: {hidden} hidden units, {output} outputs, loss {loss}. Learning rate η = {lr:g}",
                    network=arch.label(), hidden=arch.hidden_activation, output=arch.output_activation,
                    loss=LOSSES[arch.loss].title, lr=r.learning_rate))
            + (str(msg(", momentum μ = {momentum:g}", momentum=r.momentum)) if r.momentum else "")
            + (str(msg(", weight decay λ = {decay:g}", decay=r.weight_decay)) if r.weight_decay else "")
            + str(msg_n(". Batch of {n} sample.", ". Batch of {n} samples.", b))
        ))
        if b > 1:
            self.add(Text(
                str(msg("Each unit's values are the batch means (a formula such as z = Σ a·w + b holds per sample, "
                        "not for means: choose a sample to see it worked out).")) if self.sample == MEAN else
                str(msg("Each unit's z, a and δ are worked out for sample {sample} of {size}; the gradients are "
                        "means over all {size} samples.", sample=self.s + 1, size=b))
            ))
        if chosen is not None:
            names = ", ".join(self.name(layer, j) for layer, j in chosen)
            if arch.edge_count > MAX_WEIGHTS:
                text = msg("This network has {weights:,} weights, more than {most}: only units {names} "
                           "and the weights into them are written out.", weights=arch.edge_count,
                           most=MAX_WEIGHTS, names=names)
            else:
                text = msg("Only the chosen units {names} and the weights into them are written out.", names=names)
            self.add(Text(str(text)))
        if r.diverged:
            self.add(Text(str(msg("This step diverged (a non-finite loss or parameter): its update was not applied."))))

    def inputs(self) -> None:
        r = self.r
        self.add(Heading(str(msg("Inputs and targets"))))
        for symbol, layer, values in (("x", 0, r.inputs), ("y", self.L, r.targets)):
            n = values.shape[1]
            shown = pick_sample(values, self.sample)
            for i in range(min(n, MAX_LISTED)):
                name = Var(symbol, (str(i + 1),))
                lhs = (name,) if self.sample != MEAN else (Word(str(MEAN_WORD)), Op("("), name, Op(")"))
                self.add(Maths(Equation((lhs, (Num(shown[i]),)))))
            if n > MAX_LISTED:
                more = n - MAX_LISTED
                self.add(Text(str(msg("… and {more} more inputs.", more=more) if symbol == "x"
                                  else msg("… and {more} more targets.", more=more))))

    def forward_pass(self) -> None:
        self.add(Heading(str(msg("Forward pass"))))
        for layer in range(1, self.L + 1):
            units = self.units(layer)
            if not units:
                continue
            self.add(Heading(str(msg("{layer} ({activation})", layer=_capitalized(layer_title(layer, self.L)),
                                             activation=self.r.arch.activation_of(layer))), 3))
            for j in units:
                if self.sample == MEAN:
                    ly = self.r.layer(layer)
                    self.add(self._mean("z", layer, j, ly.z), self._mean("a", layer, j, ly.a))
                else:
                    self.add(Maths(eq.net_input(self.r, layer, j, self.s)), Maths(eq.activation(self.r, layer, j, self.s)))

    def _mean(self, base: str, layer: int, j: int, values) -> Maths:
        """``mean(z_j) = value`` over the batch (``values`` shaped ``(B, n)``)."""
        symbol = Var(base, (self.name(layer, j),))
        return Maths(Equation(((Word(str(MEAN_WORD)), Op("("), symbol, Op(")")), (Num(pick_sample(values, MEAN)[j]),))))

    def loss(self) -> None:
        r = self.r
        self.add(Heading(str(msg("Prediction and loss"))))
        self.add(Text(str(msg("ŷ is the output layer's activation. Loss: {loss}.", loss=LOSSES[r.arch.loss].title))))
        if self.sample != MEAN:
            self.add(Maths(eq.sample_loss(r, self.s)))
        if r.batch_size > 1:
            self.add(Text(str(msg("The batch loss is the mean of the samples' losses."))), Maths(eq.batch_loss(r)))

    def backward_pass(self) -> None:
        r = self.r
        self.add(Heading(str(msg("Backward pass: δ = ∂C/∂z"))))
        for layer in range(self.L, 0, -1):
            units = self.units(layer)
            if not units:
                continue
            title = _capitalized(layer_title(layer, self.L))
            self.add(Heading(str(msg("{layer}: δ at the output", layer=title) if layer == self.L
                                 else msg("{layer}: δ from the layer above", layer=title)), 3))
            for j in units:
                if self.sample == MEAN:
                    self.add(self._mean("δ", layer, j, r.layer(layer).delta))
                    continue
                slope = eq.slope(r, layer, j, self.s)
                cancels = layer == self.L and r.arch.loss in ("bce", "ce")
                if slope is not None and not cancels:
                    self.add(Maths(slope))
                self.add(Maths(eq.delta(r, layer, j, self.s)))

    def _parameters(self):
        """``(layer, row, col)`` of every weight and bias into a chosen unit (row -1 is the bias)."""
        for layer in range(self.L):
            for col in self.units(layer_fed_by(layer)):
                fan_in = self.r.arch.sizes[layer]
                for row in list(range(min(fan_in, MAX_LISTED))) + [-1]:
                    yield layer, row, col
                if fan_in > MAX_LISTED:
                    yield layer, None, col

    def gradients(self) -> None:
        b = self.r.batch_size
        self.add(Heading(str(msg("Gradients: ∂C/∂w = a·δ"))))
        if b > 1:
            self.add(Text(str(msg("Each gradient is the mean over the batch of {size} samples.", size=b))))
        self._each_parameter(eq.gradient)

    def updates(self) -> None:
        optimizer = self.r.optimizer
        self.add(Heading(str(msg("Update ({optimizer}): {rules}", optimizer=optimizer.title,
                                 rules=", ".join(optimizer.lines).replace("'", "′")))))
        self._each_parameter(lambda r, layer, row, col: eq.update(r, layer, row, col), before=eq.optimizer_state)

    def _each_parameter(self, make, before=None) -> None:
        for layer, row, col in self._parameters():
            if row is None:
                more = self.r.arch.sizes[layer] - MAX_LISTED
                self.add(Text(str(msg("… and {more} more weights into {unit}.", more=more,
                                      unit=self.name(layer_fed_by(layer), col)))))
                continue
            if before is not None:
                for equation in before(self.r, layer, row, col):
                    self.add(Maths(equation))
            self.add(Maths(make(self.r, layer, row, col)))

    def after(self) -> None:
        r = self.r
        new_loss = forward(r.arch, r.params_after, r.inputs, r.targets).loss
        self.add(Heading(str(msg("After the step"))))
        self.add(Text(str(msg("The same batch through the updated network (a forward pass with the new parameters), "
                              "beside the loss before the step:"))),
                 Maths(eq.loss_after(new_loss)), Maths(Equation(((Var("C"),), (Num(r.loss),)))))
