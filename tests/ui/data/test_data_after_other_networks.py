"""Data opened after another network (a preset, other data): the network is built for the data as in a fresh
window, never keeping the earlier outputs; the status bar's notes read as sentences, in Chinese too."""

from __future__ import annotations

import pathlib

import pytest

from mlpviz import i18n

from ..acting import pick_preset

CASES = pathlib.Path(__file__).parents[2] / "io" / "cases"


def head(window) -> tuple:
    arch = window.session.arch
    return arch.sizes, arch.output_activation, arch.loss


def test_two_classes_after_iris_get_one_sigmoid_output_and_the_notes_read_as_sentences(window, open_file):
    pick_preset(window, "iris")
    assert head(window) == ((4, 8, 3), "softmax", "ce")
    open_file(CASES / "cp1252_header.csv")
    assert head(window) == ((2, 8, 1), "sigmoid", "bce")
    assert window.canvas.layout_model.sizes == (2, 8, 1)  # drawn: one output
    said = window.statusBar().currentMessage()
    assert "Network 2-8-1: one sigmoid output with binary cross-entropy (bce): two classes, 0 and 1. The file is " \
           "not UTF-8 (line 1 has the byte 0xE9): read as Windows-1252" in said, said
    window.session.step()
    assert window.session.step_count == 1


def test_each_kind_of_data_after_each_other_gets_the_network_a_fresh_window_gives(window, open_file, tmp_path):
    binary = tmp_path / "binary4.csv"  # Iris's four inputs, two classes
    binary.write_text("a,b,c,d,y\n5.1,3.5,1.4,0.2,0\n7.0,3.2,4.7,1.4,1\n6.3,3.3,6.0,2.5,1\n")
    regression = tmp_path / "regression4.csv"
    regression.write_text("a,b,c,d,y\n5.1,3.5,1.4,0.2,0.25\n7.0,3.2,4.7,1.4,3.5\n6.3,3.3,6.0,2.5,-1.5\n")
    pick_preset(window, "iris")
    open_file(binary)  # the same inputs as Iris: still one output for two classes
    assert head(window) == ((4, 8, 1), "sigmoid", "bce")
    open_file(CASES / "classes3.csv")  # two classes, then three
    assert head(window) == ((4, 8, 3), "softmax", "ce")
    open_file(regression)  # numbers after classes
    assert head(window) == ((4, 8, 1), "linear", "mse")
    open_file(binary)  # classes after numbers: never a linear output with mse on classes
    assert head(window) == ((4, 8, 1), "sigmoid", "bce")
    assert "one sigmoid output with binary cross-entropy" in window.statusBar().currentMessage()


def test_a_built_in_two_class_set_after_blobs_gets_one_sigmoid_output(window):
    chooser = window.dataset_chooser
    for name, wanted in (("blobs", ((2, 3, 3), "softmax", "ce")), ("xor", ((2, 3, 1), "sigmoid", "bce"))):
        chooser.name_box.setCurrentIndex(chooser.name_box.findData(name))
        assert chooser.apply()
        assert head(window) == wanted


def test_class_indices_that_skip_numbers_keep_a_network_with_more_outputs(window, open_file):
    open_file(CASES / "labels_0_1_5.csv")
    assert head(window) == ((5, 3, 6), "softmax", "ce")  # a fresh network: classes 0..5
    open_file(CASES / "net_5_50_7.json")  # five inputs: it opens on these data
    open_file(CASES / "labels_0_1_5.csv")  # 0, 1, 5: class indices of the network's 7 classes
    assert head(window) == ((5, 50, 7), "softmax", "ce")
    said = window.statusBar().currentMessage()
    assert said.endswith("(classes 0..6); class(es) 2, 3, 4, 6 do not occur in the data."), said
    assert ". The targets 0, 1, 5 are read" in said


@pytest.fixture
def chinese():
    from mlpviz.ui.translator import install_language

    install_language(i18n.CHINESE)
    yield
    install_language(i18n.ENGLISH)


def test_in_chinese_the_notes_are_chinese_sentences(window, open_file, chinese):
    pick_preset(window, "iris")
    open_file(CASES / "cp1252_header.csv")
    said = window.statusBar().currentMessage()
    assert "两个类别，0 和 1。文件不是 UTF-8" in said, said
    assert said.endswith("。") and ". " not in said
