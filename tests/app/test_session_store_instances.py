"""Two mlpviz windows sharing one session folder: saves never lose the session, the second is told."""

from __future__ import annotations

from mlpviz.app.session_store import SessionStore


_SAVER = r"""
import sys, types
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([])
from mlpviz.app.session_store import SessionStore
from mlpviz.datasets import dataset_from_arrays, make_dataset
from mlpviz.engine import Architecture, init_params
from mlpviz.io import Snapshot
from mlpviz.training.history import History
from mlpviz.training.loss_log import LossLog
from mlpviz.training.settings import TrainingConfig
arch = Architecture((2, 8, 1))
params, step = init_params(arch, "normal", 0), int(sys.argv[2])
log, history = LossLog(), History()
history.record(0, params)
if step:
    history.record(step, params)
for i in range(1, step + 1):
    log.append(i, 1.0 / i)
s = types.SimpleNamespace(config=TrainingConfig(), dataset=make_dataset("moons", n_samples=2000),
                          step_count=step,
                          trainer=types.SimpleNamespace(loss_log=log, history=history,
                                                        snapshot=lambda: Snapshot(arch, params, step=step)))
for _ in range(int(sys.argv[3])):
    SessionStore(sys.argv[1]).save(s)
print("done")
"""


def test_two_instances_saving_at_once_never_lose_the_session(qtbot, tmp_path):
    import subprocess
    import sys
    import time

    script = tmp_path / "saver.py"
    script.write_text(_SAVER)
    folder = tmp_path / "session"
    procs = [subprocess.Popen([sys.executable, str(script), str(folder), str(step), "15"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for step in (11, 22)]
    loads = 0
    while any(p.poll() is None for p in procs):
        if (folder / "session.json").exists():
            saved = SessionStore(folder).load()  # raises (and sets aside) if a save left it inconsistent
            assert saved is not None and saved.snapshot.step in (11, 22)
            loads += 1
        time.sleep(0.01)  # a reader that never let go of the lock would starve the savers
    for p in procs:
        out, err = p.communicate()
        assert p.returncode == 0 and "done" in out, err
    saved = SessionStore(folder).load()
    assert saved.snapshot.step in (11, 22) and loads > 0
    assert saved.loss_log is not None and saved.loss_log.steps[-1] == saved.snapshot.step
    assert len(list(folder.glob("session-*.npz"))) == 4 and not list(folder.glob("*.bad-*"))


def test_a_second_instance_learns_that_it_shares_the_session(qtbot, tmp_path):
    first, second = SessionStore(tmp_path), SessionStore(tmp_path)
    assert first.claim() is True
    assert second.claim() is False
    first.release()
    assert second.claim() is True
    second.release()


# --- the loss log ------------------------------------------------------------------------
