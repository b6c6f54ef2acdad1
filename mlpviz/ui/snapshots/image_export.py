"""File ▸ Export image…: the canvas (or any pyqtgraph view) as PNG at a chosen scale, or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from mlpviz.engine import MlpvizError
from mlpviz.i18n import msg
from mlpviz.io.atomic import atomic_write_bytes

from ..widgets.messages import show_error
from ..widgets.number_dialog import ask_number
from .vector_export import portable_font_names, vector_export_mode

IMAGE_FILTERS = {".png": msg("PNG image (*.png)"), ".svg": msg("SVG drawing (*.svg)")}


def export_item(item, path, scale: float = 1.0) -> Path:
    """Write ``item`` (a pyqtgraph GraphicsLayout/PlotItem/scene) to ``path``; ``.png`` or ``.svg``.

    The picture is made in memory and checked (the PNG encoder's result, the image read
    back, the SVG's closing tag), then written like a snapshot: to a temporary file created
    exclusively beside ``path``, synced and renamed over it. A failure anywhere (a full
    disk included) raises MlpvizError and leaves an earlier picture of the same name whole.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ValueError(msg("{path}: export images as .png or .svg", path=path))
    data = _png_bytes(item, scale) if suffix == ".png" else _svg_bytes(item)
    atomic_write_bytes(path, data, MlpvizError)
    return path


def _png_bytes(item, scale: float) -> bytes:
    """The PNG of ``item`` at ``scale``; MlpvizError if the encoder fails or the result does not read back."""
    import pyqtgraph.exporters as exporters
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QImageWriter

    exporter = exporters.ImageExporter(item)
    exporter.params["width"] = max(int(round(exporter.params["width"] * scale)), 1)
    exporter.params["antialias"] = True
    image = exporter.export(toBytes=True)
    if image is None or image.isNull():
        raise MlpvizError(msg("the picture could not be drawn (too large for memory?)"))
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise MlpvizError(msg("the PNG encoder failed: {value}", value=writer.errorString()))
    buffer.close()
    data = bytes(array.data())
    back = QImage.fromData(data, "PNG")
    if back.isNull() or back.size() != image.size():
        raise MlpvizError(msg("the PNG encoder produced a picture that does not read back"))
    return data


def _svg_bytes(item) -> bytes:
    """The SVG of ``item``: pyqtgraph's exporter, or Qt's generator where pyqtgraph's trips."""
    import pyqtgraph.exporters as exporters

    try:
        data = exporters.SVGExporter(item).export(toBytes=True)
    except ValueError:  # pyqtgraph's SVG rewriting trips over some items: let Qt draw it instead
        data = _qt_svg(item)
    data = bytes(data)
    if b"<svg" not in data or not data.rstrip().endswith(b"</svg>"):
        raise MlpvizError(msg("the SVG drawing came out incomplete"))
    return data


def _qt_svg(item) -> bytes:
    """Draw ``item``'s part of its scene as SVG with Qt's own generator, in memory."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QPainter
    from PySide6.QtSvg import QSvgGenerator

    source = item.mapRectToScene(item.boundingRect())
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(source.size().toSize())
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle("mlpviz")
    painter = QPainter(generator)
    try:
        with vector_export_mode(item.scene()):
            item.scene().render(painter, QRectF(0, 0, source.width(), source.height()), source)
    finally:
        painter.end()
    buffer.close()
    return portable_font_names(bytes(array.data()).decode("utf-8")).encode("utf-8")


def export_image_dialog(parent: QWidget, item, default_path: str, title: str = str(msg("Export image"))) -> Path | None:
    """Ask for a file (and a scale for PNG) and write ``item``; problems give a dialog."""
    path, chosen = QFileDialog.getSaveFileName(parent, title, default_path, ";;".join(str(f) for f in IMAGE_FILTERS.values()))
    if not path:
        return None
    path = Path(path)
    if path.suffix.lower() not in IMAGE_FILTERS:
        suffix = next((s for s, f in IMAGE_FILTERS.items() if str(f) == chosen), ".png")
        path = path.with_name(path.name + suffix)
    scale = 1.0
    if path.suffix.lower() == ".png":
        scale = ask_number(parent, title, QCoreApplication.translate("image_export", "Scale (× window size):"),
                           2.0, 0.25, 8.0)
        if scale is None:
            return None
    try:
        return export_item(item, path, scale)
    except (MlpvizError, OSError, ValueError, RuntimeError) as exc:
        show_error(parent, title, QCoreApplication.translate("image_export", "The image could not be written.\n\n%1")
                   .replace("%1", str(exc)))
        return None
