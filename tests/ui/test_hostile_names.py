"""Names that look like HTML (file, column and class names) walk through every view of the window.

Wherever Qt would read a text as HTML (a tooltip, a label not set to plain text, a pyqtgraph
label, a rich graphics text) the name must arrive escaped: a raw ``<img src=…>`` makes Qt load
the file (a FIFO hangs the window for good, /dev/zero aborts it).
"""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QGraphicsTextItem, QGraphicsView, QLabel, QWidget

from mlpviz.app import files
from mlpviz.app.selection import UnitRef, WeightRef

IMG = '<img src="zero">'
BOLD = "<b>bold</b>"
mightBeRichText = GuiQt.mightBeRichText  # Qt's own guess, as labels and tooltips use it
MARKERS = (IMG, "<b>bold", "<i>")
ROLES = (Qt.DisplayRole, Qt.ToolTipRole, Qt.StatusTipRole, Qt.WhatsThisRole)
GUESSED = (Qt.ToolTipRole, Qt.WhatsThisRole)  # roles Qt shows as HTML when they look like it


def _raw_markup(text) -> bool:
    return isinstance(text, str) and mightBeRichText(text) and any(m in text for m in MARKERS)


def _load_hostile_csv(window, tmp_path):
    path = tmp_path / f"{IMG}<b>bold.csv"  # no "/" in a file name
    rows = [[IMG, BOLD, "kind"], [1, 2, IMG], [2, 1, BOLD], [3, 3, "<i>x</i>"], [1, 1, IMG], [2, 2, BOLD]]
    with path.open("w", newline="") as f:
        csv.writer(f).writerows(rows)
    window.session.load_data(files.read_table(path, target="kind"))
    assert IMG in window.session.dataset.class_names
    window.session.step()
    window.session.step()


def _columns(model, parent) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model: one column (PySide keeps its columnCount private)
        return 1


def _model_texts(view: QAbstractItemView):
    """(where, role, text) for every header and cell (first rows) of a view's model, tree children too."""
    model = view.model()
    if model is None:
        return
    for orientation in (Qt.Horizontal, Qt.Vertical):
        count = _columns(model, QModelIndex()) if orientation == Qt.Horizontal else model.rowCount(QModelIndex())
        for section in range(min(count, 40)):
            for role in (Qt.DisplayRole, Qt.ToolTipRole):
                yield f"{type(model).__name__} header {section}", role, model.headerData(section, orientation, role)
    parents = [QModelIndex()]
    while parents:
        parent = parents.pop()
        for row in range(min(model.rowCount(parent), 40)):
            for col in range(_columns(model, parent)):
                index = model.index(row, col, parent)
                for role in ROLES:
                    yield f"{type(model).__name__} ({row}, {col})", role, model.data(index, role)
            child = model.index(row, 0, parent)
            if model.rowCount(child) > 0:
                parents.append(child)


def _graphics_texts(window):
    """Texts that pyqtgraph and QGraphicsTextItem draw as HTML in every scene of the window."""
    import pyqtgraph as pg

    for view in window.findChildren(QGraphicsView):
        for item in view.scene().items() if view.scene() is not None else ():
            if isinstance(item, pg.LabelItem):
                yield "LabelItem", item.text
            elif isinstance(item, QGraphicsTextItem):
                yield "QGraphicsTextItem", item.toHtml()
            if item.toolTip():
                yield "graphics tooltip", item.toolTip()


def test_hostile_names_never_become_markup_in_any_view(window, tmp_path, message_boxes):
    _load_hostile_csv(window, tmp_path)
    shown_somewhere = False
    for view in window.findChildren(QAbstractItemView):
        for where, role, text in _model_texts(view):
            shown_somewhere |= isinstance(text, str) and IMG in text
            if role in GUESSED:
                assert not _raw_markup(text), (where, text)
    assert shown_somewhere  # the names did reach the tables
    for label in window.findChildren(QLabel):
        if label.textFormat() != Qt.TextFormat.PlainText:
            assert not _raw_markup(label.text()) and label.textFormat() != Qt.TextFormat.RichText, label.text()
    for widget in window.findChildren(QWidget):
        assert not _raw_markup(widget.toolTip()), widget.toolTip()
        assert not _raw_markup(widget.whatsThis())
    for action in window.findChildren(QAction):
        assert not _raw_markup(action.toolTip()) and not _raw_markup(action.whatsThis()), action.toolTip()
    for where, text in _graphics_texts(window):
        assert not _raw_markup(text), (where, text)
    canvas, arch = window.canvas, window.session.arch
    for layer, n in enumerate(arch.sizes):
        for index in range(n):
            assert not _raw_markup(canvas.tooltip_for(UnitRef(layer, index)))
    for layer in range(arch.layer_count):
        for row in range(arch.sizes[layer]):
            assert not _raw_markup(canvas.tooltip_for(WeightRef(layer, row, 0)))
    for _title, text, text_format in message_boxes:
        assert text_format == Qt.TextFormat.PlainText or not _raw_markup(text)


@pytest.mark.parametrize("name", [IMG, BOLD])
def test_a_compared_snapshot_with_a_hostile_name_stays_plain_in_the_edge_tooltip(window, tmp_path, name):
    from mlpviz.engine import init_params
    from mlpviz.io import Snapshot, save_snapshot

    session = window.session
    path = tmp_path / f"{name.replace('/', '')}.json"
    save_snapshot(path, Snapshot(session.arch, init_params(session.arch, "he", 3)))
    session.step()
    assert window.timeline.compare_with_file(path)
    tip = window.canvas.tooltip_for(WeightRef(0, 0, 0))
    assert name.replace("/", "") not in tip and "&lt;" in tip  # the compared file's name, escaped


def test_every_item_model_of_the_ui_passes_its_roles_through_the_plain_text_rule():
    """A new model cannot forget the rule: each data()/headerData() in mlpviz.ui is wrapped by plain_roles."""
    import importlib
    import pkgutil

    from PySide6.QtCore import QAbstractItemModel

    import mlpviz.ui

    models = []
    for info in pkgutil.walk_packages(mlpviz.ui.__path__, "mlpviz.ui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, QAbstractItemModel) and value.__module__ == info.name:
                models.append(value)
    assert len(models) >= 3
    for model in models:
        for name in ("data", "headerData"):
            if name in vars(model):
                assert getattr(vars(model)[name], "plain_roles", False), f"{model.__name__}.{name}"


def test_no_label_of_the_ui_guesses_its_text_format():
    """Every QLabel of mlpviz.ui is made by plain_label() (or is an ElidedLabel, which paints plain text)."""
    from pathlib import Path

    import mlpviz.ui

    root = Path(mlpviz.ui.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if p.name != "plain_text.py" and "QLabel(" in p.read_text(encoding="utf-8")]
    assert offenders == []
