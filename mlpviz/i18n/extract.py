"""Rebuild the catalogue sources from the code: every text given to tr(), translate() and msg() in mlpviz/.

``python -m mlpviz.i18n.extract`` rewrites each ``<language>.po`` beside this module with the
texts the code uses now (translations kept, new texts untranslated, gone texts dropped) and
compiles its ``.mo``; ``--check`` only says what is out of date; ``--fill FILE.json`` merges
translations ``{"English text": "译文"}`` (a plural's forms as a list). A text that is not a
literal (a variable, an f-string) cannot be collected and is reported.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from . import CATALOGUES, LANGUAGES, ENGLISH
from .po import Entry, compile_mo, read_po, write_po

PACKAGE = CATALOGUES.parent
HEADERS = {
    "zh_CN": "Project-Id-Version: mlpviz\nLanguage: zh_CN\nMIME-Version: 1.0\n"
             "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
             "Plural-Forms: nplurals=1; plural=0;\n",
}
QT_CALLS = {"tr": 0, "translate": 1}  # the position of the text in Qt's calls
MESSAGE_CALLS = {"msg": 0, "msg_n": 0, "msg_in": 1, "Message": 0, "undoable": 0}
FIELD = re.compile(r"\{[^{}]*\}|%[0-9n]|%[sdgfr]")


@dataclass(frozen=True)
class Found:
    """One translatable text as the code gives it."""

    msgid: str
    plural: str | None
    context: str | None
    where: str


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def scan_file(path: Path, root: Path) -> tuple[list[Found], list[str]]:
    """The texts of one module, and the calls whose text is not a literal (``file:line: call``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found, problems = [], []
    rel = path.relative_to(root).as_posix()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        where = f"{rel}:{node.lineno}"
        if name in QT_CALLS:
            if name == "translate" and isinstance(node.func, ast.Attribute) and _name(node.func.value) not in (
                    "QCoreApplication", "QApplication"):
                continue
            # a bare tr("...") is a translate callable handed in (training/divergence.py's describe(tr)): collected too
            index = 0 if isinstance(node.func, ast.Name) else QT_CALLS[name]  # a translate callable: text first
            if len(node.args) <= index:
                continue
            text = _literal(node.args[index])
            if text is None:
                problems.append(f"{where}: {name}() of a variable or f-string: {ast.unparse(node)[:90]}")
                continue
            rest = node.args[index + 1:]
            context = _literal(rest[0]) if rest else None
            plural = text if len(rest) >= 2 or any(k.arg == "n" for k in node.keywords) else None
            found.append(Found(text, plural, context or None, rel))
        elif name in MESSAGE_CALLS and name != "Message" or (name == "Message" and rel != "i18n/__init__.py"):
            index = MESSAGE_CALLS[name]
            if len(node.args) <= index:
                if not node.args and not node.keywords:
                    continue
                problems.append(f"{where}: {name}() without its text: {ast.unparse(node)[:90]}")
                continue
            text = _literal(node.args[index])
            context = _literal(node.args[0]) if name == "msg_in" else None
            plural = _literal(node.args[1]) if name == "msg_n" and len(node.args) > 1 else None
            if text is None or (name == "msg_n" and plural is None):
                problems.append(f"{where}: {name}() of a variable or f-string: {ast.unparse(node)[:90]}")
                continue
            found.append(Found(text, plural, context, rel))
    return found, problems


def scan(package: Path = PACKAGE) -> tuple[list[Found], list[str]]:
    """Every translatable text of the package, in file order, and every call that hides one."""
    found, problems = [], []
    for path in sorted(package.rglob("*.py")):
        more, bad = scan_file(path, package)
        found += more
        if path.parent.name != "bench":  # developers' timing tools: their help (mlpviz bench --help) is collected,
            problems += bad  # their tables' words are not the user's

    return found, problems


def merged(found: list[Found], old: list[Entry]) -> list[Entry]:
    """The entries for ``found``, each keeping the translation ``old`` has for it."""
    by_key = {e.key: e for e in old}
    entries: dict[tuple, Entry] = {}
    for item in found:
        key = (item.context, item.msgid)
        if key in entries:
            if item.where not in entries[key].references:
                entries[key].references.append(item.where)
            continue
        previous = by_key.get(key)
        msgstr = list(previous.msgstr) if previous else [""]
        if previous is not None and (previous.msgid_plural is None) != (item.plural is None):
            msgstr = [msgstr[0]]
        comments = ["python-format: {name} fields are filled in; keep them as they are"] if FIELD.search(
            item.msgid + (item.plural or "")) else []
        entries[key] = Entry(item.msgid, item.plural, item.context, msgstr, [item.where], comments,
                             [f for f in (previous.flags if previous else []) if f == "fuzzy"])
    return list(entries.values())


def po_path(code: str) -> Path:
    return CATALOGUES / f"{code}.po"


def load(code: str) -> tuple[str, list[Entry]]:
    path = po_path(code)
    if not path.is_file():
        return HEADERS.get(code, ""), []
    return read_po(path.read_text(encoding="utf-8"))


def fields(text: str) -> set[str]:
    """The fields a text fills in ({name}, {0}, %1, %n): a translation must keep every one."""
    return set(FIELD.findall(text))


def fill(entries: list[Entry], translations: dict) -> int:
    """Put ``translations`` (English text -> translation or list of plural forms) into ``entries``.

    A text with a context is looked up as ``"context\x04text"`` first, then as the text alone."""
    count = 0
    for entry in entries:
        value = translations.get(f"{entry.msgctxt}\x04{entry.msgid}") if entry.msgctxt else None
        value = translations.get(entry.msgid) if value is None else value
        if value is None:
            continue
        entry.msgstr = list(value) if isinstance(value, list) else [value]
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlpviz.i18n.extract", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a catalogue is out of date")
    parser.add_argument("--fill", metavar="FILE.json", help="merge translations of the texts into the catalogue")
    parser.add_argument("--language", default="zh_CN", choices=[c for c in LANGUAGES if c != ENGLISH])
    parser.add_argument("--untranslated", action="store_true", help="list the texts still without a translation")
    args = parser.parse_args(argv)
    found, problems = scan()
    for problem in problems:
        print(problem, file=sys.stderr)
    code = args.language
    header, old = load(code)
    entries = merged(found, old)
    if args.fill:
        count = fill(entries, json.loads(Path(args.fill).read_text(encoding="utf-8")))
        print(f"filled {count} entries")
    text = write_po(header or HEADERS[code], entries)
    mo = compile_mo(header or HEADERS[code], entries)
    missing = [e for e in entries if not e.translated]
    if args.untranslated:
        for entry in missing:
            print(json.dumps(entry.msgid, ensure_ascii=False))
    stale = (not po_path(code).is_file() or po_path(code).read_text(encoding="utf-8") != text
             or not (CATALOGUES / f"{code}.mo").is_file() or (CATALOGUES / f"{code}.mo").read_bytes() != mo)
    print(f"{code}: {len(entries)} texts, {len(missing)} untranslated, {len(problems)} not collectable"
          + (", out of date" if stale else ""), file=sys.stderr)
    if args.check:
        return 1 if stale or problems else 0
    po_path(code).write_text(text, encoding="utf-8")
    (CATALOGUES / f"{code}.mo").write_bytes(mo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
