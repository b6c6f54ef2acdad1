"""A script run in its own process on Qt's offscreen platform with one screen of a given size (a QApplication's
screens are fixed when it starts), answering with one JSON line that starts with ``tag``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap


WINDOW = textwrap.dedent("""
    import json, os, sys, time
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    import pyqtgraph  # noqa: F401  (after PySide6)
    from mlpviz.ui.language_menu import start_language
    from mlpviz.ui.main_window import MainWindow

    settings = QSettings(sys.argv[1], QSettings.IniFormat)
    start_language(settings)  # the desktop's language, as the app starts (app/main)
    w = MainWindow(settings=settings)
    w.show()
""")
"""The start of a script for ``on_screen``: the app's window (``w``, its settings in the file ``sys.argv[1]``),
shown in the desktop's language as the app starts; its arguments follow in ``sys.argv[2:]``."""


def on_screen(script: str, tmp_path, width: int, height: int, dpr: float = 1, args=(), locale: str = "",
              tag: str = "PROBE", timeout: int = 300):
    """What ``script`` printed after ``tag``, run with ``args`` on a ``width`` × ``height`` screen (logical pixels) at
    device pixel ratio ``dpr``, in the desktop language ``locale`` (``zh_CN``; "" leaves the environment's)."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "S", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": dpr}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    if locale:  # the desktop's language, as a user's session sets it
        env.update(LANG=f"{locale}.UTF-8", LC_ALL=f"{locale}.UTF-8", LANGUAGE=locale)
    done = subprocess.run([sys.executable, "-c", script, *map(str, args)], env=env, capture_output=True, text=True,
                          timeout=timeout)
    line = next((l for l in done.stdout.splitlines() if l.startswith(tag + " ")), None)
    assert line, done.stderr[-3000:]
    return json.loads(line[len(tag) + 1:])
