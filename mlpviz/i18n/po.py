"""Read and write gettext catalogue sources (.po) and compile them (.mo), with the standard library only.

The .mo written is the GNU format that ``gettext.GNUTranslations`` reads; compiling the same
.po always gives the same bytes, so a test can tell a stale compiled catalogue from its source.
"""

from __future__ import annotations

import ast
import struct
from dataclasses import dataclass, field


@dataclass
class Entry:
    """One catalogue entry: the English text (and plural), its translation(s), where it comes from."""

    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=lambda: [""])
    references: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # "#." extracted comments: hints for the translator
    flags: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        return self.msgctxt, self.msgid

    @property
    def translated(self) -> bool:
        return all(self.msgstr) and "fuzzy" not in self.flags


def read_po(text: str) -> tuple[str, list[Entry]]:
    """The header's msgstr and the entries of a .po file's text (obsolete ``#~`` entries are dropped)."""
    entries: list[Entry] = []
    current: Entry | None = None
    field_name: str | None = None
    pending = {"references": [], "comments": [], "flags": []}

    def finish() -> None:
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#"):
            if current is not None and (field_name or "").startswith("msgstr"):
                finish()
                field_name = None
            if line.startswith("#:"):
                pending["references"] += line[2:].split()
            elif line.startswith("#."):
                pending["comments"].append(line[2:].strip())
            elif line.startswith("#,"):
                pending["flags"] += [f.strip() for f in line[2:].split(",") if f.strip()]
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            _append(current, field_name, value)
            continue
        keyword, _, rest = line.partition(" ")
        value = ast.literal_eval(rest.strip())
        starts = keyword == "msgctxt" or (keyword == "msgid" and field_name != "msgctxt")
        if starts:
            finish()
            current = Entry(msgid="", msgstr=[], **pending)
            pending = {"references": [], "comments": [], "flags": []}
        field_name = keyword
        _append(current, keyword, value, new=True)
    finish()
    header = ""
    if entries and entries[0].msgid == "" and entries[0].msgctxt is None:
        header = entries.pop(0).msgstr[0]
    for entry in entries:
        entry.msgstr = entry.msgstr or [""]
    return header, entries


def _append(entry: Entry | None, name: str | None, value: str, new: bool = False) -> None:
    if entry is None or name is None:
        raise ValueError(f"a catalogue line outside an entry: {value!r}")
    if name == "msgid":
        entry.msgid = value if new else entry.msgid + value
    elif name == "msgid_plural":
        entry.msgid_plural = value if new else (entry.msgid_plural or "") + value
    elif name == "msgctxt":
        entry.msgctxt = value if new else (entry.msgctxt or "") + value
    elif name.startswith("msgstr"):
        index = int(name[7:-1]) if "[" in name else 0
        while len(entry.msgstr) <= index:
            entry.msgstr.append("")
        entry.msgstr[index] = value if new else entry.msgstr[index] + value
    else:
        raise ValueError(f"unknown catalogue keyword {name!r}")


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    return f'"{escaped}"'


def write_po(header: str, entries: list[Entry]) -> str:
    """A .po file's text: the header, then each entry with its references and hints."""
    out = ['msgid ""', "msgstr " + _quoted(header), ""]
    for entry in entries:
        out += [f"#. {c}" for c in entry.comments]
        if entry.references:
            out.append("#: " + " ".join(entry.references))
        if entry.flags:
            out.append("#, " + ", ".join(entry.flags))
        if entry.msgctxt is not None:
            out.append("msgctxt " + _quoted(entry.msgctxt))
        out.append("msgid " + _quoted(entry.msgid))
        if entry.msgid_plural is not None:
            out.append("msgid_plural " + _quoted(entry.msgid_plural))
            out += [f"msgstr[{i}] " + _quoted(s) for i, s in enumerate(entry.msgstr)]
        else:
            out.append("msgstr " + _quoted(entry.msgstr[0]))
        out.append("")
    return "\n".join(out)


def compile_mo(header: str, entries: list[Entry]) -> bytes:
    """The GNU .mo bytes of the translated entries (untranslated and fuzzy ones are left out, as msgfmt does)."""
    pairs = {"": header}
    for entry in entries:
        if not entry.translated:
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural is not None:
            key += "\x00" + entry.msgid_plural
        pairs[key] = "\x00".join(entry.msgstr)
    keys = sorted(pairs, key=lambda k: k.encode("utf-8"))
    ids = [k.encode("utf-8") for k in keys]
    strs = [pairs[k].encode("utf-8") for k in keys]
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + sum(len(i) + 1 for i in ids)
    offsets, key_offset, value_offset = [], key_start, value_start
    for i, s in zip(ids, strs):
        offsets.append((len(i), key_offset, len(s), value_offset))
        key_offset += len(i) + 1
        value_offset += len(s) + 1
    out = [struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)]
    out += [struct.pack("<2I", length, at) for length, at, _, _ in offsets]
    out += [struct.pack("<2I", length, at) for _, _, length, at in offsets]
    out += [i + b"\x00" for i in ids]
    out += [s + b"\x00" for s in strs]
    return b"".join(out)
