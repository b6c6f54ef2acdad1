"""The window fits classroom screens: 1024×768 projectors up to 4K, at 100, 150 and 200 %.

Each screen runs in its own process on Qt's offscreen platform with a screen configuration
file (``QT_QPA_PLATFORM=offscreen:configfile=screen.json``; sizes are logical pixels, ``dpr``
the device pixel ratio), since a QApplication's screens are fixed when it starts.
"""

from __future__ import annotations

import textwrap

import pytest
from PySide6.QtCore import QRect

from mlpviz.ui.screen_fit import dock_sizes, first_size

from .screens import WINDOW, on_screen

PROBE = WINDOW + textwrap.dedent("""
    for _ in range(30):
        app.processEvents()
    def rect(r, widget=None):
        if widget is not None:
            r.moveTopLeft(widget.mapTo(w, r.topLeft() - widget.geometry().topLeft()))
        return [r.x(), r.y(), r.width(), r.height()]
    docks = {k: rect(d.geometry()) for k, d in w.docks.items()
             if d.isVisible() and not d.visibleRegion().isEmpty()}
    from PySide6.QtWidgets import QTabBar
    bars = [b for b in w.findChildren(QTabBar) if b.isVisible() and not b.visibleRegion().isEmpty()]  # not Qt's spares
    tabs = [[b.tabText(i), b.tabRect(i).width(), b.tabRect(i).height(), b.fontMetrics().horizontalAdvance(b.tabText(i))]
            for b in bars for i in range(b.count())]
    from PySide6.QtWidgets import QScrollArea, QWidget
    area = w.findChild(QScrollArea, "scroll-ControlPanel")  # the left panel, Network & training
    port = area.viewport()
    cut = [type(c).__name__ for c in area.widget().findChildren(QWidget)  # a child past the panel's right edge
           if c.isVisible() and c.mapTo(port, c.rect().topRight()).x() >= port.width()]
    out = {"left_cut": cut, "left_scrollbar": area.horizontalScrollBar().isVisible(),
           "screen": rect(w.screen().availableGeometry()), "frame": rect(w.frameGeometry()), "tabs": tabs,
           "minimum": [w.minimumSizeHint().width(), w.minimumSizeHint().height()],
           "canvas": [w.canvas.width(), w.canvas.height()], "docks": docks}
    w.close()
    print("PROBE " + json.dumps(out))
""")

SCREENS = [  # width, height (logical), device pixel ratio
    (1024, 768, 1), (1280, 800, 1), (1366, 768, 1), (1280, 720, 1.5), (1920, 1080, 2), (3840, 2160, 1),
    (960, 540, 2),  # a 1080p laptop at 200 %
]


def probe(tmp_path, width: int, height: int, dpr: float, settings: str = "s.ini") -> dict:
    return on_screen(PROBE, tmp_path, width, height, dpr, (tmp_path / settings,), timeout=120)


def intersects(a, b) -> bool:
    return QRect(*a).intersects(QRect(*b))


@pytest.mark.slow
@pytest.mark.parametrize("width, height, dpr", SCREENS, ids=[f"{w}x{h}@{d}" for w, h, d in SCREENS])
def test_first_launch_fits_the_screen_without_overlapping_docks(tmp_path, width, height, dpr):
    got = probe(tmp_path, width, height, dpr)
    screen, frame = QRect(*got["screen"]), QRect(*got["frame"])
    assert screen.size().width() == width and screen.size().height() == height
    assert screen.contains(frame), f"window {got['frame']} outside the screen {got['screen']}"
    assert got["minimum"][0] <= 1000 and got["minimum"][1] <= 650
    docks = got["docks"]
    assert {"controls", "weights", "loss"} <= set(docks)  # one of each column is showing
    names = sorted(docks)
    overlaps = [(a, b) for i, a in enumerate(names) for b in names[i + 1:] if intersects(docks[a], docks[b])]
    assert not overlaps, docks
    for key, r in docks.items():
        assert QRect(0, 0, frame.width(), frame.height()).contains(QRect(*r)), f"{key} {r} cut by the window"
        assert r[2] >= 200 and r[3] >= 100, f"{key} too small to read: {r}"
    for text, tab_w, tab_h, advance in got["tabs"]:  # whole titles, not "Fo…", "S…" (issue 22)
        assert max(tab_w, tab_h) >= advance, f"tab {text!r} cut: {tab_w}×{tab_h} for {advance} px of text"
    assert not got["left_scrollbar"] and not got["left_cut"], got["left_cut"]  # "+ layer", spin boxes whole
    canvas_w, canvas_h = got["canvas"]
    assert canvas_w >= 0.45 * frame.width() and canvas_h >= 0.5 * frame.height(), got


@pytest.mark.slow
def test_a_window_saved_on_a_big_screen_opens_inside_a_small_one(tmp_path):
    big = probe(tmp_path, 3840, 2160, 1)
    assert big["frame"][2] > 1400
    small = probe(tmp_path, 1024, 768, 1)  # the same settings file, now on a projector
    assert QRect(*small["screen"]).contains(QRect(*small["frame"])), small


def test_small_screens_get_tabbed_columns_and_the_whole_area():
    assert not dock_sizes(QRect(0, 0, 1366, 768)).roomy
    assert dock_sizes(QRect(0, 0, 1920, 1080)).roomy
    assert first_size(QRect(0, 0, 1024, 768)).width() == 1024
    big = first_size(QRect(0, 0, 3840, 2160))
    assert big.width() <= 3840 and big.height() <= 2160
