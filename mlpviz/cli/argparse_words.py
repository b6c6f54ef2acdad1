"""argparse's own words ("usage:", "options", its errors) in the user's language, through mlpviz's message layer.

argparse looks its words up with ``gettext`` bound in its module as ``_`` and ``ngettext``;
``install()`` rebinds both to the catalogue of ``mlpviz.i18n`` (English passes through unchanged).
``HelpFormatter`` lays Chinese out by the columns a terminal gives it (a Chinese character takes two).
"""

from __future__ import annotations

import argparse
import re
import unicodedata

from mlpviz.i18n import msg, msg_n, translated

# The words argparse says to a user, listed so the extract tool collects them for the catalogues.
WORDS = (
    msg("usage: "),
    msg("positional arguments"),
    msg("options"),
    msg("show this help message and exit"),
    msg("%(prog)s: error: %(message)s\n"),
    msg("argument %(argument_name)s: %(message)s"),
    msg("the following arguments are required: %s"),
    msg("one of the arguments %s is required"),
    msg("unrecognized arguments: %s"),
    msg("not allowed with argument %s"),
    msg("ignored explicit argument %r"),
    msg("expected one argument"),
    msg("expected at most one argument"),
    msg("expected at least one argument"),
    msg_n("expected %s argument", "expected %s arguments", 2),
    msg("ambiguous option: %(option)s could match %(matches)s"),
    msg("invalid %(type)s value: %(value)r"),
    msg("invalid choice: %(value)r (choose from %(choices)s)"),
    msg("unknown parser %(parser_name)r (choices: %(choices)s)"),
    msg("can't open '%(filename)s': %(error)s"),
)


def _words(text: str) -> str:
    return translated(text)


def _words_n(singular: str, plural: str, n: int) -> str:
    return translated(singular, plural, n)


def install() -> None:
    """Make argparse say its words in the language of ``mlpviz.i18n`` (call before parsers are built)."""
    argparse._ = _words
    argparse.ngettext = _words_n


def columns(text: str) -> int:
    """How many terminal columns ``text`` takes: two for a wide (Chinese) character, one for the others."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _is_wide(text: str) -> bool:
    return columns(text) != len(text)


_PIECES = re.compile(r"\s+|[^\s\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]+|.")
_NO_LINE_START = set("，。；：、）》」』！？,.;:)")


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns, broken between words or between Chinese characters."""
    pieces = [p for p in _PIECES.findall(" ".join(text.split()))]
    lines, line = [], ""
    for piece in pieces:
        if piece.isspace():
            piece = " "
        if line and columns(line + piece) > width and not piece.isspace() and piece not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = piece
        elif line or not piece.isspace():
            line += piece
    if line.strip():
        lines.append(line.rstrip())
    return lines


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, counting a Chinese character as the two columns it takes (English laid out as before)."""

    def _split_lines(self, text, width):
        return wrap(text, width) if _is_wide(text) else super()._split_lines(text, width)

    def _fill_text(self, text, width, indent):
        if not _is_wide(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))

    def _format_usage(self, usage, actions, groups, prefix):
        prefix = _words("usage: ") if prefix is None else prefix
        if not _is_wide(prefix):
            return super()._format_usage(usage, actions, groups, prefix)
        stand_in = "\0" * columns(prefix)  # as wide as the prefix, so the usage's next lines line up under it
        return super()._format_usage(usage, actions, groups, stand_in).replace(stand_in, prefix, 1)

    def format_help(self):
        text = super().format_help()
        return re.sub(r"^(\S[^\n]*[\u4e00-\u9fff]):$", "\\1：", text, flags=re.M)  # "选项：", not "选项:"


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser with mlpviz's HelpFormatter (its subcommands' parsers are of this class too)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
