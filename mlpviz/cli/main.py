"""Entry point of the ``mlpviz`` command: parse the subcommand and hand over to its module.

Each subcommand lives in its own module under ``mlpviz.cli`` exposing
``add_parser(subparsers)`` (which sets ``func`` on its parser) and stays cheap to
import: heavy imports (Qt, the engine) happen inside the command's function.
"""

from __future__ import annotations

import os

# One BLAS thread: mlpviz's matrices are small, and a second BLAS thread spinning
# beside the GUI thread on a busy two-core machine made steps up to 40x slower
# (measured: 64x784 @ 784x128, median 0.37 ms vs mean 2.7 ms with two threads).
# Set before numpy is first imported; a user's own setting wins.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import importlib  # noqa: E402
import sys  # noqa: E402

from mlpviz import __version__  # noqa: E402
from mlpviz.engine.errors import MlpvizError  # noqa: E402

# Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES = ("train", "check", "inspect", "convert", "gradcheck", "explain", "bench", "desktop")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command, its help and argparse's own words in the language of ``mlpviz.i18n``."""
    from mlpviz.i18n import msg, text

    from .argparse_words import ArgumentParser, install

    install()
    parser = ArgumentParser(
        prog="mlpviz",
        description=text(msg(
            "Watch a small neural network learn, one backprop step at a time. "
            "With no command, opens the app.")),
    )
    parser.add_argument("--version", action="version", version=f"mlpviz {__version__}",
                        help=text(msg("show program's version number and exit")))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"mlpviz.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"mlpviz.cli.{name}":
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    from mlpviz import i18n

    i18n.set_language(i18n.language_from_environment())  # LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads them
    given = sys.argv[1:] if argv is None else argv
    if not given:  # the app: no need to build every command's parser first
        from mlpviz.ui.app import run_gui

        return run_gui()
    if _is_file_to_open(given):  # `mlpviz lesson.mlpviz`: the app, opening it
        if not os.path.isfile(given[0]):
            print(f"mlpviz: {given[0]}: no such file", file=sys.stderr)
            return 2
        from mlpviz.ui.app import run_gui

        return run_gui(open_path=given[0])
    args = build_parser().parse_args(argv)
    if args.command is None:
        from mlpviz.ui.app import run_gui

        return run_gui()
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's own flush at exit
        return code
    except BrokenPipeError:  # `mlpviz inspect big.npz | head -1`: the reader left, nothing is wrong
        # The Python docs' recipe (library/signal, "Note on SIGPIPE"): stdout to devnull, so the
        # flush at exit finds nothing to write, and exit 1 without a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except MlpvizError as exc:
        print(f"mlpviz {args.command}: {_one_line(exc)}", file=sys.stderr)
        return 2
    except OSError as exc:  # (BrokenPipeError is one, handled above) a file the system refuses (permissions, a folder given as a file): not a bug
        print(f"mlpviz {args.command}: {_one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _one_line(exc: BaseException) -> str:
    """The error as one line: a refusal is one line in the terminal, whatever text it quotes."""
    return " ".join(str(exc).split())


def _is_file_to_open(argv: list[str]) -> bool:
    """One argument that names no command and is no option, but a file (or has the suffix of one mlpviz reads)."""
    if len(argv) != 1 or argv[0].startswith("-") or argv[0] in _command_names():
        return False
    return os.path.isfile(argv[0]) or os.path.splitext(argv[0])[1].lower() in OPENED_SUFFIXES


OPENED_SUFFIXES = (".mlpviz", ".npz", ".json", ".safetensors", ".keras", ".h5", ".hdf5", ".onnx", ".csv", ".tsv",
                   ".txt", ".data")


def _command_names() -> set[str]:
    return set(COMMAND_MODULES) | {"install-desktop", "uninstall-desktop"}


def gui_main() -> int:
    """Entry point of the windowed launcher (``mlpviz-gui [FILE]``, the start menu's and a double-click's):
    always opens the app, with FILE if given (a missing file is said in the window)."""
    from mlpviz.ui.app import run_gui

    files = [a for a in sys.argv[1:] if not a.startswith("-")]
    return run_gui(open_path=files[0] if files else None)


if __name__ == "__main__":  # ``python -m mlpviz.cli.main`` as ``python -m mlpviz``
    raise SystemExit(main())
