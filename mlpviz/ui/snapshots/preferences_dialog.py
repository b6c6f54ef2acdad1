"""Preferences ▸ Snapshots and history: folder, auto-snapshot interval, history budget, session restore."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton,
    QWidget,
)

from mlpviz.i18n import msg

from .preferences import SnapshotPreferences, max_history_mb
from ..widgets.number_spin_box import WholeNumberSpinBox


class PreferencesDialog(QDialog):
    """Edits a SnapshotPreferences; ``preferences()`` gives the edited value."""

    def __init__(self, prefs: SnapshotPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.folder_edit = QLineEdit(prefs.snapshots_folder)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)
        self.auto_spin = WholeNumberSpinBox(0, 1_000_000, special=self.tr("off"))
        self.auto_spin.setValue(prefs.auto_every)
        self.auto_spin.setSuffix(self.tr(" steps"))
        self.auto_spin.setToolTip(self.tr("During Run, save a snapshot into the snapshots folder every N steps (0: off)"))
        self.history_spin = WholeNumberSpinBox(1, max_history_mb())  # at most a share of this machine's memory
        self.history_spin.setValue(prefs.history_mb)
        self.history_spin.setSuffix(" MB")
        self.history_spin.setToolTip(self.tr("Memory for the parameters of past steps; beyond it older steps are thinned out"))
        self.restore_check = QCheckBox(self.tr("Reopen the last network and data at launch"))
        self.restore_check.setChecked(prefs.restore_session)

        form = QFormLayout(self)
        form.addRow(self.tr("Snapshots folder:"), folder_row)
        form.addRow(self.tr("Auto-snapshot every:"), self.auto_spin)
        form.addRow(self.tr("History memory:"), self.history_spin)
        form.addRow(self.tr("Session:"), self.restore_check)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def preferences(self) -> SnapshotPreferences:
        return SnapshotPreferences(
            self.folder_edit.text().strip(), self.auto_spin.value(), self.history_spin.value(),
            self.restore_check.isChecked(),
        )

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, str(msg("Snapshots folder")), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)
