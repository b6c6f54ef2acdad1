"""The bytes of a text file as ``str``: UTF-8 with or without a BOM, UTF-16/32 with a BOM, else Windows-1252.

Spreadsheets save text in these encodings: Excel's "CSV UTF-8" has a BOM, its
"Unicode Text" is UTF-16 LE with a BOM, and its plain "CSV" on Windows is Windows-1252.
An assumed encoding is said in a note; a file that is none of these is refused.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from mlpviz.engine.errors import DataError
from mlpviz.i18n import msg

# Display names of the codecs mlpviz picks by itself.
ENCODING_TITLES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "utf-32-le": "UTF-32 LE",
    "utf-32-be": "UTF-32 BE",
    "cp1252": "Windows-1252",
    "latin-1": "Latin-1 (ISO-8859-1)",
}

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class DecodedText:
    """A file's text, the codec it was read with (a key of ENCODING_TITLES or a name given) and notes."""

    text: str
    encoding: str
    notes: tuple[str, ...] = ()

    @property
    def encoding_title(self) -> str:
        return ENCODING_TITLES.get(self.encoding, self.encoding)


def decode_text(data: bytes, path, encoding: str | None = None) -> DecodedText:
    """``data`` decoded with ``encoding``, or with the one detected; DataError names the line of a bad byte."""
    if encoding is not None:
        return _decode_as(data, path, _codec_name(path, encoding))
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, path, name)
    if b"\x00" in data:
        name = _utf16_without_bom(data)
        if name is None:
            raise DataError(msg("{path}: this is a binary file, not CSV text", path=path))
        note = str(msg("the file has no byte-order mark; read as {encoding} (its bytes look like it)",
                       encoding=ENCODING_TITLES[name]))
        return _with_note(_decode_as(data, path, name), note)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DataError(
            msg("{path}: line {value}: the file is not text in UTF-8 or Windows-1252 (byte 0x{data:02X}); save it as UTF-8 (in Excel: CSV UTF-8)", path=path, value=_line_of(data, exc.start), data=data[exc.start])
        ) from None
    note = str(msg("the file is not UTF-8 (line {line} has the byte 0x{byte:02X}): read as Windows-1252, the encoding "
                   "Excel uses for CSV on Windows", line=_line_of(data, bad), byte=data[bad]))
    return _checked(DecodedText(text, "cp1252", (note,)), path)


def _decode_as(data: bytes, path, name: str) -> DecodedText:
    codec = {"utf-8": "utf-8-sig"}.get(name, name)  # a BOM is never part of the first column's name
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DataError(
            msg("{path}: line {value}: the file is not valid {value2} text (byte 0x{data:02X} at offset {start}); choose the encoding it was saved in", path=path, value=_line_of(data, exc.start), value2=ENCODING_TITLES.get(name, name), data=data[exc.start], start=exc.start)
        ) from None
    except LookupError:  # a codec that is not a text encoding, such as base64
        raise DataError(msg("{path}: {name} is not a text encoding", path=path, name=repr(name))) from None
    return _checked(DecodedText(text.removeprefix("\ufeff"), name), path)


def _checked(decoded: DecodedText, path) -> DecodedText:
    if "\x00" in decoded.text:
        raise DataError(
            msg("{path}: line {value}: the text holds a NUL character when read as {encoding_title}: a binary file, or another encoding", path=path, value=decoded.text[:decoded.text.index(chr(0))].count(chr(10)) + 1, encoding_title=decoded.encoding_title)
        )
    return decoded


def _with_note(decoded: DecodedText, note: str) -> DecodedText:
    return DecodedText(decoded.text, decoded.encoding, decoded.notes + (note,))


def _utf16_without_bom(data: bytes) -> str | None:
    """``'utf-16-le'`` / ``'utf-16-be'`` when the first bytes are mostly ASCII in UTF-16, else None (binary)."""
    head = data[: 4096 - 4096 % 2] if len(data) >= 2 else b""
    even, odd = head[0::2], head[1::2]
    if not odd:
        return None
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def _codec_name(path, encoding: str) -> str:
    """The canonical name of a codec given by the user; unknown names are refused."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise DataError(
            msg("{path}: unknown encoding {encoding}; try one of {items}", path=path, encoding=repr(encoding), items=', '.join(ENCODING_TITLES))
        ) from None
    return {"iso8859-1": "latin-1"}.get(name, name)


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1
