"""What a network is: its layer sizes, activations and loss, checked once."""

from __future__ import annotations

from dataclasses import dataclass

from mlpviz.i18n import msg

from .activations import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from .errors import ArchitectureError
from .losses import LOSSES, REQUIRED_OUTPUT

MAX_UNITS_PER_LAYER = 4096
MAX_PARAMETERS = 5_000_000
MAX_LAYERS = 32  # weight layers; deeper networks cannot be drawn or read on one canvas


@dataclass(frozen=True)
class Architecture:
    """Layer sizes (input first, output last), activations and loss.

    ``sizes=(2, 3, 1)`` is the notebook's network: 2 inputs, one hidden layer of 3
    units, 1 output. Construction validates everything and raises ArchitectureError
    with a message a user can act on.
    """

    sizes: tuple[int, ...]
    hidden_activation: str = "relu"
    output_activation: str = "sigmoid"
    loss: str = "bce"

    def __post_init__(self) -> None:
        try:
            if len(self.sizes) > MAX_LAYERS + 1:
                raise ArchitectureError(
                    msg("a network of {value:,} weight layers is over the limit of {max_layers}", value=len(self.sizes) - 1, max_layers=MAX_LAYERS)
                )
            sizes = tuple(int(s) for s in self.sizes)
        except (TypeError, ValueError):
            raise ArchitectureError(msg("layer sizes must be whole numbers, got {sizes}", sizes=repr(self.sizes))) from None
        object.__setattr__(self, "sizes", sizes)
        if len(sizes) < 2:
            raise ArchitectureError(msg("a network needs at least an input and an output layer"))
        if any(s < 1 for s in sizes):
            raise ArchitectureError(msg("every layer needs at least one unit, got {value}", value=format_sizes(sizes)))
        if max(sizes) > MAX_UNITS_PER_LAYER:
            raise ArchitectureError(
                msg("a layer of {value} units is over the limit of {max_units_per_layer}", value=max(sizes), max_units_per_layer=MAX_UNITS_PER_LAYER)
            )
        if self.parameter_count > MAX_PARAMETERS:
            raise ArchitectureError(
                msg("{value} has {parameter_count:,} parameters, over the limit of {max_parameters:,}", value=format_sizes(sizes), parameter_count=self.parameter_count, max_parameters=MAX_PARAMETERS)
            )
        if self.hidden_activation not in HIDDEN_ACTIVATIONS:
            raise ArchitectureError(
                msg("unknown hidden activation {hidden_activation}; choose one of {items}", hidden_activation=repr(self.hidden_activation), items=', '.join(HIDDEN_ACTIVATIONS))
            )
        if self.output_activation not in OUTPUT_ACTIVATIONS:
            raise ArchitectureError(
                msg("unknown output activation {output_activation}; choose one of {items}", output_activation=repr(self.output_activation), items=', '.join(OUTPUT_ACTIVATIONS))
            )
        if self.loss not in LOSSES:
            raise ArchitectureError(msg("unknown loss {loss}; choose one of {items}", loss=repr(self.loss), items=', '.join(LOSSES)))
        needed = REQUIRED_OUTPUT.get(self.loss)
        if needed and self.output_activation != needed:
            raise ArchitectureError(
                msg("the {loss} loss ({title}) needs a {needed} output, not {output_activation}", loss=self.loss, title=LOSSES[self.loss].title, needed=needed, output_activation=self.output_activation)
            )
        if self.output_activation == "softmax" and self.loss == "bce":  # pragma: no cover - caught above
            raise ArchitectureError(msg("softmax with bce makes no sense; use ce"))

    @property
    def layer_count(self) -> int:
        """Number of weight layers (one less than the number of unit layers)."""
        return len(self.sizes) - 1

    @property
    def parameter_count(self) -> int:
        return sum(i * o + o for i, o in zip(self.sizes[:-1], self.sizes[1:]))

    @property
    def edge_count(self) -> int:
        return sum(i * o for i, o in zip(self.sizes[:-1], self.sizes[1:]))

    def activation_of(self, layer: int) -> str:
        """Activation of unit layer ``layer`` (1 .. len(sizes)-1)."""
        return self.output_activation if layer == self.layer_count else self.hidden_activation

    def label(self) -> str:
        return format_sizes(self.sizes)


def format_sizes(sizes) -> str:
    """``(2, 3, 1)`` -> ``'2-3-1'``, the way the app names an architecture."""
    return "-".join(str(s) for s in sizes)


def parse_sizes(text: str) -> tuple[int, ...]:
    """Parse ``'2,3,1'`` or ``'2-3-1'`` into a tuple of ints, or raise ArchitectureError."""
    parts = [p.strip() for p in text.replace("-", ",").replace(" ", ",").split(",") if p.strip()]
    try:
        return tuple(int(p) for p in parts)
    except ValueError:
        raise ArchitectureError(msg("layer sizes must be whole numbers like 2,3,1, got {text_}", text_=repr(text))) from None
