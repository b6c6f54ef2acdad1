"""Square-image inputs on a classroom screen (issue 22): the input pictures and their captions are whole in the
view, the class names beside the outputs do not overlap, the layer titles are whole, and the canvas is no wider than itself, for the digits
preset (64-32-10) and a 784-128-64-10 network on 28×28 pictures, at 1024×768 and 1366×768, in and out of
presentation mode (F5, Esc).

Each screen runs in its own process on Qt's offscreen platform with a screen configuration file (as
test_projector_numbers.py does)."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest
from PySide6.QtCore import QRectF

from ..screens import on_screen

PROBE = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    import pyqtgraph  # noqa: F401  (after PySide6)
    from mlpviz.app.presets import apply_preset
    from mlpviz.engine import Architecture
    from mlpviz.io import read_csv_table
    from mlpviz.ui.main_window import MainWindow

    w = MainWindow(settings=QSettings(sys.argv[1], QSettings.IniFormat))
    w.data_opener.preview = lambda path, parent=None: read_csv_table(path)  # the import preview's OK
    w.show()
    w.session.set_animate(False)
    def settle():
        for _ in range(60):
            app.processEvents()
    def rect(r):
        return [r.x(), r.y(), r.width(), r.height()]
    def measure():
        c, p = w.canvas, w.canvas.pictures
        c.grab()  # paint: the labels record the boxes they drew
        on_screen = lambda item: c.mapFromScene(item.sceneBoundingRect()).boundingRect()
        return {"canvas": [0, 0, c.width(), c.height()], "layout": rect(c.ci.geometry()),
                "view": rect(on_screen(c.view)),
                "pictures": [rect(on_screen(i)) for i in (p.sample_image, p.weights_image)],
                "captions": [rect(on_screen(i)) for i in (p.sample_caption, p.weights_caption)],
                "names": [rect(b) for _t, b in c.target_labels.painted],
                "titles": [rect(on_screen(t)) for t in c._layer_titles]}
    out = {}
    for case in ("digits", "784-128-64-10"):
        if case == "digits":
            apply_preset(w.session, "digits")
        else:
            w.open_path(sys.argv[2])  # 28×28 pictures, classes 0-9
            a = w.session.arch
            w.session.set_architecture(Architecture((784, 128, 64, 10), a.hidden_activation, a.output_activation, a.loss))
        w.session.step()
        settle()
        out[case] = {"normal": measure()}
        QTest.keyClick(w, Qt.Key_F5)
        settle()
        out[case]["presenting"] = measure()
        QTest.keyClick(w, Qt.Key_Escape)
        settle()
        out[case]["back"] = measure()
    print("PROBE " + json.dumps(out))
    sys.stdout.flush()
    import os; os._exit(0)  # (no teardown: the numbers are out)
""")


def pictures_csv(path) -> None:
    """A small data set of 28×28 pictures (the 8×8 digits, each pixel 3×3), classes 0-9 in column y."""
    rng = np.random.default_rng(0)
    rows = [",".join([f"r{r}c{c}" for r in range(1, 29) for c in range(1, 29)] + ["y"])]
    for k in range(60):
        picture = np.kron(rng.integers(0, 16, size=(8, 8)), np.ones((3, 3), dtype=int))
        rows.append(",".join(map(str, np.pad(picture, 2).ravel())) + f",{k % 10}")
    path.write_text("\n".join(rows) + "\n")


def inside(outer, inner, slack=1.0) -> bool:
    return QRectF(*outer).adjusted(-slack, -slack, slack, slack).contains(QRectF(*inner))


@pytest.mark.slow
@pytest.mark.parametrize("width, height", [(1024, 768), (1366, 768)])
def test_pictures_whole_and_class_names_apart_on_a_classroom_screen(tmp_path, width, height):
    data = tmp_path / "pictures.csv"
    pictures_csv(data)
    for case, modes in on_screen(PROBE, tmp_path, width, height, args=(tmp_path / "s.ini", data)).items():
        for mode, got in modes.items():
            where = (width, case, mode)
            assert got["layout"][2] <= got["canvas"][2], where  # the canvas is not wider than itself: nothing cut
            assert inside(got["canvas"], got["view"]), where
            for item in got["pictures"] + got["captions"]:
                assert inside(got["view"], item), (where, item, got["view"])  # whole, never cut at the edge
            a, b = (QRectF(*r) for r in got["pictures"])
            for caption in got["captions"]:
                assert not QRectF(*caption).intersects(a) and not QRectF(*caption).intersects(b), where
            names = [QRectF(*r) for r in got["names"]]
            assert len(names) == 10, where
            assert all(inside(got["view"], r) for r in got["names"]), where
            assert not any(names[i].intersects(names[i + 1]) for i in range(9)), (where, got["names"])
            assert all(inside(got["view"], t, slack=2.0) for t in got["titles"]), (where, got["titles"], got["view"])
