"""Undo and redo bring back the network, its history, the data and the settings exactly."""

from __future__ import annotations

import pytest

from mlpviz.app.presets import apply_preset
from mlpviz.app.session import Session
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, MlpvizError


@pytest.fixture
def session(qapp):
    s = Session()
    s.set_animate(False)
    s.set_config(s.config.with_(batch_size=2, momentum=0.5))
    for _ in range(7):
        s.step()
    return s


def picture(s: Session) -> dict:
    """Everything undo must bring back, compared by value."""
    return {
        "arch": s.arch, "params": s.params.flat.tobytes(), "step": s.step_count, "config": s.config,
        "data": (s.dataset.name, s.dataset.x_train.tobytes(), s.dataset.y_train.tobytes()),
        "history": (s.history.steps.tolist(), [s.history.params_at(k).flat.tobytes() for k in s.history.steps]),
        "loss": (s.loss_log.steps.tolist(), s.loss_log.train.tobytes()),
    }


ACTIONS = {
    "reset": lambda s: s.reset(),
    "preset": lambda s: apply_preset(s, "xor"),
    "architecture": lambda s: s.set_architecture(Architecture((2, 5, 1), "tanh", "sigmoid", "bce")),
    "settings": lambda s: s.set_config(s.config.with_(learning_rate=0.7)),
    "data": lambda s: s.load_data(make_dataset("moons")),
    "data with other inputs": lambda s: s.load_data(make_dataset("blobs", n_classes=3)),
    "weight edit": lambda s: s.edit_weight(0, 1, 2, 0.5),
    "bias edit": lambda s: s.edit_bias(1, 0, -0.25),
    "continue here": lambda s: s.navigation.continue_from(3),
    "open a snapshot": lambda s: s.load_snapshot(Session().trainer.snapshot()),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_undo_brings_back_everything_and_redo_goes_forward_again(session, action):
    before = picture(session)
    ACTIONS[action](session)
    after = picture(session)
    assert after != before
    assert session.undo_stack.canUndo()
    session.undo_stack.undo()
    assert picture(session) == before
    session.undo_stack.redo()
    assert picture(session) == after


def test_training_after_a_change_is_kept_by_redo(session):
    before = picture(session)
    session.reset()
    for _ in range(4):
        session.step()
    trained = picture(session)
    session.undo_stack.undo()
    assert picture(session) == before
    session.undo_stack.redo()
    assert picture(session) == trained  # redo returns to where undo was pressed


def test_a_refused_change_is_not_on_the_undo_stack(session):
    count = session.undo_stack.count()
    with pytest.raises(MlpvizError):
        session.set_architecture(Architecture((3, 4, 1), "relu", "sigmoid", "bce"))  # the data has 2 inputs
    assert session.undo_stack.count() == count


def test_a_preset_is_one_undo_step(session):
    count = session.undo_stack.count()
    apply_preset(session, "spiral")
    assert session.undo_stack.count() == count + 1
    assert "Two spirals" in session.undo_stack.undoText()


def test_old_changes_keep_only_their_own_step(session):
    start = session.undo_stack.index()
    for i in range(6):
        session.set_config(session.config.with_(learning_rate=0.1 + i / 100))
        session.step()
    first = session.undo_stack.command(1)
    assert len(first.before.history) == 1  # trimmed: a long undo stack holds no old timelines
    for _ in range(session.undo_stack.index() - start):
        session.undo_stack.undo()
    assert session.step_count == 7 and session.config.learning_rate == 0.1
