"""``mlpviz inspect LESSON.mlpviz`` lists what a lesson holds, and refuses a damaged one by name (exit 2)."""

from __future__ import annotations

from mlpviz.cli.main import main
from mlpviz.document import Checkpoint, Lesson, write_lesson
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture
from mlpviz.training.settings import TrainingConfig
from mlpviz.training.trainer import Trainer


def test_inspect_lists_a_lessons_contents(tmp_path, capsys):
    data = make_dataset("iris", n_samples=60)
    trainer = Trainer(Architecture((4, 8, 3), "relu", "softmax", "ce"), data, TrainingConfig(seed=2))
    for _ in range(7):
        trainer.advance()
    path = tmp_path / "iris.mlpviz"
    write_lesson(path, Lesson(trainer.snapshot(), trainer.settings, data, trainer.loss_log, trainer.history,
                              {"panel": "formulas"}, {}, "Iris in class", "Watch =SUM(A1) and <b>h1.2</b>",
                              (Checkpoint("Start", 0, "Press Step"), Checkpoint("Done", 7))))
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert "mlpviz lesson" in out and "title      Iris in class" in out
    assert "network    4-8-3" in out and "step       7" in out
    assert "3 classes (setosa, versicolor, virginica)" in out
    assert "timeline   8 kept steps" in out and "view       panel = formulas" in out
    assert "  Watch =SUM(A1) and <b>h1.2</b>" in out
    assert "  1. Start (step 0)\n     Press Step\n  2. Done (step 7)" in out


def test_inspect_refuses_a_damaged_lesson_naming_it(tmp_path, capsys):
    path = tmp_path / "broken.mlpviz"
    path.write_bytes(b"PK\x03\x04 not really")
    assert main(["inspect", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mlpviz inspect: {path}") and "\n" == err[-1] and err.count("\n") == 1


def test_inspect_says_whether_the_timeline_keeps_the_optimizers_state(tmp_path, capsys):
    from ..document.test_timeline_states import old_format

    data = make_dataset("iris", n_samples=60)
    trainer = Trainer(Architecture((4, 8, 3), "relu", "softmax", "ce"), data, TrainingConfig(seed=2, momentum=0.9))
    for _ in range(7):
        trainer.advance()
    path = tmp_path / "iris.mlpviz"
    write_lesson(path, Lesson(trainer.snapshot(), trainer.settings, data, trainer.loss_log, trainer.history))
    assert main(["inspect", str(path)]) == 0
    assert "timeline   8 kept steps, with the optimizer's state\n" in capsys.readouterr().out
    old_format(path)  # as an older mlpviz wrote it
    assert main(["inspect", str(path)]) == 0
    assert ("timeline   8 kept steps, without the optimizer's state before step 7 (an older lesson: continuing "
            "there starts at rest)\n") in capsys.readouterr().out
