"""The class colour key: distinct, colour-blind safe colours for up to 12 classes, the same in the decision
map's points and key and in the data table, with every name whole and plain."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from mlpviz.ui.plots.class_colours import class_rgb

NAMES = ["setosa", "versicolor", "virginica", "变色", "<b>bold</b>", "f", "g", "h", "i", "j", "k", "l"]

# CIELAB from sRGB, and Machado et al. (2009) simulations of full deuteranopia, protanopia and tritanopia
DEUTAN = np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]])
PROTAN = np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]])
TRITAN = np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]])


def lab(rgb: np.ndarray, vision: np.ndarray | None = None) -> np.ndarray:
    c = np.asarray(rgb, dtype=float) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    if vision is not None:
        linear = np.clip(linear @ vision.T, 0.0, 1.0)
    xyz = linear @ np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]).T
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=-1)


def closest_pair(rgb: np.ndarray, vision: np.ndarray | None = None) -> float:
    points = lab(rgb, vision)
    d = np.sqrt(((points[:, None] - points[None]) ** 2).sum(-1))
    np.fill_diagonal(d, np.inf)
    return float(d.min())


def test_twelve_classes_get_twelve_colours_apart_also_for_colour_blind_eyes():
    for k in range(3, 13):
        rgb = class_rgb(k)
        assert len({tuple(c) for c in rgb.tolist()}) == k
        for vision in (None, DEUTAN, PROTAN, TRITAN):
            assert closest_pair(rgb, vision) >= 14, (k, vision)
    assert class_rgb(3).tolist()[:3] == [[230, 159, 0], [86, 180, 233], [0, 158, 115]]  # Okabe-Ito first


def open_classes(window, tmp_path, names):
    rows = ["x1,x2,y"] + [f"{np.cos(k):.3f},{np.sin(k):.3f},{name}" for k, name in enumerate(names * 3)]
    path = tmp_path / "classes.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert window.data_opener.open(path)
    assert set(window.session.dataset.class_names) == set(names)


def test_the_map_key_the_points_and_the_data_table_show_each_class_in_one_colour(window, tmp_path, qtbot):
    open_classes(window, tmp_path, NAMES)
    names = list(window.session.dataset.class_names)
    expected = [QColor(*c) for c in class_rgb(12).tolist()]
    window.decision_map.redraw()
    key = window.decision_map.class_key
    assert key.names == names and key.colours == expected  # a swatch per class, in the palette's order
    assert window.data_panel.class_key.names == names and window.data_panel.class_key.colours == expected
    d = window.session.dataset
    model = window.data_panel.model
    brushes = window.decision_map.train_points.data["brush"]
    for row in range(d.n_train):
        label = int(d.labels_train[row])
        assert model.class_colour(row) == expected[label]  # the table's swatch
        assert brushes[row].color().rgb() == expected[label].rgb()  # the point on the map
        assert model.class_name(row) == names[label]


def test_classes_without_names_are_keyed_by_their_numbers_in_the_map_and_the_table(window, qtbot):
    from mlpviz.datasets import make_dataset

    window.session.load_data(make_dataset("blobs", n_classes=3))  # as the Three blobs preset: classes 0, 1, 2
    window.decision_map.redraw()
    expected = [QColor(*c) for c in class_rgb(3).tolist()]
    for key in (window.decision_map.class_key, window.data_panel.class_key):
        assert key.names == ["0", "1", "2"] and key.colours == expected and key.isVisibleTo(key.parentWidget())
    d = window.session.dataset
    assert window.data_panel.model.class_colour(0) == expected[int(d.labels_train[0])]


def test_legend_names_are_whole_plain_text_on_a_narrow_panel(window, tmp_path, qtbot):
    open_classes(window, tmp_path, NAMES)
    key = window.decision_map.class_key
    key.resize(260, 10)  # a narrow dock at 1024×768
    rects = key.entry_rects()
    fm = key.fontMetrics()
    for name, rect in zip(key.names, rects):
        assert rect.width() >= fm.horizontalAdvance(name), name  # wrapped onto another line, not cut ("setos")
        assert rect.right() <= 260
    assert key.heightForWidth(260) > key.heightForWidth(2000)  # more lines when narrow
    assert "<b>bold</b>" in key.names  # kept as typed: painted as text, not read as markup
    assert "&lt;b&gt;bold&lt;/b&gt;" in key.toolTip()  # the tooltip shows the name literally too
