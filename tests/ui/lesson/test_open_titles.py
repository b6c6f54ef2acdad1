"""File ▸ Open's refusals are titled by what was being opened: a lesson, a snapshot, a network, data."""

from __future__ import annotations

import pickle

import pytest
from PySide6.QtWidgets import QFileDialog

from mlpviz import i18n


@pytest.mark.parametrize("name,content,title", [
    ("broken.mlpviz", b"not a zip", "Open lesson"),
    ("broken.npz", b"PK not really", "Open snapshot"),
    ("broken.json", b"{\"format\": 3}", "Open snapshot"),
    ("broken.safetensors", b"\x00" * 16, "Open network"),
    ("broken.onnx", b"not a model", "Open network"),
    ("net.pt", pickle.dumps({"w": 1}), "Open network"),
    ("empty.csv", b"", "Open data"),
])
def test_a_refusal_is_titled_by_the_kind_of_file(window, tmp_path, monkeypatch, message_boxes, name, content, title):
    path = tmp_path / name
    path.write_bytes(content)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    params = window.session.params
    window.document_actions.open_action.trigger()
    ((shown_title, text, _),) = message_boxes
    assert shown_title == title and name in text
    assert window.session.params is params


def test_the_titles_follow_the_language(window, tmp_path, monkeypatch, message_boxes):
    path = tmp_path / "broken.onnx"
    path.write_bytes(b"not a model")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    i18n.set_language(i18n.CHINESE)
    try:
        window.document_actions.open_action.trigger()
    finally:
        i18n.set_language(i18n.ENGLISH)
    assert message_boxes[0][0] == "打开网络"
