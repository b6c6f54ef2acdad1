"""Timeline: the slider scrubs the history, Continue from here, Compare with a step or a file."""

from __future__ import annotations



from mlpviz.app.presets import apply_preset
from mlpviz.app.session import Session
from mlpviz.engine import Architecture, init_params
from mlpviz.io import Snapshot, save_snapshot


def _fresh(steps: int) -> Session:
    s = Session()
    s.set_animate(False)
    for _ in range(steps):
        s.step()
    return s


def test_slider_follows_the_run_and_scrubs_to_exact_params(window):
    timeline, session = window.timeline, window.session
    for _ in range(10):
        session.step()
    assert (timeline.slider.minimum(), timeline.slider.maximum(), timeline.slider.value()) == (0, 10, 10)
    assert not timeline.continue_button.isEnabled()
    timeline.slider.setValue(4)
    assert session.state.step == 4 and session.state.params.equals(_fresh(4).params)
    assert session.step_count == 10 and timeline.is_scrubbed
    assert timeline.continue_button.isEnabled()
    assert timeline.step_label.text() == "step 4 of 10"
    timeline.latest_button.click()
    assert session.state.step == 10 and session.state.params.equals(session.params)


def test_continue_from_here_matches_a_fresh_run(window):
    timeline, session = window.timeline, window.session
    for _ in range(10):
        session.step()
    timeline.slider.setValue(3)
    timeline.continue_button.click()
    assert session.step_count == 3 and timeline.slider.maximum() == 3
    for _ in range(5):
        session.step()
    assert session.params.equals(_fresh(8).params)


def test_compare_with_a_step_sets_compare_to(window):
    timeline, session = window.timeline, window.session
    for _ in range(6):
        session.step()
    timeline.compare_with_step(2)
    assert session.state.compare_to.equals(_fresh(2).params)
    assert "vs step 2" in timeline.step_label.text()
    timeline.slider.setValue(4)
    assert session.state.compare_to.equals(_fresh(2).params)
    timeline.stop_comparing()
    assert session.state.compare_to is None and "vs" not in timeline.step_label.text()


def test_compare_with_a_snapshot_file(window, tmp_path, message_boxes):
    timeline, session = window.timeline, window.session
    other = init_params(session.arch, "he", 5)
    save_snapshot(tmp_path / "other.json", Snapshot(session.arch, other))
    assert timeline.compare_with_file(tmp_path / "other.json")
    assert session.state.compare_to.equals(other) and "other.json" in timeline.step_label.text()

    warnings = message_boxes
    arch = Architecture((2, 4, 1), "relu", "sigmoid", "bce")
    save_snapshot(tmp_path / "wide.npz", Snapshot(arch, init_params(arch, "normal", 0)))
    assert not timeline.compare_with_file(tmp_path / "wide.npz")
    assert len(warnings) == 1 and session.state.compare_to.equals(other)


def test_a_step_being_played_is_not_taken_for_a_scrubbed_one(window, qtbot):
    timeline = window.timeline
    window.session.set_animate(True)
    window.session.step()  # playing: the picture shows step 0 while step 1 is under way
    assert window.session.is_playing and window.session.state.step == 0
    assert not timeline.continue_button.isEnabled() and not timeline.latest_button.isEnabled()
    window.session.runs.stop_for_change()


def test_continue_from_here_with_momentum_goes_on_with_that_steps_velocity(window, qtbot, tmp_path):
    """Presets ▸ spiral (momentum 0.9): Step 10 times, scrub back to step 4, Continue here, Step, and export the
    step as a worked example: its v_prev is step 4's velocity (it wrote v = 0.9·0 + g)."""
    import re

    from mlpviz.ui.teaching.export_dialog import ExportWorkedExampleDialog

    timeline, session = window.timeline, window.session
    next(a for a in window.presets_menu.actions() if a.objectName() == "preset-spiral").trigger()
    session.set_animate(False)
    assert session.config.momentum == 0.9
    for _ in range(10):
        window.toolbar.step_action.trigger()
    timeline.slider.setValue(4)
    qtbot.waitUntil(lambda: session.state.step == 4, timeout=30_000)
    timeline.continue_button.click()
    assert session.step_count == 4
    fresh = Session()
    apply_preset(fresh, "spiral")  # the same run, never gone back
    fresh.set_animate(False)
    for _ in range(5):
        fresh.step()
    window.toolbar.step_action.trigger()
    qtbot.waitUntil(lambda: session.step_count == 5, timeout=30_000)
    record = session.trainer.last_record
    assert record.state_before.equals(fresh.trainer.last_record.state_before) and record.state_before.count == 4
    assert session.params.equals(fresh.params)
    window.worked_example_action.trigger()
    dialog = next(d for d in window.findChildren(ExportWorkedExampleDialog) if d.isVisible())
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("md"))
    dialog.path_edit.setText(str(tmp_path / "w.md"))
    dialog.write()
    text = (tmp_path / "w.md").read_text(encoding="utf-8")
    v_prev = re.search(r"^\$v_\{[^$]*= 0\.9 \\cdot  (\S+) \+", text, re.M).group(1).strip("()")
    assert float(v_prev) == float(f"{record.state_before['velocity'][0]:.9g}") != 0
