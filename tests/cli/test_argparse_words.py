"""argparse laid out for Chinese: lines measured in terminal columns, the usage's next lines under its first."""

from __future__ import annotations

import argparse

from mlpviz import i18n
from mlpviz.cli.argparse_words import ArgumentParser, columns, install, wrap
from mlpviz.cli.main import build_parser


def test_columns_count_a_chinese_character_as_two():
    assert columns("学习率 lr") == 9 and columns("abc") == 3


def test_wrap_breaks_chinese_within_the_width_and_keeps_option_names_whole():
    text = "在无界面模式下用 CSV 文件或内置数据集训练网络并导出快照。使用 --init-from 时，这里没有给出的设置取自快照。"
    lines = wrap(text, 30)
    assert len(lines) > 2 and all(columns(line) <= 30 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert any("--init-from" in line for line in lines)
    assert not any(line.startswith(("，", "。")) for line in lines)


def help_text(parser, language):
    before = i18n.language()
    i18n.set_language(language)
    try:
        return parser().format_help()
    finally:
        i18n.set_language(before)


def test_english_help_is_laid_out_as_plain_argparse_lays_it_out():
    def parser(cls):
        p = cls(prog="demo", description="A long description " * 8)
        p.add_argument("--lr", type=float, help="learning rate of every step of the run, " * 4)
        return p

    install()
    assert help_text(lambda: parser(ArgumentParser), "en") == help_text(lambda: parser(argparse.ArgumentParser), "en")


def test_chinese_train_help_fits_the_terminal_and_its_usage_lines_up(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")

    def train():
        return build_parser()._subparsers._group_actions[0].choices["train"]

    text = help_text(train, "zh_CN")
    lines = text.splitlines()
    assert lines[0].startswith("用法：mlpviz train [-h]")
    assert lines[1].index("[") == columns("用法：mlpviz train ")  # under the first option, in columns
    assert "选项：" in lines and "options:" not in text
    assert max(columns(line) for line in lines) <= 80
