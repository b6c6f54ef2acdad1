"""Asks for the activations of a network file that does not say them (a safetensors file from PyTorch)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from mlpviz.engine import HIDDEN_ACTIVATIONS, LOSSES, OUTPUT_ACTIVATIONS, format_sizes
from mlpviz.io import Activations, ActivationsNeeded
from mlpviz.engine.losses import NATURAL_LOSS
from ..widgets.plain_text import plain_label


class ActivationsDialog(QDialog):
    """Shows the architecture and layer order found in ``file_name``; the user picks hidden, output and loss."""

    def __init__(self, file_name: str, needed: ActivationsNeeded, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Activations of %1").replace("%1", file_name))
        intro = plain_label(self.tr("%1 holds a %2 network but does not say which activations it uses. Choose them:")
                       .replace("%1", file_name).replace("%2", format_sizes(needed.sizes)))
        order = plain_label(self.tr("Layers in this order: %1").replace("%1", " → ".join(needed.layer_names)))
        self.order_warning = plain_label(self.tr(
            "The layer names do not tell their order: it was worked out from the weight shapes. Check it."))
        for label in (intro, order, self.order_warning):
            label.setTextFormat(Qt.PlainText)
            label.setWordWrap(True)
        self.order_warning.setVisible(needed.ordered_by_shapes)
        self.logits_note = plain_label(self.tr(
            "It ends at its last layer's weighted sums (logits), as a classifier trained with PyTorch's "
            "nn.CrossEntropyLoss or Keras' from_logits=True is saved: its output activation lived in the "
            "framework's loss. For classes choose softmax with ce (sigmoid with bce for one output); for numbers, "
            "linear with mse."))
        self.logits_note.setTextFormat(Qt.PlainText)
        self.logits_note.setWordWrap(True)
        self.logits_note.setVisible(needed.suggested is not None)
        self.hidden, self.output, self.loss = QComboBox(), QComboBox(), QComboBox()
        self.hidden.addItems(HIDDEN_ACTIVATIONS)
        self.output.addItems(OUTPUT_ACTIVATIONS)
        self.loss.addItems(list(LOSSES))
        self.hidden.setEnabled(len(needed.sizes) > 2)
        self.output.currentTextChanged.connect(self._on_output_text_changed)
        if needed.sizes[-1] > 1:  # several outputs are classes far more often: not sigmoid with bce
            self.output.setCurrentText("softmax")
        self._on_output_text_changed(self.output.currentText())
        if needed.suggested is not None:
            for box, value in ((self.hidden, needed.suggested.hidden), (self.output, needed.suggested.output),
                               (self.loss, needed.suggested.loss)):
                if value:
                    box.setCurrentText(value)
        form = QFormLayout()
        form.addRow(self.tr("Hidden activation"), self.hidden)
        form.addRow(self.tr("Output activation"), self.output)
        form.addRow(self.tr("Loss"), self.loss)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, order, self.order_warning, self.logits_note):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 60))

    def _on_output_text_changed(self, output: str) -> None:
        self.loss.setCurrentText(NATURAL_LOSS.get(output, "mse"))

    def activations(self) -> Activations:
        hidden = self.hidden.currentText() if self.hidden.isEnabled() else None
        return Activations(hidden, self.output.currentText(), self.loss.currentText())


def ask_activations(file_name: str, needed: ActivationsNeeded, parent: QWidget | None = None) -> Activations | None:
    """The activations the user chose, or None if they cancelled."""
    dialog = ActivationsDialog(file_name, needed, parent)
    return dialog.activations() if dialog.exec() == QDialog.Accepted else None
