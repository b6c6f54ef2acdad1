"""argparse's own words ("usage:", "options", its errors) in the user's language, through mlpviz's message layer.

argparse looks its words up with ``gettext`` bound in its module as ``_`` and ``ngettext``;
``install()`` rebinds both to the catalogue of ``mlpviz.i18n`` (English passes through unchanged).
"""

from __future__ import annotations

import argparse

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
