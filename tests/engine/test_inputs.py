"""The one check that data feed a network: both numbers in plain words, the same from every caller."""

from __future__ import annotations

import pathlib

import pytest

from mlpviz import i18n
from mlpviz.cli.main import main
from mlpviz.datasets import make_dataset
from mlpviz.engine import Architecture, DataError, InputsMismatch, check_inputs, init_params, inputs_mismatch
from mlpviz.io import Snapshot, load_csv, save_snapshot
from mlpviz.training.fit import fit_targets

CASES = pathlib.Path(__file__).parents[1] / "io" / "cases"
NET_4 = Architecture((4, 5, 3), "tanh", "softmax", "ce")


def test_the_words_name_both_numbers_with_their_plurals():
    assert str(inputs_mismatch(4, 2)) == "this network takes 4 inputs; the loaded data has 2 input columns"
    assert str(inputs_mismatch(1, 3)) == "this network takes 1 input; the loaded data has 3 input columns"
    assert str(inputs_mismatch(2, 1, "iris.csv")) == "this network takes 2 inputs; iris.csv has 1 input column"
    assert inputs_mismatch(3, 3) is None


def test_the_words_in_chinese():
    i18n.set_language(i18n.CHINESE)
    try:
        assert str(inputs_mismatch(4, 2)) == "这个网络有 4 个输入；已载入的数据有 2 个输入列"
        with pytest.raises(InputsMismatch) as raised:
            check_inputs(4, 2, "d.csv")
        assert str(raised.value) == "d.csv：这个网络有 4 个输入；已载入的数据有 2 个输入列"
    finally:
        i18n.set_language(i18n.ENGLISH)


def test_a_mismatch_is_a_data_error_that_carries_both_numbers():
    check_inputs(2, 2)
    with pytest.raises(DataError) as raised:
        check_inputs(4, 2)
    assert isinstance(raised.value, InputsMismatch) and (raised.value.n_inputs, raised.value.n_columns) == (4, 2)
    assert i18n.english(raised.value) == "this network takes 4 inputs; the loaded data has 2 input columns"


def test_training_a_csv_batch_and_the_command_line_say_it_the_same_way(tmp_path, capsys):
    with pytest.raises(InputsMismatch, match="this network takes 4 inputs; the loaded data has 2 input columns"):
        fit_targets(make_dataset("xor"), NET_4)
    with pytest.raises(InputsMismatch, match="xor_pm1.csv: this network takes 4 inputs; the loaded data has 2 input"):
        load_csv(CASES / "xor_pm1.csv", 4, 3)
    path = tmp_path / "net4.json"
    save_snapshot(path, Snapshot(NET_4, init_params(NET_4, "xavier", 0), 0, 0.1, None))
    assert main(["gradcheck", str(path), "--dataset", "xor"]) == 2
    err = capsys.readouterr().err
    assert "xor: this network takes 4 inputs; the loaded data has 2 input columns" in err
    assert main(["gradcheck", str(path), "--data", str(CASES / "xor_pm1.csv")]) == 2
    assert "this network takes 4 inputs; the loaded data has 2 input columns" in capsys.readouterr().err


def test_a_network_whose_layer_order_is_open_names_every_input_count_it_may_take():
    from mlpviz.engine import InputsMismatch, check_inputs, inputs_mismatch

    assert inputs_mismatch((2, 4), 4) is None
    assert str(inputs_mismatch((2, 4), 5)) == ("this network takes 2 or 4 inputs, by the order of its layers; "
                                                "the loaded data has 5 input columns")
    with pytest.raises(InputsMismatch) as caught:
        check_inputs((2, 3, 4), 5)
    assert caught.value.widths == (2, 3, 4) and caught.value.n_inputs == 2 and "2, 3 or 4 inputs" in str(caught.value)
