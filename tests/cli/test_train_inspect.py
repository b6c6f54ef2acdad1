"""``mlpviz train`` / ``inspect`` / ``bench`` end to end."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from mlpviz.cli.main import main
from mlpviz.io import load_snapshot, write_csv


def test_train_exports_a_snapshot_and_prints_progress(tmp_path, capsys):
    out = tmp_path / "net.npz"
    assert main(["train", "--sizes", "2,3,1", "--steps", "20", "--seed", "1", "--export", str(out)]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].startswith("step 1: loss ")
    assert sum(line.startswith("step ") for line in printed) == 11
    assert printed[-1].startswith("trained 2-3-1 for 20 steps on notebook (5 samples)")
    snap = load_snapshot(out)
    assert snap.step == 20 and snap.seed == 1 and snap.extra["init"] == "normal"


def test_train_is_reproducible_and_continues_from_a_snapshot(tmp_path, capsys):
    a, b, c = (tmp_path / n for n in ("a.json", "b.json", "c.json"))
    args = ["train", "--sizes", "2,4,2", "--output", "softmax", "--loss", "ce", "--dataset", "moons",
            "--batch-size", "16", "--shuffle", "--momentum", "0.9", "--steps", "30", "--quiet"]
    assert main(args + ["--export", str(a)]) == 0
    assert main(args + ["--export", str(b)]) == 0
    assert load_snapshot(a).params.flat.tobytes() == load_snapshot(b).params.flat.tobytes()
    assert main(["train", "--init-from", str(a), "--dataset", "moons", "--steps", "5", "--export", str(c)]) == 0
    snap = load_snapshot(c)
    assert snap.step == 35 and snap.arch == load_snapshot(a).arch
    assert not snap.params.equals(load_snapshot(a).params)


def test_train_on_a_csv_file_with_class_indices(tmp_path, capsys):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((30, 3))
    data = tmp_path / "d.csv"
    write_csv(data, x, (x[:, 0] > 0).astype(float) + (x[:, 1] > 0))
    out = tmp_path / "n.npz"
    code = main(["train", "--sizes", "3,5,3", "--output", "softmax", "--loss", "ce", "--data", str(data),
                 "--steps", "50", "--lr", "0.5", "--export", str(out)])
    assert code == 0
    assert f"on {data} (30 samples)" in capsys.readouterr().out


@pytest.mark.parametrize("args,message", [
    (["--sizes", "2,x,1"], "whole numbers"),
    (["--sizes", "3,2,1"], "this network takes 3 inputs; the loaded data has 2 input columns"),
    (["--sizes", "2,3,1", "--hidden", "swish"], "swish"),
    (["--sizes", "2,3,1", "--loss", "ce"], "softmax"),
    (["--sizes", "2,3,1", "--dataset", "mnist"], "unknown data set"),
    (["--sizes", "2,3,1", "--batch-size", "0"], "batch size"),
    (["--sizes", "2,3,1", "--steps", "-1"], "--steps"),
    (["--sizes", "2,3,1", "--lr", "nan"], "the learning rate must be a number above 0, got nan"),
    (["--sizes", "2,3,1", "--lr", "-1"], "the learning rate must be a number above 0, got -1.0"),
    (["--sizes", "2,3,1", "--lr", "0"], "the learning rate must be a number above 0, got 0.0"),
    (["--sizes", "2,3,1", "--momentum", "1.5"], "momentum μ must be from 0 to 0.9999, got 1.5"),
    (["--sizes", "2,3,1", "--weight-decay", "-1"], "weight decay λ must be from 0 to 1000, got -1.0"),
    (["--sizes", "2,3,1", "--init", "zeros"], "unknown initialisation 'zeros'"),
    (["--sizes", "2,3,1", "--data", "/nonexistent.csv"], "no such file"),
    (["--sizes", "2,3,1", "--data", "x.csv", "--samples", "3"], "--samples"),
    (["--init-from", "/nonexistent.npz"], "no such file"),
    ([], "--sizes"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, args, message):
    out = tmp_path / "o.npz"
    assert main(["train", *args, "--export", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mlpviz train: ") and err.count("\n") == 1
    assert message in err
    assert not out.exists()


def test_a_snapshot_at_the_last_step_is_not_trained_past_it(tmp_path, capsys):
    from mlpviz.engine import Architecture, init_params
    from mlpviz.io import Snapshot, save_snapshot
    from mlpviz.io.limits import MAX_STEP

    arch = Architecture((2, 3, 1))
    save_snapshot(tmp_path / "last.npz", Snapshot(arch, init_params(arch, "normal", 0), step=MAX_STEP))
    out = tmp_path / "o.npz"
    assert main(["train", "--init-from", str(tmp_path / "last.npz"), "--steps", "1", "--export", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "last step number" in err and not out.exists()
    with pytest.raises(Exception, match="step"):
        Snapshot(arch, init_params(arch, "normal", 0), step=MAX_STEP + 1)  # nothing writes what inspect refuses


def test_inspect_refuses_hostile_snapshots_in_one_line(tmp_path, capsys):
    import io
    import json
    import zipfile

    bad = tmp_path / "bad.npz"
    with zipfile.ZipFile(bad, "w") as zf:
        buf = io.BytesIO()
        np.save(buf, np.array(""))
        zf.writestr("meta.npy", buf.getvalue().replace(b"'<U1'", b"'<U0'"))
    assert main(["inspect", str(bad)]) == 2
    assert "non-empty string" in capsys.readouterr().err
    main(["train", "--sizes", "2,3,1", "--steps", "0", "--export", str(tmp_path / "g.json")])
    capsys.readouterr()
    doc = json.loads((tmp_path / "g.json").read_text())
    for key, value in (("learning_rate", "9" * 400), ("step", str(2**31))):
        text = (tmp_path / "g.json").read_text().replace(f'"{key}": {json.dumps(doc[key])}', f'"{key}": {value}')
        (tmp_path / "h.json").write_text(text)
        assert main(["inspect", str(tmp_path / "h.json")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and err.count("mlpviz inspect: ") == 2 and "Traceback" not in err


def test_bad_export_name_and_conflicting_init_from(tmp_path, capsys):
    assert main(["train", "--sizes", "2,3,1", "--export", str(tmp_path / "o.txt")]) == 2
    snap = tmp_path / "s.npz"
    assert main(["train", "--sizes", "2,3,1", "--steps", "0", "--export", str(snap)]) == 0
    assert main(["train", "--init-from", str(snap), "--sizes", "2,4,1", "--export", str(tmp_path / "o.npz")]) == 2
    assert "conflicts" in capsys.readouterr().err


def test_divergence_stops_keeps_the_last_good_parameters_and_exits_1(tmp_path, capsys):
    out = tmp_path / "d.npz"
    code = main(["train", "--sizes", "2,3,1", "--output", "linear", "--loss", "mse", "--dataset", "xor",
                 "--noise", "0", "--lr", "1e5", "--steps", "50", "--export", str(out)])
    text = capsys.readouterr().out
    assert code == 1 and "Training diverged at step" in text and "the learning rate 100000 is too large" in text
    snap = load_snapshot(out)
    assert snap.params.is_finite() and snap.step < 50


def test_inspect_prints_the_architecture_and_parameters(tmp_path, capsys):
    out = tmp_path / "n.json"
    main(["train", "--sizes", "2,3,1", "--steps", "2", "--export", str(out)])
    capsys.readouterr()
    assert main(["inspect", str(out)]) == 0
    text = capsys.readouterr().out
    assert "2-3-1" in text and "relu" in text and "W0 2x3" in text and "b1 (1,)" in text and "step       2" in text
    assert main(["inspect", "--full", str(out)]) == 0
    w = load_snapshot(out).params.weights[0][0, 0]
    full = capsys.readouterr().out
    assert repr(float(w)) in full and repr(float(w)) not in text
    (tmp_path / "bad.json").write_text("{}")
    assert main(["inspect", str(tmp_path / "bad.json")]) == 2
    assert "not an mlpviz snapshot" in capsys.readouterr().err


def test_bench_engine_runs_quickly(capsys):
    assert main(["bench", "engine", "--repeat", "1", "--seconds", "0.01", "--no-torch"]) == 0
    text = capsys.readouterr().out
    assert "784-128-64-10" in text and "mlpviz steps/s" in text
    assert main(["bench", "engine", "--repeat", "0"]) == 2


def test_python_dash_m_runs_the_same_commands(tmp_path):
    out = tmp_path / "n.npz"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    run = subprocess.run([sys.executable, "-m", "mlpviz", "train", "--sizes", "2,3,1", "--export", str(out)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "wrote" in run.stdout and out.exists()
    bad = subprocess.run([sys.executable, "-m", "mlpviz", "inspect", str(tmp_path / "none.npz")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "no such file" in bad.stderr


@pytest.mark.parametrize("case", [((3, 5, 4, 1), "sigmoid", "bce"), ((3, 5, 4, 3), "softmax", "ce")])
def test_the_benchmark_bare_step_takes_the_same_step_as_the_engine(case):
    """The bare numpy step is a fair floor only if it does the engine's maths."""
    import numpy as np

    from mlpviz.bench.bare_numpy_step import bare_step
    from mlpviz.engine import Architecture, init_params, train_step

    sizes, output, loss = case
    arch = Architecture(sizes, "relu", output, loss)
    params = init_params(arch, "he", 3)
    rng = np.random.default_rng(1)
    x = rng.standard_normal((7, sizes[0]))
    y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], 7)] if loss == "ce" else rng.integers(0, 2, (7, 1)).astype(float)
    ws, bs = [np.array(w) for w in params.weights], [np.array(b) for b in params.biases]
    bare_step(ws, bs, x, y, loss, 0.3)
    after = train_step(arch, params, x, y, 0.3).params_after
    for mine, engine in zip(ws + bs, after.weights + after.biases):
        np.testing.assert_allclose(mine, engine, rtol=1e-12, atol=1e-14)


def test_inspect_piped_into_a_reader_that_stops_early_exits_quietly(tmp_path):
    """``mlpviz inspect FILE | head -3`` must not end in a BrokenPipeError traceback."""
    import subprocess
    import sys

    snap = tmp_path / "big.json"
    assert main(["train", "--sizes", "2,128,128,1", "--steps", "1", "--export", str(snap), "--quiet"]) == 0
    proc = subprocess.Popen([sys.executable, "-m", "mlpviz", "inspect", "--full", str(snap)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away after one line
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err


def test_every_subcommand_piped_into_a_reader_that_stops_early_says_nothing(tmp_path):
    """``mlpviz inspect FILE | head -1``: no "Broken pipe" message, exit code 1 (the Python docs' recipe)."""
    import subprocess
    import sys

    snap = tmp_path / "big.json"
    assert main(["train", "--sizes", "2,128,128,1", "--steps", "1", "--export", str(snap), "--quiet"]) == 0
    for command in (["inspect", "--full", str(snap)], ["inspect", str(snap)]):
        proc = subprocess.Popen([sys.executable, "-m", "mlpviz", *command],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.readline()
        proc.stdout.close()
        _, err = proc.communicate(timeout=60)
        assert err == b"", (command, err)
        assert proc.returncode in (0, 1), (command, proc.returncode)


def test_the_printed_loss_is_labelled_as_the_one_before_the_update_and_help_says_shuffle_is_on(tmp_path, capsys):
    assert main(["train", "--sizes", "2,3,1", "--steps", "2", "--export", str(tmp_path / "n.npz")]) == 0
    assert capsys.readouterr().out.splitlines()[0].endswith("(before update 1)")
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    assert "default on, as in the app" in " ".join(capsys.readouterr().out.split())


def test_convert_to_a_read_only_format_says_it_is_read_only(tmp_path, capsys):
    src = tmp_path / "n.npz"
    assert main(["train", "--sizes", "2,3,1", "--steps", "1", "--quiet", "--export", str(src)]) == 0
    assert main(["convert", str(src), str(tmp_path / "n.keras")]) == 2
    assert ".keras files are read, not written, by mlpviz" in capsys.readouterr().err
