"""Check my backprop's panel and File menu action, connected to the controller that runs the checks.

Given what it needs and the commands it sends (the controller, the Selection, the canvas's
``set_check_marks``, the formula panel's ``set_check_lines``); MainWindow places the panel's
dock and answers ``show_requested`` and ``formulas_requested``.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QSettings, Signal

from mlpviz.app.backprop_check import BackpropCheck, item_of, marked_items
from mlpviz.app.selection import Selection
from mlpviz.check import Report, Row
from mlpviz.i18n import msg, translated

from .check_action import CheckFileChooser
from .check_panel import CheckPanel, row_lines


def describe_check(arch, dataset, learning_rate: float) -> str:
    """What the learner's step is compared with, for the question asked before the first run."""
    return str(msg("the network on screen (%s %s/%s/%s), the %d training samples of %s and η = %s")) % (
        arch.label(), arch.hidden_activation, arch.output_activation, arch.loss, dataset.n_train, dataset.name,
        f"{learning_rate:g}")


class BackpropCheckViews(QObject):
    """The panel (``panel``) and the menu action (``chooser.action``); a chosen row is selected everywhere."""

    show_requested = Signal()  # a check starts: show the panel
    formulas_requested = Signal()  # a row was chosen: bring the formula panel forward

    def __init__(self, controller: BackpropCheck, selection: Selection, set_marks: Callable[[list], None],
                 set_check_lines: Callable[[object, list], None], settings: QSettings,
                 describe: Callable[[], str], parent) -> None:
        super().__init__(parent)
        self.controller, self.selection = controller, selection
        self._set_marks, self._set_check_lines = set_marks, set_check_lines
        self._shown = False
        self.panel = CheckPanel()
        self.chooser = CheckFileChooser(self.start, describe, settings, parent)
        controller.report_changed.connect(self._show_report)
        controller.busy_changed.connect(self.panel.set_busy)
        self.panel.row_chosen.connect(self._choose_row)
        self.panel.check_again_requested.connect(controller.recheck)
        self.panel.choose_file_requested.connect(self.chooser.choose)

    def start(self, path: str) -> None:
        """Check ``path`` (already chosen and confirmed), and again whenever it is saved."""
        self.show_requested.emit()
        self.panel.set_report(None, path)
        self.controller.check_file(path)

    def set_shown(self, shown: bool) -> None:
        """The panel's dock was shown or hidden: the canvas marks and the formula lines go with it."""
        self._shown = shown
        self._set_marks(marked_items(self.controller.report) if shown else [])
        if not shown:
            self._set_check_lines(None, [])

    def _show_report(self, report: Report) -> None:
        self.panel.set_report(report, self.controller.path)
        self._set_marks(marked_items(report) if self._shown else [])

    def _choose_row(self, row: Row) -> None:
        item = item_of(row)
        if row.sample is not None:
            self.selection.set_sample(row.sample)
        self._set_check_lines(item, row_lines(row, translated))
        self.selection.set_item(item)
        self.formulas_requested.emit()
