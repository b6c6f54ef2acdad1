"""Pictures that are right: the loss plot fits each new history, and exported network pictures are
vector (SVG) or scaled as a whole (PNG), without hints or selection frames."""

from __future__ import annotations

import dataclasses
import re
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFont, QTransform

from mlpviz.app.presets import apply_preset
from mlpviz.app.selection import UnitRef, WeightRef
from mlpviz.ui.canvas.labels_item import LabelsItem
from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.snapshots.image_export import export_item


@pytest.fixture
def shown(qtbot, tmp_path):
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.session.set_animate(False)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def x_range(window) -> tuple[float, float]:
    return tuple(window.loss_plot.getPlotItem().viewRange()[0])


@pytest.mark.parametrize("change", ["reset", "preset", "rebuild", "snapshot"])
def test_the_step_axis_fits_each_new_history(shown, change):
    s = shown.session
    snap = s.trainer.snapshot()
    for _ in range(60):
        s.step()
    assert x_range(shown)[1] >= 60
    {"reset": s.reset, "preset": lambda: apply_preset(s, "xor"),
     "rebuild": lambda: shown.control_panel._layer_spins[0].setValue(5),
     "snapshot": lambda: s.load_snapshot(snap)}[change]()
    for _ in range(3):
        s.step()
    low, high = x_range(shown)  # getPlotItem() draws first: what an exported picture shows
    steps = s.loss_log.steps
    assert low <= steps[0] and steps[-1] <= high
    assert high - low <= 12  # the new curve fills the plot, not a sliver of 0..100


def test_a_run_continued_late_gets_an_axis_around_its_steps(shown):
    s = shown.session
    snap = s.trainer.snapshot()
    s.load_snapshot(dataclasses.replace(snap, step=5000))
    assert s.step_count == 5000
    for _ in range(3):
        s.step()
    low, high = x_range(shown)
    steps = s.loss_log.steps
    assert low <= steps[0] and steps[-1] <= high and high - low <= max(12, steps[-1] - steps[0] + 12)


def test_a_one_step_curve_shows_its_point(shown):
    plot = shown.loss_plot
    shown.session.step()
    plot.getPlotItem()
    assert plot.train_curve.opts["symbol"] == "o"
    x, y = plot.train_curve.getData()
    assert len(x) == 1
    shown.session.step()
    plot.getPlotItem()
    assert plot.train_curve.opts["symbol"] is None  # a line from two points on


def test_network_svg_is_vector_circles_and_text(shown, tmp_path):
    s = shown.session
    for _ in range(3):
        s.step()
    shown.selection.set_item(UnitRef(1, 1))
    with shown.canvas.full_detail_for_export():
        path = export_item(shown.canvas.ci, tmp_path / "net.svg")
    svg = path.read_text()
    ElementTree.fromstring(svg)  # well-formed XML, as browsers and Inkscape need
    assert path.stat().st_size < 100_000
    assert "<image" not in svg
    assert len(re.findall(r"<(ellipse|circle)\b", svg)) >= 2 * 6  # each node and its bias ring
    texts = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    for word in ("inputs", "outputs", "0.637"):
        assert word in texts
    assert "Drag to pan" not in svg
    assert 'font-family="Sans Serif"' not in svg  # a name no browser knows: the font drawn with, then sans-serif


def test_exporting_leaves_out_the_hint_and_the_selection_then_brings_them_back(shown, qtbot):
    canvas = shown.canvas
    shown.resize(1500, 1000)  # a canvas tall enough for the hint's line (a short one has it in the status bar)
    qtbot.waitUntil(lambda: "Drag to pan" in canvas.note.text)
    shown.selection.set_item(WeightRef(0, 0, 1))
    assert "Drag to pan" in canvas.note.text and len(canvas.edges._highlight)
    shown.selection.set_item(UnitRef(1, 0))
    assert len(canvas.marker.data) == 1
    with canvas.full_detail_for_export():
        assert "Drag to pan" not in canvas.note.text
        assert not canvas.marker.isVisible() or len(canvas.marker.data) == 0
    assert "Drag to pan" in canvas.note.text and len(canvas.marker.data) == 1 and canvas.marker.isVisible()


class _RecordingPainter:
    """Enough of a QPainter for LabelsItem.paint, recording the fonts and text positions."""

    def __init__(self):
        self.fonts, self.points = [], []

    def transform(self):
        return QTransform()

    def setFont(self, font):  # noqa: N802
        self.fonts.append(QFont(font))

    def drawText(self, point, text):  # noqa: N802
        self.points.append((point.x(), point.y()))

    def __getattr__(self, name):
        return lambda *a, **k: None


def test_labels_grow_with_an_exported_png(qapp):
    import numpy as np

    item = LabelsItem((0.0, 0.0), (6.0, 0.0))
    font = QFont()
    font.setPointSizeF(10)
    item.set_positions(np.array([[0.0, 0.0]]))
    item.set_texts(["0.5"], [QColor(0, 0, 0)], font)
    screen = _RecordingPainter()
    item.paint(screen, None)
    item.setExportMode(True, {"resolutionScale": 2.0})
    exported = _RecordingPainter()
    item.paint(exported, None)
    item.setExportMode(False)
    assert exported.fonts[0].pointSizeF() == 2 * screen.fonts[0].pointSizeF()
    assert exported.points[0][0] == 2 * screen.points[0][0]  # the offset scales too


def test_loss_svg_draws_its_axes_as_vector_text(shown, tmp_path):
    """No view may cache a plot's axes as a pixmap: an SVG would then hold an image of them."""
    for _ in range(20):
        shown.session.step()
    svg = export_item(shown.loss_plot.getPlotItem(), tmp_path / "loss.svg").read_text()
    assert "<image" not in svg
    assert len(re.findall(r"<text\b", svg)) >= 6  # tick numbers and both axis titles
