"""The Landscape panel: the plane to look at, the picture (``landscape_plot.py``) and a race (``race_form.py``).

The plane is two random directions normalised per layer (Li et al. 2018; New directions draws
others) or two parameters, picked in two lists or taken from the weight selected on the canvas or
in the weights table (Use selected). The panel sends what the user chose; the window computes
(``app/landscape_jobs.py``) and hands back pictures to draw, a busy flag and problems to say.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from mlpviz.app.selection import WeightRef
from mlpviz.engine import Architecture
from mlpviz.engine.params import flat_layout
from mlpviz.engine.unit_names import weight_name
from mlpviz.training.landscape_picture import PATHS, RANDOM, WEIGHTS, LandscapePicture, PlaneChoice, default_weights
from mlpviz.training.settings import TrainingConfig

from ..widgets.elided_label import ElidedLabel
from .landscape_plot import LandscapePlot
from .race_form import RaceForm

MAX_LISTED = 2000  # parameters a list offers; others are picked on the canvas or in the table (Use selected)


def parameters_of(arch: Architecture, most: int = MAX_LISTED) -> list[tuple[int, int, int]]:
    """The first ``most`` parameters ``(layer, row, col)``, layer by layer: its weights, then its biases."""
    found = []
    for layer, (_w0, n_in, n_out, _b0, _b1) in enumerate(flat_layout(arch.sizes)):
        found += [(layer, row, col) for row in range(n_in) for col in range(n_out)]
        found += [(layer, -1, col) for col in range(n_out)]
        if len(found) >= most:
            return found[:most]
    return found


def _index_of(box: QComboBox, pick: tuple[int, int, int]) -> int:
    """The row of ``box`` whose data is ``pick`` (findData does not compare Python tuples), or −1."""
    return next((i for i in range(box.count()) if tuple(box.itemData(i)) == pick), -1)


class LandscapePanel(QWidget):
    """Plane, axes, Follow, Recompute, Export, the picture and the race form; ``selected()`` is the item
    picked on the canvas or in the table (a WeightRef, or anything else when no weight is)."""

    choice_changed = Signal(object)  # PlaneChoice
    follow_changed = Signal(bool)
    recompute_requested = Signal()
    export_requested = Signal()
    problem = Signal(str)

    def __init__(self, arch: Architecture, config: TrainingConfig, selected: Callable[[], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._arch, self._selected, self._seed = arch, selected, 0
        self.plane_box = QComboBox()
        self.plane_box.addItem(self.tr("Two random directions"), RANDOM)
        self.plane_box.addItem(self.tr("Two weights"), WEIGHTS)
        self.plane_box.addItem(self.tr("Directions of the paths"), PATHS)
        self.plane_box.setToolTip(self.tr(
            "The plane the loss is drawn over: two random directions, each layer's part scaled to that layer's "
            "norm (Li et al. 2018), two of the network's weights or biases, or the two directions the run's path "
            "and a race's paths spread most along (their principal components)"))
        self.new_directions = QPushButton(self.tr("New directions"), clicked=self._new_directions)
        self.new_directions.setToolTip(self.tr("Draw two other random directions"))
        self.axis_boxes, self.pick_buttons = [QComboBox(), QComboBox()], []
        for n, box in enumerate(self.axis_boxes):
            box.setToolTip(self.tr("The parameter along this axis"))
            box.setMinimumContentsLength(8)
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            box.currentIndexChanged.connect(self._emit_choice)
            button = QPushButton(self.tr("Use selected"), clicked=lambda _c=False, k=n: self.use_selected(k))
            button.setToolTip(self.tr("Put the weight selected on the canvas or in the weights table on this axis"))
            self.pick_buttons.append(button)
        self.follow_box = QCheckBox(self.tr("Follow the run"), checked=True)
        self.follow_box.setToolTip(self.tr("Draw the surface again around each new step (at most about once a second)"))
        self.follow_box.toggled.connect(self.follow_changed)
        self.recompute_button = QPushButton(self.tr("Recompute"))
        self.recompute_button.clicked.connect(self.recompute_requested)
        self.recompute_button.setToolTip(self.tr("Draw the surface around the parameters shown now"))
        self.export_button = QPushButton(self.tr("Export image…"))
        self.export_button.clicked.connect(self.export_requested)
        self.status = ElidedLabel()
        self.plot = LandscapePlot()
        self.race_form = RaceForm(config)
        self.race_form.refused.connect(self.problem)

        top = QGridLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.plane_box, 0, 0)
        top.addWidget(self.new_directions, 0, 1)
        for n, (box, button) in enumerate(zip(self.axis_boxes, self.pick_buttons)):
            top.addWidget(box, n + 1, 0)
            top.addWidget(button, n + 1, 1)
        top.setColumnStretch(0, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.follow_box)
        buttons.addStretch(1)
        buttons.addWidget(self.recompute_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.race_form)
        self.plane_box.currentIndexChanged.connect(self._emit_choice)
        self.set_architecture(arch)

    # --- what the window sets -------------------------------------------------------------

    def set_architecture(self, arch: Architecture) -> None:
        """A new network: the lists name its parameters; a weight plane starts at its first two."""
        self._arch = arch
        picks = parameters_of(arch)
        for box, start in zip(self.axis_boxes, default_weights(arch)):
            box.blockSignals(True)
            box.clear()
            for pick in picks:
                box.addItem(weight_name(*pick, arch.layer_count), pick)
            box.setCurrentIndex(max(_index_of(box, start), 0))
            box.blockSignals(False)
        self._emit_choice()

    def set_config(self, config: TrainingConfig) -> None:
        self.race_form.set_config(config)

    def show_picture(self, picture: LandscapePicture) -> None:
        """Draw ``picture`` and say what it shows."""
        self.plot.show_picture(picture)
        rows = (self.tr("loss on all {0} training rows").format(picture.rows) if picture.rows == picture.total_rows
                else self.tr("loss on {0} of {1} training rows, spread evenly").format(picture.rows, picture.total_rows))
        self.status.setText(self.tr("{0}; now {1:.4g}").format(rows, picture.centre_loss))

    def retranslate(self) -> None:
        """The drawn words and the status line in the language chosen now (widgets are retranslated for it)."""
        self.plot.retranslate()
        if self.plot.picture is not None:
            self.show_picture(self.plot.picture)

    def set_busy(self, busy: bool) -> None:
        if busy:
            self.status.setText(self.tr("Computing the surface…"))
        elif self.plot.picture is not None:
            self.show_picture(self.plot.picture)
        self.race_form.set_busy(busy)

    def show_problem(self, text: str) -> None:
        self.status.setText(text)
        self.problem.emit(text)

    # --- what the user does -----------------------------------------------------------

    @property
    def choice(self) -> PlaneChoice:
        kind = self.plane_box.currentData()
        first, second = (box.currentData() for box in self.axis_boxes)
        return PlaneChoice(kind, self._seed, first, second) if kind == WEIGHTS else PlaneChoice(kind, self._seed)

    def use_selected(self, axis: int) -> None:
        """Put the weight selected on the canvas or in the table on ``axis`` (0 or 1); a plane of two weights."""
        item = self._selected()
        if not isinstance(item, WeightRef):
            self.show_problem(self.tr("Select a weight or a bias first: click an edge on the canvas or a cell "
                                      "in the weights table"))
            return
        pick, box = (item.layer, item.row, item.col), self.axis_boxes[axis]
        if _index_of(box, pick) < 0:  # a large network's lists hold its first parameters only
            for b in self.axis_boxes:
                b.blockSignals(True)
                b.addItem(weight_name(*pick, self._arch.layer_count), pick)
                b.blockSignals(False)
        self.plane_box.blockSignals(True)
        self.plane_box.setCurrentIndex(self.plane_box.findData(WEIGHTS))
        self.plane_box.blockSignals(False)
        box.setCurrentIndex(_index_of(box, pick))
        self._emit_choice()

    def _new_directions(self) -> None:
        self._seed += 1
        self._emit_choice()

    def _emit_choice(self, *_args) -> None:
        weights = self.plane_box.currentData() == WEIGHTS
        self.new_directions.setVisible(self.plane_box.currentData() == RANDOM)
        for widget in (*self.axis_boxes, *self.pick_buttons):
            widget.setVisible(weights)
        choice = self.choice
        if weights and choice.first == choice.second:
            self.show_problem(self.tr("Pick two different weights for the loss surface"))
            return
        self.choice_changed.emit(choice)
