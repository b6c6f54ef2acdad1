"""Files named with tags and quotes, opened through every file-open path: the message is plain text.

A rich-text message would render the name's ``<b>`` and load an ``<img src=…>`` quoted from
the file (a FIFO or /dev/zero hangs the app); the message must show them literally.
"""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

NAMES = ['data<b>bold<br>', 'a "quoted" \'name\'', '<img src="zero">x']  # no '/' in a file name
CONTENT = '<img src="/dev/zero"> <b>not a number</b>\n'


def _open_paths(window, tmp_path, monkeypatch):
    """(what, path, call) for every way a file is opened from the window."""
    actions, timeline, drop = window.snapshot_actions, window.timeline, window.file_drop
    chosen = {}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen["path"]), ""))

    def via_dialog(action):
        def run(path):
            chosen["path"] = path
            action.trigger()
        return run

    return [
        (".csv", "File ▸ Open data", via_dialog(window.data_opener.action)),
        (".csv", "dropped CSV", lambda p: drop.open([p])),
        (".npz", "File ▸ Open snapshot", via_dialog(actions.open_action)),
        (".json", "dropped snapshot", lambda p: drop.open([p])),
        (".json", "recent file", lambda p: actions.open_snapshot(p)),
        (".npz", "Compare with snapshot", lambda p: timeline.compare_with_file(p)),
    ]


@pytest.mark.parametrize("name", NAMES)
def test_every_open_path_shows_a_refusal_as_plain_text(window, tmp_path, monkeypatch, message_boxes, name):
    for suffix, what, call in _open_paths(window, tmp_path, monkeypatch):
        path = tmp_path / f"{name}{suffix}"
        path.write_text(CONTENT)
        message_boxes.clear()
        call(path)
        assert len(message_boxes) == 1, what
        _title, text, text_format = message_boxes[0]
        assert text_format == Qt.TextFormat.PlainText, what
        assert name in text, what  # the name shown as it is, not as markup


def test_a_compared_file_with_tags_in_its_name_shows_literally(window, tmp_path):
    from mlpviz.engine import init_params
    from mlpviz.io import Snapshot, save_snapshot

    session = window.session
    path = tmp_path / f"{NAMES[2]}.json"
    save_snapshot(path, Snapshot(session.arch, init_params(session.arch, "he", 3)))
    assert window.timeline.compare_with_file(path)
    label = window.timeline.step_label
    assert label.textFormat() == Qt.TextFormat.PlainText and NAMES[2] in label.text()
    assert html.escape(NAMES[2]) in window.canvas.title.text  # pyqtgraph's LabelItem draws HTML: escaped
