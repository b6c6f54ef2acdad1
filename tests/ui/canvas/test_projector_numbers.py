"""The numbers on the network read from the back row: how tall their digits are on each classroom screen.

Each screen runs in its own process on Qt's offscreen platform with a screen configuration file
(see test_screen_fit.py). For every network up to 12 units in its widest layer the probe measures,
as drawn, the height of the node values' and bias labels' digits, in and out of presentation
mode (F5), and the boxes they were painted in: none overlaps another, none leaves the view.
"""

from __future__ import annotations

import textwrap

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from mlpviz.app.presets import apply_preset
from mlpviz.ui.canvas.node_numbers import digit_height, fmt_number
from mlpviz.ui.text_size import desktop_font

from ..screens import WINDOW, on_screen

PROBE = WINDOW + textwrap.dedent("""
    from mlpviz.app.presets import apply_preset
    from mlpviz.ui.canvas.node_numbers import digit_height

    w.session.set_animate(False)
    def settle():
        for _ in range(40):
            app.processEvents()
    def measure():
        c = w.canvas
        c.grab()  # paint: the labels record the boxes they drew
        view = c.mapFromScene(c.view.sceneBoundingRect()).boundingRect()
        boxes = lambda item: [[b.x(), b.y(), b.width(), b.height()] for _t, b in item.painted]
        plan = c.number_plan
        return {"values": digit_height(plan.font), "biases": digit_height(plan.bias_font) if plan.bias_side else 0,
                "shown": sum(bool(t) for t in c.value_labels.texts), "nodes": c.node_count,
                "bias_shown": sum(bool(t) for t in c.bias_labels.texts),
                "biases_wanted": c.node_count - c.layout_model.sizes[0],
                "value_boxes": boxes(c.value_labels), "bias_boxes": boxes(c.bias_labels),
                "bare": not plan.bias_named, "name_boxes": boxes(c.bias_names), "columns": len(c.layout_model.sizes) - 1,
                "view": [view.x(), view.y(), view.width(), view.height()]}
    out = {}
    for preset in sys.argv[2:]:
        name, _, hidden = preset.partition(":")  # "iris:12": the preset with 12 hidden units
        apply_preset(w.session, name)
        if hidden:
            from mlpviz.engine import Architecture
            a = w.session.arch
            w.session.set_architecture(Architecture((a.sizes[0], *map(int, hidden.split("-")), a.sizes[-1]),
                                                    a.hidden_activation, a.output_activation, a.loss))
        w.session.step()
        settle()
        out[preset] = {"normal": measure()}
        QTest.keyClick(w, Qt.Key_F5)  # presentation mode
        settle()
        out[preset]["presenting"] = measure()
        QTest.keyClick(w, Qt.Key_Escape)
        settle()
    print("PROBE " + json.dumps(out))
    sys.stdout.flush()
    import os; os._exit(0)  # (no teardown: the numbers are out)
""")

SCREENS = [  # the classroom issue's list: width, height (logical), device pixel ratio
    (1024, 768, 1), (1366, 768, 1), (1920, 1080, 1), (1280, 720, 1.5), (1920, 1080, 2),
]
NETWORKS = ("worked-222", "notebook", "xor", "iris", "spiral", "iris:12")  # 2-2-2, 2-3-1, 2-4-1, 4-8-3, 2-8-8-1, 4-12-3
NEED = {"normal": 16, "presenting": 24}


def probe(tmp_path, width: int, height: int, dpr: float, locale: str = "") -> dict:
    return on_screen(PROBE, tmp_path, width, height, dpr, (tmp_path / "s.ini", *NETWORKS), locale)




def named(m: dict, where: str) -> None:
    """Bias labels name their bias ("b′ 0.42"), or, bare, have the name once under each column of them."""
    if m["bare"]:
        assert len(m["name_boxes"]) == m["columns"], where
        assert all(b[1] > max(c[1] for c in m["bias_boxes"] if abs(c[0] + c[2] - b[0] - b[2]) < 1) for b in m["name_boxes"]), where
    else:
        assert not m["name_boxes"], where


def run_together(boxes, px: float) -> list:
    """Bias labels side by side on one line less than 0.4 of a digit apart ("b′ -3.4e-04 b′ 0.0011" read as one)."""
    rects = sorted((QRectF(*b) for b in boxes), key=QRectF.left)
    return [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:]
            if a.top() < b.bottom() and b.top() < a.bottom() and 0 <= b.left() - a.right() < 0.4 * px]


def overlapping(boxes) -> list:
    rects = [QRectF(*b).adjusted(0.5, 0.5, -0.5, -0.5) for b in boxes]
    return [(a, b) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i < j and rects[i].intersects(rects[j])]


@pytest.mark.slow
@pytest.mark.parametrize("width, height, dpr", SCREENS, ids=[f"{w}x{h}@{d}" for w, h, d in SCREENS])
def test_numbers_on_the_network_are_tall_enough_and_never_overlap_or_leave_the_view(tmp_path, width, height, dpr):
    got = probe(tmp_path, width, height, dpr)
    for preset, modes in got.items():
        for mode, m in modes.items():
            where = f"{preset} {mode} at {width}×{height}@{dpr}: {m['values']} / {m['biases']} px"
            assert m["shown"] == m["nodes"] and m["bias_shown"] == m["biases_wanted"], where  # every one labelled
            assert m["values"] >= NEED[mode] and m["biases"] >= NEED[mode], where
            named(m, where)
            boxes = m["value_boxes"] + m["bias_boxes"] + m["name_boxes"]
            assert not overlapping(boxes), where
            assert not run_together(m["bias_boxes"], m["biases"]), where
            view = QRectF(*m["view"]).adjusted(-1, -1, 1, 1)
            assert all(view.contains(QRectF(*b)) for b in boxes), where


def test_ctrl_plus_and_minus_scale_the_numbers_with_every_other_text(window, qtbot):
    apply_preset(window.session, "worked-222")
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.toolbar.step_action.trigger()
    qtbot.waitUntil(lambda: window.canvas.number_plan is not None and window.canvas.number_plan.values_shown)
    before = digit_height(window.canvas.value_labels.font)
    assert before >= 16, window.canvas.size()
    QTest.keyClick(window, Qt.Key_Equal, Qt.ControlModifier)
    qtbot.waitUntil(lambda: digit_height(window.canvas.value_labels.font) > before)
    assert digit_height(window.canvas.bias_labels.font) > before * 0.9
    QTest.keyClick(window, Qt.Key_Minus, Qt.ControlModifier)
    QTest.keyClick(window, Qt.Key_Minus, Qt.ControlModifier)
    qtbot.waitUntil(lambda: digit_height(window.canvas.value_labels.font) < before)
    window.text_size.reset_action.trigger()
    QApplication.setFont(desktop_font())


@pytest.mark.parametrize("value, digits, text", [(0.59326999, None, "0.593"), (-0.000489, None, "-4.9e-4"),
                                                 (-0.006, None, "-0.0060"), (0.0056, None, "0.0056"),
                                                 (-0.000489, 3, "-4.89e-4"), (-0.000489, 2, "-4.9e-4"),
                                                 (0.346, 2, "0.35"), (-12.345, 3, "-12.3"), (1234.5, 3, "1.23e3"),
                                                 (0.0, 3, "0"), (-0.010216, 2, "-0.010"), (0.0039551, 2, "0.0040"),
                                                 (-12.0, 2, "-12"), (100.0, 3, "100")])
def test_numbers_are_written_as_short_as_their_room_needs(value, digits, text):
    assert fmt_number(value, digits) == text


def test_layer_titles_stay_inside_the_view_of_a_tall_column(window, qtbot):
    """4-32-3 at a 1024×768 projector's canvas: the titles above the 32 units were cut at the top."""
    from mlpviz.engine import Architecture

    apply_preset(window.session, "iris")
    window.session.set_architecture(Architecture((4, 32, 3), "tanh", "softmax", "ce"))
    window.resize(1024, 740)
    window.show()
    qtbot.waitExposed(window)
    window.toolbar.step_action.trigger()
    canvas = window.canvas
    qtbot.waitUntil(lambda: canvas.layer_title_points > 0)
    view = canvas.mapFromScene(canvas.view.sceneBoundingRect()).boundingRect()
    for title in canvas._layer_titles:
        box = canvas.mapFromScene(title.sceneBoundingRect()).boundingRect()
        assert box.top() >= view.top() and box.bottom() <= view.bottom(), (title.parts, box, view)


def test_bias_labels_sit_under_the_ring_clear_of_the_value_in_chinese(qtbot, tmp_path):
    """zh_CN at 1920×1080: the bias labels ("b′ -1.27") sat inside the node, over the ring, against the value."""
    from PySide6.QtCore import QSettings

    from mlpviz import i18n
    from mlpviz.ui.canvas.rings import RING_FACTOR
    from mlpviz.ui.main_window import MainWindow

    i18n.set_language(i18n.CHINESE)
    window = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    apply_preset(window.session, "worked-222")
    window.resize(1920, 1000)
    window.show()
    qtbot.waitExposed(window)
    window.toolbar.step_action.trigger()
    canvas = window.canvas
    qtbot.waitUntil(lambda: canvas.number_plan is not None and canvas.number_plan.bias_side == "below")
    canvas.grab()  # paint: the labels record the boxes they drew
    values = [box for _text, box in canvas.value_labels.painted]
    assert canvas.bias_labels.painted
    tr = canvas.view.mapViewToScene
    positions = canvas.layout_model.all_positions()
    ring_px = canvas._pixels_per_unit() * float(canvas.layout_model.diameters.min()) * RING_FACTOR
    sizes = canvas.layout_model.sizes
    for (text, box), pos in zip(canvas.bias_labels.painted, positions[sizes[0]:]):
        centre = canvas.mapFromScene(tr(pg_point(pos))).toPointF()
        assert box.top() >= centre.y() + ring_px / 2, (text, box, centre, ring_px)  # under the ring
        assert not any(box.intersects(v) for v in values), text  # clear of every value


def pg_point(pos):
    from PySide6.QtCore import QPointF

    return QPointF(float(pos[0]), float(pos[1]))


@pytest.mark.slow
def test_in_chinese_at_1024_the_numbers_are_as_tall_and_never_overlap(tmp_path):
    """The window in Chinese, as the app starts in a Chinese desktop: taller lines of text (titles, tabs, the status
    bar) leave the canvas shorter; 8 rows beside the panels had 14 px values and biases."""
    for preset, modes in probe(tmp_path, 1024, 768, 1, locale="zh_CN").items():
        for mode, m in modes.items():
            where = f"zh_CN {preset} {mode}: {m['values']} / {m['biases']} px"
            assert m["values"] >= NEED[mode] and m["biases"] >= NEED[mode], where
            named(m, where)
            assert m["shown"] == m["nodes"] and not overlapping(m["value_boxes"] + m["bias_boxes"] + m["name_boxes"]), where
