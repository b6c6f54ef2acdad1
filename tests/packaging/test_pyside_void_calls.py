"""Regression test for the PySide6 6.12.0 trap pinned around in pyproject.toml.

6.12.0 on CPython < 3.12 drops a reference to None on every Qt call that returns void;
after a few thousand calls the interpreter aborts ("Fatal Python error: none_dealloc").
mlpviz paints with thousands of such calls a second, so the installed versions must
survive a million of them. Run in a subprocess: the failure is a hard abort.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

CALLS = 1_000_000

SCRIPT = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QLineF, QPointF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPen

    app = QGuiApplication(sys.argv[:1])
    point = QPointF()
    for i in range({CALLS}):
        point.setX(i)          # void QPointF::setX(qreal)
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    pen = QPen(Qt.GlobalColor.blue)
    line = QLineF(0.0, 0.0, 63.0, 63.0)
    for i in range(20_000):
        painter.setPen(pen)    # void QPainter::setPen(const QPen &)
        painter.drawLine(line) # void QPainter::drawLine(const QLineF &)
    painter.end()
    print("survived", point.x())
    """
)


def test_a_million_void_qt_calls_do_not_crash_the_interpreter():
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, (
        f"exit code {proc.returncode}; a crash here is the PySide6 6.12.0 none_dealloc bug: "
        f"pin PySide6-Essentials<6.12 on Python < 3.12\n{proc.stderr[-2000:]}"
    )
    assert proc.stdout.split() == ["survived", f"{CALLS - 1}.0"]


def test_installed_pyside6_is_outside_the_broken_range():
    """The pin itself: no 6.12.0 on CPython < 3.12 (where None is not immortal)."""
    import PySide6

    version = tuple(int(part) for part in PySide6.__version__.split(".")[:3])
    if sys.version_info < (3, 12):
        assert version < (6, 12, 0), f"PySide6 {PySide6.__version__} crashes on Python < 3.12"
    else:
        pytest.skip("None is immortal on Python 3.12+; any supported PySide6 is fine")
