"""Views draw what they are given: no view holds the Session or reads another object's private parts.

A view takes in its constructor what it draws and the commands it may send; MainWindow
(``mlpviz/ui/main_window.py``) builds the views and connects them to the session. Only the
window (main_window.py and the session_keeping.py and window_status.py it mixes in), the application start-up and the
crash handler (not a view) may know the Session.
Walks the AST of every module under ``mlpviz/ui``.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

from .test_import_boundaries import PACKAGE, imported_modules

UI = PACKAGE / "ui"
MAY_KNOW_THE_SESSION = {"main_window.py", "session_keeping.py", "window_status.py", "app.py", "crash_handler.py",
                        "lesson/lesson_window.py"}  # paths relative to mlpviz/ui; the last two are parts of the window
SESSION_MODULES = ("mlpviz.app.session", "mlpviz.app.session_store")
OWN = {"self", "cls"}  # a class may use its own private attributes


def _modules() -> list[pathlib.Path]:
    return sorted(UI.rglob("*.py"))


def _name(path: pathlib.Path) -> str:
    return path.relative_to(UI).as_posix()


def _views() -> list[pathlib.Path]:
    return [p for p in _modules() if _name(p) not in MAY_KNOW_THE_SESSION]


def _tree(path: pathlib.Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_there_are_views_to_check() -> None:
    assert len(_views()) > 20 and all(p.name != "main_window.py" for p in _views())


@pytest.mark.parametrize("path", _views(), ids=_name)
def test_no_view_imports_the_session(path: pathlib.Path) -> None:
    bad = [(line, m) for line, m in imported_modules(path)
           if m in SESSION_MODULES or any(m.startswith(s + ".") for s in SESSION_MODULES)]
    tree = _tree(path)  # "from mlpviz.app import session"
    bad += [(n.lineno, f"{n.module}.{a.name}") for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
            and n.module == "mlpviz.app" for a in n.names if f"mlpviz.app.{a.name}" in SESSION_MODULES]
    assert not bad, f"{_name(path)} imports the session: {bad}; take values and commands instead"


@pytest.mark.parametrize("path", _views(), ids=_name)
def test_no_view_takes_a_session_or_the_window(path: pathlib.Path) -> None:
    bad = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            # No function takes the session; no constructor takes the window to dig its parts out
            # (a widget to parent a dialog to may still be passed to a method).
            forbidden = ("session", "window") if getattr(node, "name", "") == "__init__" else ("session",)
            a = node.args
            for arg in a.posonlyargs + a.args + a.kwonlyargs + [a.vararg, a.kwarg]:
                if arg is not None and arg.arg in forbidden:
                    bad.append((node.lineno, arg.arg))
        elif isinstance(node, ast.Attribute) and node.attr in ("session", "player"):
            bad.append((node.lineno, f".{node.attr}"))
    assert not bad, f"{_name(path)} takes or reaches for the session/window: {bad}"


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_nothing_in_ui_reads_another_objects_private_attributes(path: pathlib.Path) -> None:
    bad = []
    for node in ast.walk(_tree(path)):
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_") or node.attr.startswith("__"):
            continue
        owner = node.value
        if isinstance(owner, ast.Name) and owner.id in OWN:
            continue
        if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
            continue
        bad.append((node.lineno, f"{ast.unparse(owner)}.{node.attr}"))
    assert not bad, f"{_name(path)} reads private attributes of other objects: {bad}"


def test_the_player_is_the_sessions_own() -> None:
    """No module under ui reaches the session's step player (``session.player``, ``._player``)."""
    bad = [(_name(p), n.lineno) for p in _modules() for n in ast.walk(_tree(p))
           if isinstance(n, ast.Attribute) and n.attr in ("player", "_player")]
    assert not bad
