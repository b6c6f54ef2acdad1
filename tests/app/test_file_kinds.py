"""What a file opened is, by its name, and the title everything opening it shows."""

from __future__ import annotations

import pytest

from mlpviz import i18n
from mlpviz.app.file_kinds import DATA, LESSON, NETWORK, OTHER, SNAPSHOT, open_title, opened_kind


@pytest.mark.parametrize("name,kind,title", [
    ("class.mlpviz", LESSON, "Open lesson"), ("Net.NPZ", SNAPSHOT, "Open snapshot"),
    ("n.json", SNAPSHOT, "Open snapshot"),
    ("m.safetensors", NETWORK, "Open network"), ("m.onnx", NETWORK, "Open network"), ("m.h5", NETWORK, "Open network"),
    ("m.pt", NETWORK, "Open network"), ("d.csv", DATA, "Open data"), ("iris.data", DATA, "Open data"),
    ("d.tsv", DATA, "Open data"), ("notes.pdf", OTHER, "Open"),
])
def test_each_kind_and_its_title(name, kind, title):
    assert opened_kind(f"/some/where/{name}") == kind
    assert str(open_title(f"/some/where/{name}")) == str(open_title(kind)) == title


def test_the_titles_in_chinese():
    i18n.set_language(i18n.CHINESE)
    try:
        assert [str(open_title(k)) for k in (LESSON, SNAPSHOT, NETWORK, DATA)] == [
            "打开课程", "打开快照", "打开网络", "打开数据"]
    finally:
        i18n.set_language(i18n.ENGLISH)
