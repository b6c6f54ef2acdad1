"""The loss panel and the decision map read whole when presenting (F5) on a 1024×768 projector, in English and Chinese.

A fresh tester found, presenting: the loss header cut ("step 1 · train loss 1.50…"), the train loss's dot under
the legend, the 2-2-2 map's ticks run together ("0.050.10") and its top "0.20" cut, its caption cut. The window
runs in its own process on a 1024×768 screen (a QApplication's screens are fixed when it starts); the probe picks
the presets from the Presets menu, steps with Step and presents with F5, and reports what was drawn.
"""

from __future__ import annotations

import textwrap

import pytest
from PySide6.QtCore import QRectF

from ..screens import WINDOW, on_screen

PROBE = WINDOW + textwrap.dedent("""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QAction, QFontMetricsF, QPainter, QPicture
    w.session.set_animate(False)
    w.activateWindow()

    def wait_until(done):  # the events of a loaded machine, for at most 60 s (never a fixed sleep)
        end = time.monotonic() + 60
        while not done() and time.monotonic() < end:
            app.processEvents()
        for _ in range(30):  # and what the last event asked for (the throttled redraws, the layout)
            app.processEvents()
        assert done()

    def rect(r):
        return [r.x(), r.y(), r.width(), r.height()]

    def on_window(widget):
        at = widget.mapTo(w, widget.rect().topLeft())
        return [at.x(), at.y(), widget.width(), widget.height()]

    def present(preset):
        w.findChild(QAction, "preset-" + preset).trigger()  # Presets ▸ …
        wait_until(w.isActiveWindow)
        w.canvas.setFocus()
        QTest.keyClick(w.canvas, Qt.Key_F5)
        wait_until(lambda: w.presenting and w.isFullScreen())

    def loss_panel():
        plot = w.loss_plot
        label, item = plot.last_label, plot.plot_widget.getPlotItem()
        fm = QFontMetricsF(label.font())
        dots = []
        for curve in (plot.train_curve, plot.test_curve):
            xs, ys = curve.getData()
            size = curve.opts["symbolSize"] if curve.opts["symbol"] else 2
            dots += [rect(QRectF(curve.mapToScene(QPointF(x, y)), curve.mapToScene(QPointF(x, y))).adjusted(
                -size / 2, -size / 2, size / 2, size / 2)) for x, y in zip(xs, ys)]
        return {"text": label.text(), "lines": label.lines(), "widths": [fm.horizontalAdvance(l) for l in label.lines()],
                "room": label.contentsRect().width(), "height": label.height(), "line": fm.lineSpacing(),
                "label": on_window(label), "dock": on_window(w.docks["loss"]), "window": rect(QRectF(w.rect())),
                "legend": rect(item.legend.sceneBoundingRect()), "view": rect(item.vb.sceneBoundingRect()),
                "dots": dots}

    def ticks(plot_widget):
        out = {}
        for name in ("bottom", "left"):
            axis = plot_widget.getPlotItem().getAxis(name)
            picture = QPicture()
            painter = QPainter(picture)
            painter.setFont(axis.style["tickFont"])
            texts = axis.generateDrawSpecs(painter)[2]
            painter.end()
            on_screen = lambda r: plot_widget.mapFromScene(axis.mapRectToScene(r)).boundingRect()
            fm = QFontMetricsF(axis.style["tickFont"])
            out[name] = [[s, fm.horizontalAdvance(s), rect(QRectF(on_screen(r)))] for r, _flags, s in texts]
        out["widget"] = rect(QRectF(plot_widget.rect()))
        return out

    out = {}
    present("iris")
    w.toolbar.step_action.trigger()  # Step
    wait_until(lambda: w.session.step_count == 1 and w.loss_plot.last_label.text().startswith(str(w.loss_plot.tr(
        "step {0} · train loss {1:.6g}").format(1, w.session.loss_log.train[0]))))
    out["iris"] = loss_panel()
    QTest.keyClick(w.canvas, Qt.Key_Escape)
    wait_until(lambda: not w.presenting)
    present("worked-222")
    dmap = w.decision_map
    wait_until(lambda: dmap.isVisible() and dmap.legend_label.text())
    caption = dmap.legend_label
    room, fm = caption.contentsRect(), QFontMetricsF(caption.font())
    if caption.wordWrap():  # the lines it wraps to, all in its height
        fits = fm.boundingRect(QRectF(0, 0, room.width(), 10000), int(Qt.TextWordWrap.value), caption.text()).height() <= room.height() + 0.5
    else:  # one line, "…" where it does not fit
        fits = fm.horizontalAdvance(caption.text()) <= room.width()
    out["map"] = {"ticks": ticks(dmap.plot_widget), "caption": caption.text(), "caption_rect": on_window(caption),
                  "fits": fits, "window": rect(QRectF(w.rect()))}
    print("PROBE " + json.dumps(out))
    sys.stdout.flush()
    import os; os._exit(0)  # (no teardown: the numbers are out)
""")


@pytest.fixture(scope="module", params=["", "zh_CN"], ids=["English", "Chinese"])
def drawn(request, tmp_path_factory):
    """What the window drew presenting Iris after one step, then the 2-2-2 example, on a 1024×768 screen."""
    tmp_path = tmp_path_factory.mktemp("present")
    return on_screen(PROBE, tmp_path, 1024, 768, 1, (tmp_path / "s.ini",), request.param)


def inside(outer, inner) -> bool:
    return QRectF(*outer).adjusted(-0.5, -0.5, 0.5, 0.5).contains(QRectF(*inner))


def test_the_loss_header_shows_every_number_whole_on_as_many_lines_as_it_needs(drawn):
    got = drawn["iris"]
    assert " · ".join(got["lines"]) == got["text"] and "…" not in got["text"]
    assert len(got["lines"]) >= 2  # at 1024×768 it does not fit on one line: "step 1 · train loss 1.50…"
    assert all(width <= got["room"] for width in got["widths"]), got
    assert got["height"] >= len(got["lines"]) * got["line"], got  # no line cut off below
    assert inside(got["dock"], got["label"]) and inside(got["window"], got["label"])


def test_the_loss_legend_covers_no_plotted_point(drawn):
    got = drawn["iris"]
    legend = QRectF(*got["legend"])
    assert len(got["dots"]) == 2  # step 1's train and test loss
    assert not [dot for dot in got["dots"] if legend.intersects(QRectF(*dot))], got
    assert all(inside(got["view"], dot) for dot in got["dots"]) and inside(got["view"], got["legend"])


def test_the_maps_tick_numbers_stand_apart_and_whole_inside_the_panel(drawn):
    ticks = drawn["map"]["ticks"]
    for name, along in (("bottom", 0), ("left", 1)):
        texts = ticks[name]
        assert len(texts) >= 2, (name, texts)
        boxes = sorted((QRectF(*r) for _s, _w, r in texts), key=lambda r: (r.left(), r.top())[along])
        for a, b in zip(boxes, boxes[1:]):  # apart by at least a space across, a fifth of a line up the side
            gap = b.left() - a.right() if along == 0 else b.top() - a.bottom()
            assert gap >= (3 if along == 0 else 0.15 * a.height()), (name, texts)
        assert all(r.width() >= width - 0.5 for _s, width, r in ((s, w, QRectF(*r)) for s, w, r in texts)), texts
        assert all(inside(ticks["widget"], r) for _s, _w, r in texts), (name, texts)  # none cut at the panel's edge


def test_the_maps_caption_is_whole(drawn):
    got = drawn["map"]
    assert "…" not in got["caption"] and got["caption"].endswith(("test points hollow", "测试点为空心"))
    assert got["fits"] and inside(got["window"], got["caption_rect"]), got
