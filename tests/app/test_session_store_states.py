"""The session kept across launches keeps each kept step's optimizer state: Continue here after a relaunch
trains on as the run did before it."""

from __future__ import annotations

import numpy as np

from mlpviz.app.session import Session
from mlpviz.app.session_store import SessionStore, restore_session
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture
from mlpviz.training.settings import TrainingConfig


def test_continuing_an_older_step_after_a_relaunch_is_bit_for_bit(qtbot, tmp_path):
    before = Session()
    before.set_animate(False)
    before.set_data(make_dataset("blobs", n_samples=60, seed=4), Architecture((2, 5, 3), "tanh", "softmax", "ce"))
    before.set_config(TrainingConfig(seed=9, learning_rate=0.02, batch_size=8, optimizer="adam"))
    for _ in range(9):
        before.step()
    SessionStore(tmp_path).save(before)
    after = Session()
    after.set_animate(False)
    assert restore_session(SessionStore(tmp_path), after).startswith("Restored")
    assert not after.trainer.state_lost(4)
    for session in (before, after):
        session.navigation.continue_from(4)
        for _ in range(5):
            session.step()
    assert np.array_equal(after.params.flat, before.params.flat)
    assert after.trainer.optimizer_state.equals(before.trainer.optimizer_state)
