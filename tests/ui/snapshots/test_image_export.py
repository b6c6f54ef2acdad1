"""Export image: the canvas as PNG at a chosen scale and as SVG; the loss curve likewise."""

from __future__ import annotations

import errno
import os

import pytest

from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

import pyqtgraph as pg  # after PySide6, so it binds to it

from mlpviz.ui.main_window import MainWindow
from mlpviz.ui.snapshots import image_export


def _window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: (_ for _ in ()).throw(AssertionError(box.text())))
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(w)
    w.resize(900, 600)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_canvas_png_at_a_scale_and_svg(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path, monkeypatch)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "net.png"), ""))
    monkeypatch.setattr(image_export, "ask_number", lambda *a, **k: 2.0)
    path = window.snapshots.export_canvas_image()
    image = QImage(str(path))
    assert not image.isNull()
    assert abs(image.width() - 2 * window.canvas.ci.boundingRect().width()) <= 2
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "net"), "SVG drawing (*.svg)"))
    path = window.snapshots.export_canvas_image()
    assert path.name == "net.svg" and path.read_text().lstrip().startswith("<?xml")
    assert "<svg" in path.read_text()


def test_loss_curve_is_exported(qtbot, tmp_path, monkeypatch):
    window = _window(qtbot, tmp_path, monkeypatch)
    window.session.set_animate(False)
    for _ in range(5):
        window.session.step()
    item = window.snapshots.loss_plot_item()
    assert isinstance(item, pg.PlotItem)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "loss.svg"), ""))
    path = window.snapshots.export_loss_image()
    assert "<svg" in path.read_text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "loss.png"), ""))
    monkeypatch.setattr(image_export, "ask_number", lambda *a, **k: 1.0)
    assert not QImage(str(window.snapshots.export_loss_image())).isNull()


def test_an_exported_picture_of_a_big_network_draws_every_edge(qtbot, tmp_path, monkeypatch):
    import numpy as np

    from mlpviz.engine import Architecture
    from mlpviz.datasets import dataset_from_arrays
    from mlpviz.ui.snapshots import features

    window = _window(qtbot, tmp_path, monkeypatch)
    rng = np.random.default_rng(0)
    data = dataset_from_arrays("wide", rng.random((20, 100)), np.eye(10)[rng.integers(0, 10, 20)])
    window.session.set_data(data, Architecture((100, 64, 50, 10), "relu", "softmax", "ce"))
    canvas = window.canvas
    assert canvas.drawn_edge_count < canvas.edge_count == 10_100  # level of detail on screen
    drawn_while_exporting = []
    monkeypatch.setattr(features, "export_image_dialog",
                        lambda *a, **k: drawn_while_exporting.append(canvas.drawn_edge_count) or tmp_path / "x.png")
    window.snapshots.export_canvas_image()
    assert drawn_while_exporting == [10_100]
    assert canvas.drawn_edge_count < 10_100  # and back to the level of detail afterwards


def test_a_failed_export_leaves_the_earlier_picture_whole(qtbot, tmp_path, monkeypatch):
    from mlpviz.engine import MlpvizError
    from mlpviz.ui.snapshots import image_export

    window = _window(qtbot, tmp_path, monkeypatch)
    target = tmp_path / "net.png"
    target.write_bytes(b"an earlier picture")

    def disk_full(fd):  # the data were handed over; the disk turns out full when they are flushed
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(MlpvizError, match="No space left"):
        image_export.export_item(window.canvas.ci, target)
    monkeypatch.undo()
    assert target.read_bytes() == b"an earlier picture"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".net")] == []


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_a_failed_export_is_reported_not_announced_as_done(qtbot, tmp_path, monkeypatch, message_boxes, suffix):
    from PySide6.QtGui import QImageWriter

    import pyqtgraph.exporters as exporters

    window = _window(qtbot, tmp_path, monkeypatch)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: message_boxes.append((box.windowTitle(), box.text())))
    target = tmp_path / f"net{suffix}"
    target.write_bytes(b"an earlier picture")
    if suffix == ".png":
        monkeypatch.setattr(QImageWriter, "write", lambda self, image: False)  # libpng: "Write Error"
    else:
        monkeypatch.setattr(exporters.SVGExporter, "export", lambda self, *a, **k: b"<svg><g>")  # cut short
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(image_export, "ask_number", lambda *a, **k: 1.0)
    assert window.snapshots.export_canvas_image() is None
    assert len(message_boxes) == 1 and "could not be written" in message_boxes[0][1]
    assert target.read_bytes() == b"an earlier picture"
