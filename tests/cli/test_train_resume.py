"""``mlpviz train --init-from`` continues a run bit for bit: N steps, export, M more == N+M in one go."""

from __future__ import annotations

import itertools

import pytest

from mlpviz.cli.main import main
from mlpviz.io import load_snapshot

SCHEDULES = {
    "full batch": [],
    "mini-batches": ["--batch-size", "16"],
    "shuffled mini-batches": ["--batch-size", "16", "--shuffle"],
}
MOMENTUM = {
    "plain SGD": [], "momentum": ["--momentum", "0.9"],
    "nesterov": ["--momentum", "0.8", "--nesterov", "--weight-decay", "0.01"],
    "adam": ["--optimizer", "adam", "--lr", "0.05", "--beta1", "0.8", "--schedule", "cosine", "--schedule-steps", "20",
             "--warmup", "3"],
    "adamw": ["--optimizer", "adamw", "--lr", "0.05", "--weight-decay", "0.1", "--schedule", "step",
              "--schedule-steps", "5", "--gamma", "0.7"],
    "rmsprop": ["--optimizer", "rmsprop", "--lr", "0.01", "--alpha", "0.9", "--momentum", "0.5",
                "--schedule", "exponential", "--gamma", "0.95"],
    "adagrad": ["--optimizer", "adagrad", "--lr", "0.2", "--eps", "1e-6"],
}


@pytest.mark.parametrize("schedule,momentum", list(itertools.product(SCHEDULES, MOMENTUM)))
@pytest.mark.parametrize("suffix", [".npz", ".json"])
def test_resumed_run_equals_one_run(tmp_path, capsys, schedule, momentum, suffix):
    common = ["--dataset", "moons", "--quiet"]
    settings = ["--sizes", "2,5,1", "--seed", "3", "--lr", "0.3", *SCHEDULES[schedule], *MOMENTUM[momentum]]
    # (a later --lr wins)
    whole, half, resumed = (tmp_path / f"{n}{suffix}" for n in ("whole", "half", "resumed"))
    assert main(["train", *settings, *common, "--steps", "23", "--export", str(whole)]) == 0
    assert main(["train", *settings, *common, "--steps", "9", "--export", str(half)]) == 0
    # Only the data set is named again: the settings come from the snapshot.
    assert main(["train", "--init-from", str(half), *common, "--steps", "14", "--export", str(resumed)]) == 0
    a, b = load_snapshot(whole), load_snapshot(resumed)
    assert b.step == 23
    assert a.params.flat.tobytes() == b.params.flat.tobytes()
    assert a.state.equals(b.state) and a.state.count == 23
    assert a.extra == {**b.extra, "data": a.extra["data"]}
    expected = {"plain SGD": (), "momentum": ("velocity",), "nesterov": ("velocity",), "adam": ("m", "v"),
                "adamw": ("m", "v"), "rmsprop": ("square_avg", "momentum_buffer"), "adagrad": ("sum",)}
    assert a.state.names == expected[momentum]


def test_a_snapshot_without_batch_settings_still_loads_and_trains(tmp_path, capsys):
    """Files written before velocity and batch settings were saved start at rest, full batch."""
    import json

    old = tmp_path / "old.json"
    assert main(["train", "--sizes", "2,3,1", "--steps", "2", "--export", str(old)]) == 0
    doc = json.loads(old.read_text())
    for key in ("momentum", "weight_decay", "batch_size", "shuffle"):
        doc.pop(key)
    doc["init"] = "snapshot"  # what earlier versions wrote after --init-from
    old.write_text(json.dumps(doc))
    out = tmp_path / "new.npz"
    assert main(["train", "--init-from", str(old), "--steps", "1", "--export", str(out)]) == 0
    assert load_snapshot(out).step == 3


def test_settings_given_beside_init_from_win(tmp_path, capsys):
    first, second = tmp_path / "a.npz", tmp_path / "b.npz"
    assert main(["train", "--sizes", "2,3,1", "--lr", "0.3", "--steps", "1", "--export", str(first)]) == 0
    assert main(["train", "--init-from", str(first), "--lr", "0.05", "--steps", "1", "--export", str(second)]) == 0
    assert load_snapshot(second).learning_rate == 0.05
    assert main(["train", "--init-from", str(first), "--momentum", "1.5", "--export", str(second)]) == 2
    assert "momentum μ must be from 0 to 0.9999, got 1.5" in capsys.readouterr().err


def test_exporting_momentum_to_a_framework_file_says_the_velocity_is_not_kept(tmp_path, capsys):
    out = tmp_path / "m.safetensors"
    assert main(["train", "--sizes", "2,3,1", "--momentum", "0.9", "--steps", "2", "--export", str(out)]) == 0
    assert "does not keep the sgd optimizer's state (velocity)" in capsys.readouterr().out
    plain = tmp_path / "p.safetensors"
    assert main(["train", "--sizes", "2,3,1", "--steps", "2", "--export", str(plain)]) == 0
    assert "velocity" not in capsys.readouterr().out


def test_a_resumed_run_trains_on_the_data_it_was_trained_on_unless_told_otherwise(tmp_path, capsys):
    """--init-from without --data/--dataset takes the snapshot's own data, or refuses: never other data quietly."""
    import shutil

    from mlpviz.io import save_snapshot

    csv = tmp_path / "xor_pm1.csv"
    shutil.copy(_xor_pm1(tmp_path), csv)
    settings = ["--sizes", "2,3,1", "--hidden", "tanh", "--output", "linear", "--loss", "mse", "--quiet"]
    whole, half, resumed = (tmp_path / f"{n}.npz" for n in ("whole", "half", "resumed"))
    assert main(["train", "--data", str(csv), *settings, "--steps", "12", "--export", str(whole)]) == 0
    assert main(["train", "--data", str(csv), *settings, "--steps", "5", "--export", str(half)]) == 0
    capsys.readouterr()
    assert main(["train", "--init-from", str(half), "--quiet", "--steps", "7", "--export", str(resumed)]) == 0
    assert f"note: training on {csv}, the data the snapshot was trained on" in capsys.readouterr().out
    assert load_snapshot(resumed).params.equals(load_snapshot(whole).params)

    moved = load_snapshot(half)
    elsewhere = tmp_path / "elsewhere.npz"
    save_snapshot(elsewhere, type(moved)(moved.arch, moved.params, moved.step, moved.learning_rate, moved.seed,
                                         moved.created, {**moved.extra, "data": "iris_species"}, moved.state))
    assert main(["train", "--init-from", str(elsewhere), "--steps", "1", "--export", str(tmp_path / "x.npz")]) == 2
    err = capsys.readouterr().err
    assert "was trained on 'iris_species', which is neither a built-in data set nor a file here" in err
    assert "--data FILE.csv" in err and not (tmp_path / "x.npz").exists()


def _xor_pm1(tmp_path):
    path = tmp_path / "source.csv"
    path.write_text("x1,x2,y\n-1,-1,-1\n-1,1,1\n1,-1,1\n1,1,-1\n", encoding="utf-8")
    return path
