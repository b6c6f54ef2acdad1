"""The command line in the user's language: refusals and the worked example in Chinese under LANG=zh_CN.UTF-8."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mlpviz.cli.main import main

REPO = Path(__file__).resolve().parents[2]


def mlpviz(*args, lang="zh_CN.UTF-8", cwd=None):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG=lang, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "mlpviz", *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_train_refuses_a_momentum_of_1_5_in_chinese_and_in_english(tmp_path):
    args = ("train", "--sizes", "2,3,1", "--momentum", "1.5", "--steps", "1", "--export", str(tmp_path / "n.npz"))
    chinese = mlpviz(*args)
    assert chinese.returncode == 2
    assert chinese.stderr.strip() == "mlpviz train: 动量 μ 必须在 0 到 0.9999 之间，收到的是 1.5"
    english = mlpviz(*args, lang="C.UTF-8")
    assert english.stderr.strip() == "mlpviz train: momentum μ must be from 0 to 0.9999, got 1.5"
    assert not (tmp_path / "n.npz").exists()


def test_a_csv_refusal_and_the_training_summary_in_chinese(tmp_path):
    (tmp_path / "one.csv").write_text("a b c\n1 2 3\n", encoding="utf-8")
    refused = mlpviz("train", "--sizes", "2,3,1", "--data", str(tmp_path / "one.csv"), "--steps", "1",
                     "--export", str(tmp_path / "n.npz"))
    assert refused.returncode == 2 and "只有一列：请用逗号、分号或制表符分隔各列" in refused.stderr
    done = mlpviz("train", "--sizes", "2,3,1", "--steps", "2", "--export", str(tmp_path / "n.npz"))
    assert done.returncode == 0, done.stderr
    assert "第 2 步：损失" in done.stdout and "已写入" in done.stdout and "trained" not in done.stdout


@pytest.fixture
def snapshot(tmp_path):
    assert main(["train", "--sizes", "2,3,1", "--steps", "1", "--export", str(tmp_path / "n.npz")]) == 0
    return str(tmp_path / "n.npz")


@pytest.mark.parametrize("fmt", ["md", "html", "tex"])
def test_explain_writes_the_worked_example_in_chinese(snapshot, tmp_path, fmt, capsys):
    out = tmp_path / f"step.{fmt}"
    assert main(["explain", snapshot, "--dataset", "notebook", "--out", str(out), "--lang", "zh_CN"]) == 0
    text = out.read_text(encoding="utf-8")
    for words in ("2-3-1 网络的一步反向传播演算", "前向传播", "反向传播", "学习率", "二元交叉熵"):
        assert words in text, words
    assert "Forward pass" not in text and "learning rate" not in text.lower()
    if fmt == "html":
        assert '<html lang="zh-CN">' in text and "精确值" in text
    if fmt == "tex":
        assert "\\documentclass[11pt]{ctexart}" in text and "xelatex" in text
    assert capsys.readouterr().out.startswith("wrote ")  # the terminal kept its language (English here)


def test_explain_follows_the_locale_and_refuses_a_language_it_does_not_speak(snapshot, tmp_path):
    done = mlpviz("explain", snapshot, "--dataset", "notebook", "--out", str(tmp_path / "s.md"))
    assert done.returncode == 0 and done.stdout.startswith("已写入")
    assert "前向传播" in (tmp_path / "s.md").read_text(encoding="utf-8")
    refused = mlpviz("explain", snapshot, "--dataset", "notebook", "--out", str(tmp_path / "t.md"), "--lang", "fr_FR",
                     lang="C.UTF-8")
    assert refused.returncode == 2 and "--lang fr_FR: mlpviz speaks en, zh_CN" in refused.stderr
