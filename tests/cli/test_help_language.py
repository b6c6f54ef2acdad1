"""``mlpviz --help``, a command's help and argparse's own words follow the locale: Chinese under zh_CN, English under C."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def mlpviz(*args, lang="zh_CN.UTF-8", language=None):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG=lang, PYTHONPATH=str(REPO))
    if language:
        env["LANGUAGE"] = language
    return subprocess.run([sys.executable, "-m", "mlpviz", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_top_level_help_is_in_chinese_under_a_chinese_locale():
    done = mlpviz("--help", language="zh_CN")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("用法：mlpviz")
    for words in ("观看一个小型神经网络学习", "位置参数", "选项", "显示此帮助信息并退出", "不打开图形界面训练网络并导出快照",
                  "用有限差分检验反向传播的梯度", "显示程序的版本号并退出"):
        assert words in out, words
    assert "usage:" not in out and "show this help message" not in out and "options" not in out


def test_train_help_is_in_chinese_with_option_names_and_terms_kept():
    out = mlpviz("train", "--help").stdout
    for words in ("--lr LR", "学习率（默认 0.1）", "--batch-size", "小批量大小 B", "动量", "--export OUT",
                  "训练好的网络写入的位置", "CSV 格式的训练数据"):
        assert words in out, words
    assert "learning rate" not in out and "default" not in out


@pytest.mark.parametrize("lang", ["C.UTF-8", "en_US.UTF-8"])
def test_the_help_stays_english_under_an_english_locale(lang):
    top = mlpviz("--help", lang=lang).stdout
    assert top.startswith("usage: mlpviz") and "show this help message and exit" in top
    assert "options:" in top and "train a network without the GUI" in top
    train = mlpviz("train", "--help", lang=lang).stdout
    assert "learning rate (default 0.1)" in train and "training data as CSV" in train
    assert not any("\u4e00" <= c <= "\u9fff" for c in top + train)


def test_argparse_refusals_are_in_chinese_under_zh_and_english_under_c():
    missing = mlpviz("train", "--sizes", "2,3,1")
    assert missing.returncode == 2
    assert "mlpviz train：错误：缺少必需的参数：--export" in missing.stderr and missing.stderr.startswith("用法：")
    choice = mlpviz("explain", "x.npz", "--dataset", "notebook", "--out", "x.md", "--format", "xx")
    assert "参数 --format：无效的选择：'xx'（请从 'md', 'html', 'tex' 中选择）" in choice.stderr
    lacking = mlpviz("train", "--lr")
    assert "参数 --lr：需要一个参数值" in lacking.stderr
    english = mlpviz("train", "--sizes", "2,3,1", lang="C")
    assert "mlpviz train: error: the following arguments are required: --export" in english.stderr
    assert english.stderr.startswith("usage: ")


def test_a_bench_targets_help_and_the_check_report_are_chinese_under_zh(tmp_path):
    bench = mlpviz("bench", "engine", "--help").stdout
    assert "每个网络的轮数" in bench and "rounds per net" not in bench and "training steps/s" not in bench
    from mlpviz.resources import resource_path

    cases = REPO / "tests" / "io" / "cases"
    done = mlpviz("check", str(resource_path("examples/seed_notebook.txt")), "--sizes", "2,3,1", "--data",
                  str(cases / "cp1252_header.csv"))
    assert done.returncode == 1, done.stderr
    out = done.stdout + done.stderr
    for words in ("文件不是 UTF-8", "笔记本的写法", "不一致", "结论：不一致，最先在 h1.2 的 z（样本 1）", "诊断：", "更新后的"):
        assert words in out, words
    for english in ("DIFFERS", "verdict", "diagnosis", "yours", "after the update", "the file is not UTF-8", "sample"):
        assert english not in out, english
    refused = mlpviz("check", str(resource_path("examples/seed_notebook.txt")), "--sizes", "2,3,1", "--data",
                     str(cases / "xor_pm1.csv"))
    assert "标签为 -1 和 1" in refused.stderr and "把 -1 映射为 0" in refused.stderr and "map -1" not in refused.stderr
