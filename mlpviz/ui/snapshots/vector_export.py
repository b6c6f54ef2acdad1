"""Drawing a scene as vectors: pyqtgraph's export mode on every item while an SVG is painted.

On screen, scatter plots (the canvas's nodes) paint cached bitmaps of their symbols; an
SVG of that holds one squeezed bitmap sheet per node. In export mode every item draws
itself as shapes and text instead (the canvas's nodes as circles, labels as text).
"""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def vector_export_mode(scene, antialias: bool = True):
    """Every item of ``scene`` that knows pyqtgraph's export mode is in it while the block runs."""
    items = [i for i in scene.items() if hasattr(i, "setExportMode")]
    for item in items:
        item.setExportMode(True, {"antialias": antialias, "background": None, "resolutionScale": 1.0})
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)


def portable_font_names(svg_text: str) -> str:
    """``svg_text`` with Qt's generic family names replaced by the font Qt really drew with,
    then the generic CSS family (a browser knows neither "Sans Serif" nor "Monospace")."""
    from PySide6.QtGui import QFont, QFontInfo

    for generic, css in (("Sans Serif", "sans-serif"), ("Monospace", "monospace"), ("Serif", "serif")):
        drawn = QFontInfo(QFont(generic)).family()
        svg_text = svg_text.replace(f'font-family="{generic}"', f"font-family=\"'{drawn}', {css}\"")
    return svg_text
