"""``mlpviz check FILE`` end to end: the seed notebook, JSON for autograders, exit codes 0/1/2, bad options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from mlpviz.check.mistakes import MISTAKES
from mlpviz.cli.main import main
from mlpviz.resources import resource_path

SEED = str(resource_path("examples/seed_notebook.txt"))
CORRECTED = str(resource_path("examples/seed_notebook_corrected.txt"))


def test_the_seed_notebook_differs_and_says_its_labels_are_ignored(capsys):
    assert main(["check", SEED, "--sizes", "2,3,1", "--dataset", "notebook"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("the notebook's style: Network(sizes) with forward, backward and optimize; 2-3-1")
    assert "verdict: differs, first at z of h1." in out
    assert f"diagnosis: {MISTAKES['labels_ignored_delta']}" in out
    assert "mlpviz: ∂C/∂w_" in out  # the equation with this step's numbers


def test_the_corrected_notebook_agrees_as_json(capsys):
    assert main(["check", CORRECTED, "--sizes", "2,3,1", "--dataset", "notebook", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data == {"verdict": "agrees", "first": None, "diagnosis": [],
                    "conventions": ["labels given as class indices, shape (B,)"]}


def test_json_names_the_first_difference(capsys):
    assert main(["check", SEED, "--sizes", "2,3,1", "--dataset", "notebook", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"] == "differs"
    assert set(data["first"]) == {"quantity", "layer", "unit", "yours", "expected"}
    assert data["first"]["quantity"] == "z" and data["first"]["layer"] == 1 and data["first"]["unit"].startswith("h1.")
    assert MISTAKES["labels_ignored_delta"] in data["diagnosis"]


def test_a_hanging_file_exits_2_at_the_time_limit(tmp_path):
    hang = tmp_path / "hang.py"
    hang.write_text("while True:\n    pass\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-m", "mlpviz", "check", str(hang), "--sizes", "2,3,1", "--timeout", "2",
                          "--json"], capture_output=True, text=True, cwd=root, env={"PYTHONPATH": str(root),
                                                                                   "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2
    data = json.loads(out.stdout)
    assert data["verdict"] == "could not run" and "did not finish within 2 s" in data["error"]


def test_bad_options_are_refused_with_the_fix(capsys, tmp_path):
    assert main(["check", SEED, "--dataset", "notebook"]) == 2
    assert "--sizes" in capsys.readouterr().err
    assert main(["check", SEED, "--sizes", "2,3,1", "--steps", "0"]) == 2
    assert "--steps must be between 1 and 100" in capsys.readouterr().err
    assert main(["check", SEED, "--sizes", "2,3,1", "--timeout", "-1"]) == 2
    assert "--timeout must be a positive number" in capsys.readouterr().err
    assert main(["check", SEED, "--sizes", "2,3,2", "--dataset", "iris"]) == 2
    assert "use --sizes 4,3,3 --output softmax --loss ce" in capsys.readouterr().err
    assert main(["check", SEED, "--sizes", "2,3,1", "--lr", "nan"]) == 2
    assert "learning rate" in capsys.readouterr().err
    assert main(["check", str(tmp_path / "missing.py"), "--sizes", "2,3,1"]) == 2
    assert "is not a file" in capsys.readouterr().out


def test_a_syntax_error_is_reported_with_file_and_line_on_lines_of_its_own(capsys, tmp_path):
    """A learner's typo: the heading has no empty style, the traceback starts on its own line, the cause comes first;
    the syntax error is reported alone (the file never ran, so no 'found no network' after it)."""
    code = Path(resource_path("examples/notebook_style.py")).read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(code) if "y_hat = self.forward(x)" in text)
    code[line] += " )"
    typo = tmp_path / "typo.py"
    typo.write_text("\n".join(code) + "\n", encoding="utf-8")
    assert main(["check", str(typo), "--sizes", "2,4,1", "--dataset", "moons"]) == 2
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("2-4-1 relu/sigmoid/bce")
    assert lines[1] == "could not run:"
    assert lines[2] == f'  File "{typo}", line {line + 1}'
    assert any(text.startswith("SyntaxError:") for text in lines)
    assert lines[-1] == "fix this syntax error first: none of your code ran"
    assert not any("found no network" in text or "ran your code up to it" in text for text in lines)


def test_python_m_mlpviz_cli_main_runs_the_command(tmp_path):
    """``python -m mlpviz.cli.main check …`` checks, as ``mlpviz check`` does (it used to exit 0 silently)."""
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-m", "mlpviz.cli.main", "check", SEED, "--sizes", "2,3,1", "--json"],
                         capture_output=True, text=True, cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 1
    assert json.loads(out.stdout)["verdict"] == "differs"


def test_gradients_summed_and_not_averaged_are_not_also_called_a_convention(capsys, tmp_path):
    """The mistake 'summed but not averaged' is not listed as the convention 'learning rate divided by B' too."""
    from mlpviz.check.conventions import NAMES

    code = Path(resource_path("examples/notebook_style.py")).read_text(encoding="utf-8")
    summed = code.replace("self.activations[l].T @ delta / n", "self.activations[l].T @ delta")
    summed = summed.replace("delta.sum(axis=0, keepdims=True) / n", "delta.sum(axis=0, keepdims=True)")
    assert summed.count("/ n") == 0
    learner = tmp_path / "summed.py"
    learner.write_text(summed, encoding="utf-8")
    assert main(["check", str(learner), "--sizes", "2,4,1", "--dataset", "moons", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["diagnosis"] == [MISTAKES["not_averaged"]]
    assert NAMES["summed"] not in data["conventions"]
