"""The data-set chooser: a built-in data set with its size, noise, test split and seed, or a CSV file.

Apply builds the data set (engine ``make_dataset``), fits the network's inputs and
outputs to it (``arch_for_data``) and hands both to ``request_data``.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from mlpviz.training.fit import arch_for_data
from mlpviz.datasets import DATASETS, Dataset, make_dataset
from mlpviz.engine import Architecture, MlpvizError
from mlpviz.datasets.dataset import MAX_CLASSES

from ..widgets.number_spin_box import NumberSpinBox, WholeNumberSpinBox
from ..widgets.plain_text import plain_label
from ..widgets.signals_blocked import signals_blocked

# Beyond this a full-batch step and the data views take longer than a frame; the CLI allows more.
MAX_GUI_SAMPLES = 20_000


class DatasetChooser(QWidget):
    """Combo of DATASETS plus their settings; ``open_requested`` asks the window for File ▸ Open data…"""

    problem = Signal(str)
    message = Signal(str)  # for the status bar
    open_requested = Signal()

    def __init__(self, dataset: Dataset, arch: Architecture,
                 request_data: Callable[[Dataset, Architecture], None], parent: QWidget | None = None) -> None:
        """``request_data(dataset, arch)`` trains on ``dataset`` with ``arch`` (raises MlpvizError to refuse)."""
        super().__init__(parent)
        self._arch = arch
        self._request_data = request_data
        self.name_box = QComboBox()
        for name, generator in DATASETS.items():
            self.name_box.addItem(str(generator.title), name)
        self.name_box.setToolTip(self.tr("A built-in 2-D problem"))
        self.size_spin = WholeNumberSpinBox(1, MAX_GUI_SAMPLES, single_step=50, tip=self.tr(
            "Number of samples (training + test), up to {0}: more would make each full-batch step too slow "
            "to watch").format(f"{MAX_GUI_SAMPLES:,}"))
        self.noise_spin = NumberSpinBox(0.0, 10.0, single_step=0.05, tip=self.tr(
            "Spread of the random noise added to every point (0 to 10)"))
        self.test_spin = NumberSpinBox(0.0, 0.9, single_step=0.05, tip=self.tr(
            "Fraction of samples held out as test data, 0 to 0.9 (drawn hollow on the decision map)"))
        self.seed_spin = WholeNumberSpinBox(0, 2**31 - 1, tip=self.tr("Seed of the draw: the same seed gives the same points"))
        self.classes_spin = WholeNumberSpinBox(2, MAX_CLASSES, tip=self.tr("Number of classes (blobs only)"))
        for spin in (self.size_spin, self.noise_spin, self.test_spin, self.seed_spin, self.classes_spin):
            spin.refused.connect(self.problem)
        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setToolTip(self.tr("Use this data set (the network's inputs and outputs follow it)"))
        self.open_button = QPushButton(self.tr("Open data…"))
        self.open_button.setToolTip(self.tr("Load a CSV file: input columns, then target column y (or y1, y2, ...)"))

        self.current_label = plain_label()
        self.current_label.setWordWrap(True)
        self.current_label.setToolTip(self.tr("The data the network trains on now"))
        form = QFormLayout()
        form.addRow(self.tr("Training on"), self.current_label)
        form.addRow(self.tr("Data set"), self.name_box)
        form.addRow(self.tr("Samples"), self.size_spin)
        form.addRow(self.tr("Noise"), self.noise_spin)
        form.addRow(self.tr("Test fraction"), self.test_spin)
        form.addRow(self.tr("Seed"), self.seed_spin)
        form.addRow(self.tr("Classes"), self.classes_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._form = form

        self.name_box.currentIndexChanged.connect(self._on_name_box_changed)
        self.apply_button.clicked.connect(self.apply)
        self.open_button.clicked.connect(self.open_requested)
        self._show_defaults(DATASETS[self.name].defaults)
        self._show_dataset(dataset)

    @property
    def name(self) -> str:
        return self.name_box.currentData()

    def settings(self) -> dict:
        """The arguments for ``make_dataset(self.name, **settings)``."""
        settings = {
            "n_samples": self.size_spin.value(),
            "noise": self.noise_spin.value(),
            "test_fraction": self.test_spin.value(),
            "seed": self.seed_spin.value(),
        }
        if "n_classes" in DATASETS[self.name].defaults:
            settings["n_classes"] = self.classes_spin.value()
        return settings

    def apply(self) -> bool:
        """Build the chosen data set and train on it; a refusal is reported and changes nothing."""
        try:
            dataset = make_dataset(self.name, **self.settings())
            arch = arch_for_data(self._arch, dataset)
            self._request_data(dataset, arch)
        except MlpvizError as exc:
            self.problem.emit(str(exc))
            return False
        self.message.emit(self.tr("Data: {0}, {1} training and {2} test samples").format(
            DATASETS[self.name].title, dataset.n_train, dataset.n_test))
        return True

    # --- widgets follow the choice and the values given ------------------------------

    def _on_name_box_changed(self, _index: int) -> None:
        self._show_defaults(DATASETS[self.name].defaults)

    def _show_defaults(self, defaults: dict) -> None:
        self.size_spin.setValue(defaults["n_samples"])
        self.noise_spin.setValue(defaults["noise"])
        self.test_spin.setValue(defaults["test_fraction"])
        self.seed_spin.setValue(defaults["seed"])
        has_classes = "n_classes" in defaults
        if has_classes:
            self.classes_spin.setValue(defaults["n_classes"])
        self._form.setRowVisible(self.classes_spin, has_classes)
        self.noise_spin.setEnabled(self.name != "notebook")

    def set_dataset(self, dataset: Dataset) -> None:
        """The data trained on now (the session's ``data_changed``)."""
        self._show_dataset(dataset)

    def set_architecture(self, arch: Architecture) -> None:
        """The network now (the session's ``network_rebuilt``): new data is fitted to it."""
        self._arch = arch

    def _show_dataset(self, dataset: Dataset) -> None:
        """Name the data trained on; select it in the combo when it is a built-in one (keeps the user's settings)."""
        self.current_label.setText(self.tr("{0}: {1} training + {2} test samples").format(
            dataset.name, dataset.n_train, dataset.n_test))
        index = self.name_box.findData(dataset.name)
        if index < 0 or index == self.name_box.currentIndex():
            return
        with signals_blocked(self.name_box):
            self.name_box.setCurrentIndex(index)
        self._show_defaults(DATASETS[dataset.name].defaults)
        self.size_spin.setValue(dataset.n_train + dataset.n_test)
