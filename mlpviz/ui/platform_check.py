"""Before the QApplication: can Qt's X11 platform plugin load? If not, say which library is missing.

Without it Qt ends the process with its own message ("Could not load the Qt platform plugin
xcb … Aborted"), which names no package. A bare Linux lacks e.g. ``libxcb-cursor0``: the
plugin is loaded here first, as Qt would load it, and the loader's error names the library.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from pathlib import Path

from mlpviz.i18n import msg

_MISSING = re.compile(r"(lib[\w.+-]+?\.so(?:\.[\d.]+)?): cannot open shared object file")


def platform_problem(environ=os.environ, load=ctypes.CDLL) -> str:
    """Why the windowed app cannot start on this display ("" when it can, or when Qt picks another way)."""
    if not sys.platform.startswith("linux"):
        return ""
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen and "xcb" not in chosen.split(";")[0]:
        return ""  # offscreen, wayland, eglfs…: Qt's own choice, not checked here
    if not chosen and environ.get("WAYLAND_DISPLAY"):
        return ""  # Qt may take Wayland and never need the X11 plugin
    if not environ.get("DISPLAY"):
        return (str(msg("no display to open the window on (DISPLAY is not set): start mlpviz from a desktop session, or use the command line (mlpviz --help)")))
    plugin = _xcb_plugin(environ)
    if plugin is None:
        return ""
    try:
        load(str(plugin))
    except OSError as exc:
        return missing_library_message(str(exc))
    return ""


def missing_library_message(loader_error: str) -> str:
    """The user's sentence for the loader's error: the missing library and the package that has it."""
    found = _MISSING.search(loader_error)
    if not found:
        return str(msg('Qt\'s X11 platform plugin cannot be loaded ({loader_error}); see the README, "What Linux needs"', loader_error=loader_error))
    library = found.group(1)
    return (str(msg('Qt\'s X11 platform plugin needs {library}, which is not installed. On Debian or Ubuntu: sudo apt install {value} (the README\'s "What Linux needs" lists all of them)', library=library, value=debian_package(library))))


def debian_package(library: str) -> str:
    """The Debian/Ubuntu package that ships a library, by the naming rule: libxcb-cursor.so.0 → libxcb-cursor0."""
    base, _, version = library.partition(".so")
    version = version.strip(".").split(".")[0]
    base = base.lower()
    return base + ("-" if base[-1:].isdigit() and version else "") + version


def _xcb_plugin(environ) -> Path | None:
    folders = [Path(p) / "platforms" for p in environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    if environ.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        folders.insert(0, Path(environ["QT_QPA_PLATFORM_PLUGIN_PATH"]))
    try:
        import PySide6
    except ImportError:
        return None
    folders.append(Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms")
    for folder in folders:
        if (folder / "libqxcb.so").is_file():
            return folder / "libqxcb.so"
    return None
