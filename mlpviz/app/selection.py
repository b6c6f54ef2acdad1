"""What the user has picked to look at: a sample of the batch, and a unit or a weight."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

MEAN = -1  # sample index meaning "the batch mean"


@dataclass(frozen=True)
class UnitRef:
    """Unit ``index`` of unit layer ``layer`` (0 = input); ``index`` -1 means its bias row."""

    layer: int
    index: int


@dataclass(frozen=True)
class WeightRef:
    """Weight ``W[layer][row, col]``: from unit ``row`` of layer ``layer`` to unit ``col`` of ``layer+1``.

    ``row`` -1 means the bias ``b[layer][col]``.
    """

    layer: int
    row: int
    col: int

    @property
    def is_bias(self) -> bool:
        return self.row < 0


class Selection(QObject):
    """Shared by canvas, tables and formula panel so that picking in one shows in all."""

    sample_changed = Signal(int)
    item_changed = Signal(object)  # UnitRef | WeightRef | None

    def __init__(self, parent: QObject | None = None, sizes: tuple[int, ...] = ()) -> None:
        super().__init__(parent)
        self.sample = 0
        self.item: UnitRef | WeightRef | None = None
        self._sizes = tuple(sizes)  # the layer sizes of the network the pick was made in

    def set_sample(self, sample: int) -> None:
        """Show values of batch sample ``sample`` (0-based), or of the batch mean with MEAN."""
        if sample != self.sample:
            self.sample = sample
            self.sample_changed.emit(sample)

    def set_item(self, item: UnitRef | WeightRef | None) -> None:
        if item != self.item:
            self.item = item
            self.item_changed.emit(item)

    def clear(self) -> None:
        self.set_item(None)

    def set_architecture(self, arch) -> None:
        """The network was rebuilt (the session's ``network_rebuilt``): the pick stays only while the layer sizes
        do (another activation or loss: the same unit or weight); in another shape the same place is another one."""
        if tuple(arch.sizes) != self._sizes:
            self._sizes = tuple(arch.sizes)
            self.clear()
