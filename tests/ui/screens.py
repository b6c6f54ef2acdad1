"""A script run in its own process on Qt's offscreen platform with one screen of a given size (a QApplication's
screens are fixed when it starts), answering with one JSON line that starts with ``tag``."""

from __future__ import annotations

import json
import os
import subprocess
import sys


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
