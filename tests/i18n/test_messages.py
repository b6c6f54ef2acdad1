"""The message layer without Qt: a message is formatted in the language of the moment, plurals by number."""

from __future__ import annotations

import pickle

import pytest

from mlpviz import i18n
from mlpviz.engine import MlpvizError
from mlpviz.i18n import Message, msg, msg_n
from mlpviz.i18n.po import Entry, compile_mo, read_po, write_po


@pytest.fixture
def chinese():
    i18n.set_language(i18n.CHINESE)
    yield
    i18n.set_language(i18n.ENGLISH)


@pytest.mark.parametrize("env, expected", [
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "de:zh_CN"}, "zh_CN"),
    ({"LANG": "de_DE.UTF-8", "LANGUAGE": "en:zh_CN"}, "en"),
    ({"LANG": "zh_SG.UTF-8"}, "zh_CN"),
    ({"LANG": "zh_TW.UTF-8"}, "en"),  # Traditional: no catalogue yet
    ({"LC_ALL": "C", "LANGUAGE": "zh_CN"}, "en"),  # as gettext: C ignores LANGUAGE
    ({}, "en"),
])
def test_the_language_comes_from_the_environment_as_gettext_reads_it(env, expected):
    assert i18n.language_from_environment(env) == expected


def test_a_message_is_formatted_when_shown_in_the_language_of_that_moment(chinese):
    message = msg("the seed must be a whole number from 0 to {max_seed}, got {value}", max_seed=9, value="'a'")
    assert str(message) == "随机种子必须是 0 到 9 之间的整数，收到的是 'a'"
    i18n.set_language(i18n.ENGLISH)
    assert str(message) == "the seed must be a whole number from 0 to 9, got 'a'"
    assert message.english() == str(message)


def test_an_error_carrying_a_message_prints_in_the_users_language(chinese):
    error = MlpvizError(msg("the seed"))
    assert str(error) == "随机种子" and f"{error}" == "随机种子"
    assert i18n.english(error) == "the seed"
    assert pickle.loads(pickle.dumps(error)).args[0] == error.args[0]  # crosses to the Run worker process


def test_plurals_follow_the_number():
    assert str(msg_n("{n} unit", "{n} units", 1)) == "1 unit"
    assert str(msg_n("{n} unit", "{n} units", 3)) == "3 units"
    i18n.set_language(i18n.CHINESE)
    try:
        assert str(msg_n("{n} unit", "{n} units", 3)) == "3 个单元"
    finally:
        i18n.set_language(i18n.ENGLISH)


def test_a_text_without_an_entry_is_shown_in_english(chinese):
    assert str(Message("not in any catalogue {x}", x=1)) == "not in any catalogue 1"


def test_a_catalogue_survives_writing_and_reading_and_compiles_as_msgfmt_reads_it(tmp_path):
    import gettext

    header = "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n"
    entries = [Entry("a \"quoted\"\ntext", msgstr=["引号\n文本"], references=["x.py"]),
               Entry("{n} row", "{n} rows", msgstr=["{n} 行"]), Entry("Open", msgctxt="menu", msgstr=["打开"]),
               Entry("untranslated")]
    text = write_po(header, entries)
    again_header, again = read_po(text)
    assert again_header == header and [e.key for e in again] == [e.key for e in entries]
    assert [e.msgstr for e in again] == [e.msgstr for e in entries]
    (tmp_path / "t.mo").write_bytes(compile_mo(header, again))
    with (tmp_path / "t.mo").open("rb") as handle:
        read = gettext.GNUTranslations(handle)
    assert read.gettext('a "quoted"\ntext') == "引号\n文本"
    assert read.ngettext("{n} row", "{n} rows", 5) == "{n} 行"
    assert read.pgettext("menu", "Open") == "打开"
    assert read.gettext("untranslated") == "untranslated"


def test_notes_joined_as_sentences_begin_with_a_capital_and_end_with_a_stop_in_either_language():
    from mlpviz.i18n import sentences

    assert sentences("Loaded a.csv: 2 rows.", "the file is not UTF-8 (byte 0xE9)", "", "b.") == \
        "Loaded a.csv: 2 rows. The file is not UTF-8 (byte 0xE9). B."
    i18n.set_language(i18n.CHINESE)
    try:
        assert sentences("已加载 a.csv：2 行，0 和 1。", "文件不是 UTF-8", "an English note") == \
            "已加载 a.csv：2 行，0 和 1。文件不是 UTF-8。An English note."
    finally:
        i18n.set_language(i18n.ENGLISH)
