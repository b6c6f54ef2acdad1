"""``mlpviz gradcheck`` and ``mlpviz explain`` end to end."""

from __future__ import annotations

import pytest

from mlpviz.app.presets import worked_example_222
from mlpviz.cli.main import main
from mlpviz.io import Snapshot, save_snapshot, write_csv


@pytest.fixture
def example_222(tmp_path):
    arch, params, x, y, lr = worked_example_222()
    save_snapshot(tmp_path / "w222.json", Snapshot(arch, params, 0, lr, None))
    write_csv(tmp_path / "w222.csv", x, y)
    return str(tmp_path / "w222.json"), str(tmp_path / "w222.csv")


def test_gradcheck_prints_the_worst_error_of_every_layer(example_222, capsys):
    snap, data = example_222
    assert main(["gradcheck", snap, "--data", data]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("gradient check of 2-2-2 (12 parameters) on ")
    assert out[1].startswith("layer 0 (x → h1): worst relative error ")
    assert out[2].startswith("layer 1 (h1 → y): worst relative error ")
    assert out[3].startswith("ok: worst ")


def test_gradcheck_fails_over_the_tolerance_and_refuses_bad_input(tmp_path, example_222, capsys):
    snap, _ = example_222
    assert main(["gradcheck", snap, "--dataset", "xor", "--tolerance", "0"]) == 1
    assert "FAILED" in capsys.readouterr().out
    assert main(["gradcheck", snap, "--dataset", "spiral-galaxy"]) == 2
    assert "mlpviz gradcheck: unknown data set" in capsys.readouterr().err


def test_explain_writes_each_format(tmp_path, example_222, capsys):
    snap, data = example_222
    for fmt in ("md", "html", "tex"):
        out = tmp_path / f"step.{fmt}"
        assert main(["explain", snap, "--data", data, "--out", str(out)]) == 0
        assert "0.298371109" in out.read_text(encoding="utf-8")
    out = tmp_path / "chosen.txt"
    assert main(["explain", snap, "--data", data, "--format", "md", "--units", "y1", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "0.35891648" in text and "0.149780716" not in text


@pytest.mark.parametrize("out,args,message", [
    ("x.md", ["--sample", "2"], "--sample 2: the batch has samples 1 to 1"),
    ("x.md", ["--units", "h7.1"], "--units: no unit 'h7.1'"),
    ("x.docx", [], "cannot tell the format from the suffix"),
])
def test_explain_refuses_bad_input_in_one_line(tmp_path, example_222, capsys, out, args, message):
    snap, data = example_222
    assert main(["explain", snap, "--data", data, "--out", str(tmp_path / out), *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mlpviz explain: ") and message in err and err.count("\n") == 1
    assert not (tmp_path / out).exists()
