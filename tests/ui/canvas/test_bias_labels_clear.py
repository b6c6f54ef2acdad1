"""Bias labels under their nodes stay clear of the next row's ring: 2-8-1 at 1024×768 before the first step had
"b 0" 3 px into the ring of the node below (rows 46 px apart, rings 38 px wide)."""

from __future__ import annotations

import textwrap

import pytest

from mlpviz.ui.canvas.node_numbers import GAP_PX, digit_height, fits_under, plan_numbers

from ..screens import WINDOW, on_screen

PROBE = WINDOW + textwrap.dedent("""
    from PySide6.QtCore import QPointF
    from mlpviz.app.presets import apply_preset
    from mlpviz.engine import Architecture
    from mlpviz.ui.canvas.node_numbers import digit_height
    from mlpviz.ui.canvas.rings import RING_FACTOR

    w.session.set_animate(False)
    apply_preset(w.session, "xor")  # Xavier: every bias 0 before the first step
    w.session.set_architecture(Architecture((2, 8, 1), "tanh", "sigmoid", "bce"))
    def measure():
        for _ in range(60):
            app.processEvents()
        c, layout = w.canvas, w.canvas.layout_model
        c.grab()  # paint: the labels record the boxes they drew
        ring = c._pixels_per_unit() * float(layout.diameters.min()) * RING_FACTOR
        y = lambda p: c.mapFromScene(c.view.mapViewToScene(QPointF(float(p[0]), float(p[1])))).y()
        painted, gaps, start = c.bias_labels.painted, [], 0
        for column in layout.positions[1:]:  # each label's bottom to the ring of the next node in its column
            boxes = [box for _text, box in painted[start:start + len(column)]]
            gaps += [y(below) - ring / 2 - box.bottom() for box, below in zip(boxes, column[1:])]
            start += len(column)
        plan = c.number_plan
        return {"side": plan.bias_side, "clear": plan.bias_clear, "gaps": gaps, "texts": c.bias_labels.texts,
                "px": digit_height(plan.bias_font)}
    out = {"before": measure()}
    w.session.step()
    out["after"] = measure()
    print("PROBE " + json.dumps(out))
    sys.stdout.flush()
    import os; os._exit(0)  # (no teardown: the numbers are out)
""")


def test_bias_labels_of_2_8_1_at_1024x768_stay_clear_of_the_next_ring_before_and_after_a_step(tmp_path):
    got = on_screen(PROBE, tmp_path, 1024, 768, args=(tmp_path / "s.ini",))
    assert all(text.endswith(" 0") for text in got["before"]["texts"]), got["before"]  # "b 0": not one bias yet
    assert not any(text.endswith(" 0") for text in got["after"]["texts"]), got["after"]
    for when, m in got.items():
        assert m["clear"] and m["px"] >= 16, (when, m)
        if m["side"] == "below":
            assert m["gaps"] and min(m["gaps"]) >= GAP_PX, (when, m)


def test_a_label_that_only_fits_into_the_next_ring_goes_beside_its_node_when_there_is_room(qapp):
    """The numbers of 2-8-1 at 1024×768: rows 46 px apart, rings 38 px, columns 170 px apart."""
    values = [(0.03, -0.85), (0.26,) * 8, (0.46,)]
    plan = plan_numbers(16.0, values, [(0.0,) * 8, (0.0,)], "b", 27.8, 37.8, 46.3, 170.0)
    assert not fits_under(plan.badge_h, 18.0, 37.8, 46.3)
    assert (plan.bias_side, plan.bias_clear) == ("left", True)
    squeezed = plan_numbers(16.0, values, [(-0.0021,) * 8, (0.01,)], "b′", 27.8, 37.8, 46.3, 110.0)
    assert (squeezed.bias_side, squeezed.bias_clear) == ("below", False)  # no room beside: into the ring,
    assert digit_height(squeezed.bias_font) == 16  # rather than in smaller digits


@pytest.mark.parametrize("ring, clear", [(20.0, True), (37.8, False)])
def test_fits_under_counts_the_next_rows_ring(ring, clear):
    assert fits_under(20.8, 18.0, ring, 46.3) is clear
