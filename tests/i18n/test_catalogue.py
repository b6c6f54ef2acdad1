"""The Chinese catalogue is complete, in step with the code, and its compiled file is its source's.

Every text the code gives tr(), translate() or msg() must have a Chinese entry that keeps its
fields; the compiled ``zh_CN.mo`` must be exactly what its ``zh_CN.po`` compiles to. Run
``python -m mlpviz.i18n.extract`` after changing texts, and fill the new entries.
"""

from __future__ import annotations

from mlpviz import i18n
from mlpviz.i18n.extract import fields, load, merged, po_path, scan
from mlpviz.i18n.po import compile_mo, read_po, write_po

def test_the_compiled_catalogue_is_compiled_from_its_source():
    header, entries = read_po(po_path(i18n.CHINESE).read_text(encoding="utf-8"))
    assert i18n.catalogue_path(i18n.CHINESE).read_bytes() == compile_mo(header, entries), (
        "zh_CN.mo is older than or differs from zh_CN.po: run python -m mlpviz.i18n.extract")


def test_the_catalogue_holds_every_text_of_the_code_and_each_is_translated():
    found, _problems = scan()
    header, old = load(i18n.CHINESE)
    entries = merged(found, old)
    missing = [e.msgid for e in entries if e.key not in {o.key for o in old}]
    untranslated = [e.msgid for e in entries if not e.translated]
    stale = write_po(header, entries) != po_path(i18n.CHINESE).read_text(encoding="utf-8")
    problem = (f"{len(missing)} texts not in zh_CN.po, {len(untranslated)} without a translation"
               f"{' (the references moved)' if stale and not missing else ''}: "
               + "; ".join(repr(t) for t in (missing + untranslated)[:20])
               + "\nrun python -m mlpviz.i18n.extract, then fill the new entries")
    assert not (missing or untranslated or stale), problem


def test_every_translation_keeps_the_fields_of_its_text():
    _header, entries = read_po(po_path(i18n.CHINESE).read_text(encoding="utf-8"))
    wrong = [(e.msgid, s) for e in entries for s in e.msgstr if s and fields(s) != fields(e.msgid)]
    assert not wrong, wrong
    import re

    positional = re.compile(r"%[sdgfr]")  # filled in order by %: a translation keeps their order
    reordered = [(e.msgid, s) for e in entries for s in e.msgstr
                 if s and positional.findall(s) != positional.findall(e.msgid)]
    assert not reordered, reordered
    keys = [e.key for e in entries if e.translated and any("&" in c for c in e.msgid) and e.msgid.count("&&") == 0]
    for key in keys:  # a menu's mnemonic stays: 文件(&F)
        entry = next(e for e in entries if e.key == key)
        if "&" in entry.msgid.replace("&&", ""):
            assert "&" in entry.msgstr[0], entry.msgid


def test_the_catalogue_speaks_the_glossary():
    """The key terms are the textbooks' (GLOSSARY.md): a drift in one entry shows here."""
    zh = {e.msgid: e.msgstr[0] for e in read_po(po_path(i18n.CHINESE).read_text(encoding="utf-8"))[1]}
    for english, chinese in {"Forward pass": "前向传播", "Backward pass": "反向传播", "Learning rate": "学习率",
                             "momentum": "动量", "weight decay": "权重衰减", "Batch size": "批量大小",
                             "bias": "偏置", "Loss": "损失", "Add a hidden layer": "添加一个隐藏层",
                             "Hidden units, per layer": "每层的隐藏单元数", "Decision map": "决策边界图"}.items():
        assert zh[english] == chinese
    for entry, text in zh.items():  # one word for one thing
        if "bias" in entry.lower() and "偏" in text:
            assert "偏差" not in text, entry
        if "epoch" in entry:
            assert "轮" in text, entry
