"""The question when a network file does not fit the data loaded: both numbers said in plain words, with
Choose data… (a data file for the network) and Cancel (the network and the data stay as they were)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from mlpviz.engine import InputsMismatch, inputs_mismatch
from mlpviz.engine.inputs import either
from mlpviz.i18n import msg, msg_n


class DataChoiceBox(QMessageBox):
    """Says why ``file_name`` does not open on the data (``mismatch``; ``data_name``: a data file chosen for it,
    else the data loaded); ``choose_button`` offers a data file."""

    def __init__(self, title: str, file_name: str, mismatch: InputsMismatch, data_name: str | None = None,
                 parent: QWidget | None = None) -> None:
        problem = str(inputs_mismatch(mismatch.widths, mismatch.n_columns, data_name))
        if len(mismatch.widths) > 1:  # the layers' order is still open
            advice = msg("Choose a data file with {widths} input columns to open the network on it, or Cancel to "
                         "keep the network and the data you have.", widths=either(mismatch.widths))
        else:
            advice = msg_n("Choose a data file with {n} input column to open the network on it, or Cancel to keep "
                           "the network and the data you have.",
                           "Choose a data file with {n} input columns to open the network on it, or Cancel to keep "
                           "the network and the data you have.", mismatch.n_inputs)
        text = msg("{name} was not opened.\n\n{problem}.\n\n{advice}", name=file_name,
                   problem=f"{problem[:1].upper()}{problem[1:]}", advice=advice)
        super().__init__(QMessageBox.Icon.Warning, title, str(text), QMessageBox.StandardButton.Cancel, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # file names as typed
        self.choose_button = self.addButton(str(msg("Choose data…")), QMessageBox.ButtonRole.AcceptRole)
        self.setDefaultButton(self.choose_button)


def ask_for_data(title: str, file_name: str, mismatch: InputsMismatch, data_name: str | None = None,
                 parent: QWidget | None = None) -> bool:
    """True when the user pressed Choose data…, False for Cancel (or the box closed)."""
    box = DataChoiceBox(title, file_name, mismatch, data_name, parent)
    box.exec()
    return box.clickedButton() is box.choose_button
