"""File ▸ Export image…: the canvas (or any pyqtgraph view) as PNG at a chosen scale, or SVG."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from ..messages import show_error

from .vector_export import portable_font_names, vector_export_mode

IMAGE_FILTERS = {".png": "PNG image (*.png)", ".svg": "SVG drawing (*.svg)"}


def export_item(item, path, scale: float = 1.0) -> Path:
    """Write ``item`` (a pyqtgraph GraphicsLayout/PlotItem/scene) to ``path``; ``.png`` or ``.svg``.

    Written to a temporary file beside ``path`` and renamed over it, so a failed export
    leaves an earlier picture of the same name whole.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(f"{path}: export images as .png or .svg")
    temporary = path.with_name(f".{path.stem}.{os.getpid()}.partial{suffix}")  # the exporters go by the suffix
    try:
        _export(item, temporary, suffix, scale)
        _written(temporary)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()
    return path


def _export(item, path: Path, suffix: str, scale: float) -> None:
    import pyqtgraph.exporters as exporters

    if suffix == ".png":
        exporter = exporters.ImageExporter(item)
        exporter.params["width"] = max(int(round(exporter.params["width"] * scale)), 1)
        exporter.params["antialias"] = True
        exporter.export(str(path))
        return
    exporter = exporters.SVGExporter(item)
    try:
        exporter.export(str(path))
    except ValueError:  # pyqtgraph's SVG rewriting trips over some items: let Qt draw it instead
        _qt_svg(item, path)


def _written(path: Path) -> Path:
    if not path.exists():
        raise OSError(f"{path}: nothing was written (is the folder writable?)")
    return path


def _qt_svg(item, path: Path) -> None:
    """Draw ``item``'s part of its scene into an SVG file with Qt's own generator."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    source = item.mapRectToScene(item.boundingRect())
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("mlpviz")
    painter = QPainter(generator)
    try:
        with vector_export_mode(item.scene()):
            item.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()
    path.write_text(portable_font_names(path.read_text(encoding="utf-8")), encoding="utf-8")


def export_image_dialog(parent: QWidget, item, default_path: str, title: str = "Export image") -> Path | None:
    """Ask for a file (and a scale for PNG) and write ``item``; problems give a dialog."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, default_path, ";;".join(IMAGE_FILTERS.values()))
    if not path:
        return None
    path = Path(path)
    if path.suffix.lower() not in IMAGE_FILTERS:
        suffix = next((s for s, f in IMAGE_FILTERS.items() if f == chosen), ".png")
        path = path.with_name(path.name + suffix)
    scale = 1.0
    if path.suffix.lower() == ".png":
        scale, ok = QInputDialog.getDouble(parent, title, "Scale (× window size):", 2.0, 0.25, 8.0, 2)
        if not ok:
            return None
    try:
        return export_item(item, path, scale)
    except (OSError, ValueError, RuntimeError) as exc:
        show_error(parent, title, QCoreApplication.translate("image_export", "The image could not be written.\n\n%1")
                   .replace("%1", str(exc)))
        return None
