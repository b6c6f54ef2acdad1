"""The shipped resources are where mlpviz.resources says, and are what they claim to be."""

from __future__ import annotations

import csv

import pytest

from mlpviz import resources


def test_every_icon_size_exists_and_is_a_png_of_that_size():
    from PySide6.QtGui import QImage

    for size in resources.ICON_SIZES:
        path = resources.icon_path(size)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", path
        image = QImage(str(path))
        assert (image.width(), image.height()) == (size, size), path
        assert image.hasAlphaChannel()


def test_svg_icon_renders():
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(resources.icon_path()))
    assert renderer.isValid()
    assert renderer.viewBoxF().width() > 0


def test_desktop_template_has_the_exec_placeholder():
    text = resources.resource_path("mlpviz.desktop").read_text(encoding="utf-8")
    assert text.startswith("[Desktop Entry]\n")
    assert "Exec=@EXEC@ %f\n" in text and "MimeType=application/x-mlpviz-lesson;\n" in text
    assert "Icon=mlpviz\n" in text


def test_sample_datasets_are_csv_with_a_header_and_a_class_column():
    datasets = resources.dataset_paths()
    assert {"xor", "notebook", "iris", "digits"} <= set(datasets)
    for name, path in datasets.items():
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        width = len(rows[0])
        assert width >= 3 and len(set(rows[0])) == width, name
        assert len(rows) > 1 and all(len(r) == width for r in rows)
        assert all(float(v) == float(v) for r in rows[1:] for v in r[:-1])
    assert "CC BY 4.0" in resources.resource_path("datasets/SOURCES.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["", "/etc/passwd", "../pyproject.toml", "icons/../../x"])
def test_resource_names_cannot_escape_the_folder(bad):
    with pytest.raises(ValueError):
        resources.resource_path(bad)


def test_unknown_icon_size_is_refused():
    with pytest.raises(ValueError, match="sizes are 16"):
        resources.icon_path(17)
