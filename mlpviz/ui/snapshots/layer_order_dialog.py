"""Asks for the order of a network file's layers when neither their names nor their shapes tell it (a PyTorch
module whose ``encoder`` and ``decoder`` fit either way round): the app's ``--layer-order``."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from mlpviz.io.layer_order import LayerOrderNeeded, parse_layer_order

from ..widgets.plain_text import plain_label


class LayerOrderDialog(QDialog):
    """Says why the order of ``file_name``'s layers is asked (``needed.in_app()``) and takes it in ``order``."""

    def __init__(self, file_name: str, needed: LayerOrderNeeded, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Layer order of %1").replace("%1", file_name))
        why = str(needed.in_app())
        self.reason = plain_label(f"{why[:1].upper()}{why[1:]}", wrap=True)  # layer names as the file has them
        self.layers = plain_label(self.tr("Layers: %1").replace("%1", ", ".join(needed.names)), wrap=True)
        self.order = QLineEdit()
        self.order.setPlaceholderText(needed.example)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.order.textChanged.connect(self._on_text_changed)
        self._on_text_changed("")
        layout = QVBoxLayout(self)
        for widget in (self.reason, self.layers, self.order, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 60))

    def _on_text_changed(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(parse_layer_order(text)))

    def layer_order(self) -> tuple[str, ...]:
        return parse_layer_order(self.order.text())


def ask_layer_order(file_name: str, needed: LayerOrderNeeded, parent: QWidget | None = None) -> tuple[str, ...] | None:
    """The order the user typed, or None if they cancelled."""
    dialog = LayerOrderDialog(file_name, needed, parent)
    return dialog.layer_order() if dialog.exec() == QDialog.Accepted else None
