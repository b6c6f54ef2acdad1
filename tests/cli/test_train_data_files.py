"""mlpviz train on the files users bring: targets that do not suit the loss exit 2 with the fix."""

from __future__ import annotations

import pathlib

import numpy as np
import pytest

from mlpviz.cli.main import main

CASES = pathlib.Path(__file__).parents[1] / "io" / "cases"


def train(tmp_path, *args) -> int:
    return main(["train", *args, "--steps", "50", "--quiet", "--export", str(tmp_path / "out.npz")])


def test_pm1_labels_with_bce_exit_2_saying_how_to_fix_them(tmp_path, capsys):
    assert train(tmp_path, "--data", str(CASES / "xor_pm1.csv"), "--sizes", "2,4,1") == 2
    err = capsys.readouterr().err
    assert "labels are -1 and 1; binary cross-entropy needs" in err and "map -1 to 0" in err
    assert not (tmp_path / "out.npz").exists()
    assert "use a tanh (or linear) output with mse" in err
    assert train(tmp_path, "--data", str(CASES / "xor_pm1.csv"), "--sizes", "2,4,1",
                 "--hidden", "tanh", "--output", "linear", "--loss", "mse") == 0


def test_pm1_labels_train_with_a_tanh_output_and_mse_as_the_cases_readme_says(tmp_path, capsys):
    from mlpviz.io import load_snapshot

    out = tmp_path / "out.npz"
    assert main(["train", "--data", str(CASES / "xor_pm1.csv"), "--sizes", "2,4,1", "--hidden", "tanh",
                 "--output", "tanh", "--loss", "mse", "--lr", "0.3", "--steps", "300", "--export", str(out)]) == 0
    assert load_snapshot(out).arch.output_activation == "tanh"
    last = capsys.readouterr().out.splitlines()[-1]
    assert float(last.split(" at the last")[0].rsplit(" ", 1)[1]) < 0.05  # XOR with -1/+1 learnt


def test_the_help_offers_the_tanh_output_the_refusal_names(capsys):
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "output activation: sigmoid, softmax, linear, tanh (default sigmoid)" in said


@pytest.mark.parametrize("name", ["semicolon.csv", "excel_de.csv", "excel_unicode_text.txt", "cp1252_header.csv",
                                  "padded_cells.csv", "pandas_index.csv"])
def test_spreadsheet_files_train(tmp_path, name):
    assert train(tmp_path, "--data", str(CASES / name), "--sizes", "2,3,1") == 0


@pytest.mark.parametrize("dataset,sizes", [("iris", "4,8,3"), ("digits", "64,16,10")])
def test_shipped_data_sets_train_from_the_command_line(tmp_path, dataset, sizes):
    assert train(tmp_path, "--dataset", dataset, "--sizes", sizes, "--output", "softmax", "--loss", "ce") == 0


def test_a_class_file_with_a_network_that_does_not_fit_is_refused(tmp_path, capsys):
    path = tmp_path / "three.csv"
    path.write_text("a,b,y\n0,0,0\n1,0,1\n0,1,2\n")
    assert train(tmp_path, "--data", str(path), "--sizes", "2,3,1") == 2
    assert "3 classes" in capsys.readouterr().err


def test_target_delimiter_and_decimal_are_passed_to_the_reader(tmp_path, capsys):
    assert train(tmp_path, "--data", str(CASES / "iris_species.csv"), "--sizes", "4,8,3") == 2
    assert "--target NAME" in capsys.readouterr().err
    assert train(tmp_path, "--data", str(CASES / "excel_de.csv"), "--sizes", "2,3,1",
                 "--delimiter", ";", "--decimal", ",") == 0
    assert train(tmp_path, "--data", str(CASES / "excel_de.csv"), "--sizes", "2,3,1", "--decimal", ".") == 2
    assert train(tmp_path, "--dataset", "xor", "--sizes", "2,3,1", "--target", "y") == 2
    assert "apply to --data files" in capsys.readouterr().err


def test_a_named_class_file_on_a_one_output_network_is_refused_with_the_options_that_fit(tmp_path, capsys):
    assert train(tmp_path, "--data", str(CASES / "iris_species.csv"), "--target", "species", "--sizes", "4,8,1") == 2
    err = capsys.readouterr().err
    assert "3 classes" in err and err.rstrip().endswith("use --sizes 4,8,3 --output softmax --loss ce")
    assert not (tmp_path / "out.npz").exists()


def test_the_summary_gives_train_and_test_accuracy_for_classes(tmp_path, capsys):
    assert main(["train", "--dataset", "iris", "--sizes", "4,8,3", "--hidden", "tanh", "--output", "softmax",
                 "--loss", "ce", "--init", "xavier", "--steps", "500", "--quiet",
                 "--export", str(tmp_path / "out.npz")]) == 0
    out = capsys.readouterr().out
    assert "; accuracy " in out and "% train, " in out and "% test;" in out
    path = tmp_path / "real.csv"
    path.write_text("x,y\n0,0.25\n1,1.5\n2,2.75\n")
    assert train(tmp_path, "--data", str(path), "--sizes", "1,3,1", "--output", "linear", "--loss", "mse") == 0
    assert "accuracy" not in capsys.readouterr().out  # real-valued targets are not classes


@pytest.mark.parametrize("name,said", [("cp1252_header.csv", "read as Windows-1252"),
                                       ("pandas_index.csv", "the index pandas writes")])
def test_what_the_reader_assumed_is_said(tmp_path, capsys, name, said):
    """The cases promise a word on the encoding assumed and the index column skipped."""
    assert train(tmp_path, "--data", str(CASES / name), "--sizes", "2,3,1") == 0
    out = capsys.readouterr().out
    assert "note: " in out and said in out


def test_the_notes_are_printed_before_the_summary(tmp_path, capsys):
    assert train(tmp_path, "--data", str(CASES / "cp1252_header.csv"), "--sizes", "2,3,1") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("note: ") and "read as Windows-1252" in lines[0]
    assert lines[-1].startswith("trained 2-3-1")


def test_a_file_without_a_header_trains_on_every_row(tmp_path, capsys):
    """UCI's iris.data: every line a sample, the class names kept; a digits file says how to name its target."""
    assert main(["train", "--data", str(CASES / "uci_iris.data"), "--sizes", "4,8,3", "--output", "softmax",
                 "--loss", "ce", "--steps", "20", "--export", str(tmp_path / "out.npz")]) == 0
    out = capsys.readouterr().out
    assert "note: line 1 holds a sample (5.1, 3.5, 1.4, 0.2, …), not column names" in out
    assert "(15 samples)" in out
    digits = tmp_path / "digits.csv"
    digits.write_text("0,0,0,5,13\n1,0,0,12,13\n2,0,0,4,15\n")
    assert train(tmp_path, "--data", str(digits), "--sizes", "4,8,3", "--output", "softmax", "--loss", "ce") == 2
    assert "--target 'column 5'" in capsys.readouterr().err
    assert train(tmp_path, "--data", str(digits), "--target", "column 1", "--sizes", "4,8,3", "--output",
                 "softmax", "--loss", "ce") == 0


def test_wine_trains_once_its_inputs_are_standardized_and_the_snapshot_says_by_what(tmp_path, capsys):
    from mlpviz.io import load_snapshot

    args = ["train", "--data", str(CASES / "wine_unscaled.csv"), "--target", "target", "--sizes", "13,16,3",
            "--hidden", "relu", "--output", "softmax", "--loss", "ce", "--lr", "0.1", "--steps", "300"]
    assert main([*args, "--export", str(tmp_path / "raw.npz")]) == 1
    assert "Likely cause: inputs as large as 1,680 feed the first layer" in capsys.readouterr().out
    assert main([*args, "--standardize", "--export", str(tmp_path / "z.json")]) == 0
    out = capsys.readouterr().out
    assert "note: inputs standardized, z = (x − mean) / std from the 178 training rows: alcohol mean 13.0006" in out
    assert "accuracy 100.0% train" in out
    note = load_snapshot(tmp_path / "z.json").extra["input_scaling"]
    assert "proline mean 746.893 std 314.022" in note
    assert main(["train", "--init-from", str(tmp_path / "z.json"), "--target", "target", "--steps", "1", "--quiet",
                 "--export", str(tmp_path / "again.npz")]) == 0
    assert "give --standardize to train on them again" in capsys.readouterr().out


def test_text_inputs_are_one_hot_encoded_on_request_and_yes_no_is_two_classes(tmp_path, capsys):
    titanic = ["--data", str(CASES / "titanic_text.csv"), "--target", "survived"]
    assert train(tmp_path, *titanic, "--sizes", "3,4,1") == 2
    assert "'1st class' is not a number; if this input column holds text" in capsys.readouterr().err
    assert train(tmp_path, *titanic, "--one-hot", "--sizes", "3,4,1") == 0
    out = capsys.readouterr().out
    assert "column 2 (class) holds text: one-hot encoded as 1 column(s) of 0/1 (1st class)" in out
    assert "0 = no, 1 = yes ('no' does not occur in the file" in out
    assert train(tmp_path, "--dataset", "xor", "--one-hot", "--sizes", "2,3,1") == 2
    assert "--one-hot apply to --data files" in capsys.readouterr().err


def test_booleans_read_as_1_0_and_missing_values_are_called_missing(tmp_path, capsys):
    assert train(tmp_path, "--data", str(CASES / "pandas_dummies_bool.csv"), "--target", "survived",
                 "--sizes", "7,4,1") == 0
    assert "hold True/False: read as 1/0" in capsys.readouterr().out
    assert train(tmp_path, "--data", str(CASES / "penguins_na.csv"), "--target", "species",
                 "--sizes", "4,8,3", "--output", "softmax", "--loss", "ce") == 2
    err = capsys.readouterr().err
    assert "line 2, column 2 (bill_length_mm): 'NA' is a missing value; drop the rows with missing values" in err
    assert "or fill them in" in err


def test_class_indices_the_batch_does_not_all_show_train_as_the_networks_classes(tmp_path, capsys):
    """Labels 0, 1, 5 for a network of 7 softmax outputs; labels 1 and 3 for 4: a note, no contradictory advice."""
    labels = str(CASES / "labels_0_1_5.csv")
    assert main(["train", "--data", labels, "--init-from", str(CASES / "net_5_50_7.json"), "--steps", "20",
                 "--export", str(tmp_path / "out.npz")]) == 0
    out = capsys.readouterr().out
    assert ("note: the targets 0, 1, 5 are read as class indices of the network's 7 softmax outputs (classes 0..6); "
            "class(es) 2, 3, 4, 6 do not occur in the data") in out
    assert "accuracy" in out
    sparse = tmp_path / "sparse.csv"
    sparse.write_text("a,b,y\n0,1,1\n1,0,3\n1,1,1\n0,0,3\n")
    assert train(tmp_path, "--data", str(sparse), "--sizes", "2,8,1") == 2
    advice = capsys.readouterr().err
    assert "use 4 softmax outputs with ce" in advice and "linear" not in advice
    assert train(tmp_path, "--data", str(sparse), "--sizes", "2,8,4", "--output", "softmax", "--loss", "ce") == 0
    out = capsys.readouterr().out
    assert "unless the network has 4 or more softmax outputs" in out and "class(es) 0, 2 do not occur" in out


def test_a_classifier_saved_as_logits_never_trains_with_mse_on_classes_in_silence(tmp_path, capsys):
    pytest.importorskip("onnx", reason="onnx is not installed (pip install 'mlpviz[onnx]')")
    logits = ["--data", str(CASES / "classes3.csv"), "--init-from", str(CASES / "torch_logits_classifier.onnx")]
    assert train(tmp_path, *logits) == 2
    err = capsys.readouterr().err
    assert "ends at its last layer's weighted sums (logits)" in err and "--output softmax --loss ce" in err
    assert train(tmp_path, *logits, "--output", "softmax", "--loss", "ce") == 0
    assert train(tmp_path, *logits, "--output", "linear", "--loss", "mse") == 0  # numbers, as asked


def test_networks_as_pytorch_and_scikit_learn_save_them_train(tmp_path):
    pytest.importorskip("onnx", reason="onnx is not installed (pip install 'mlpviz[onnx]')")
    assert train(tmp_path, "--data", str(CASES / "iris_standardized.csv"), "--init-from",
                 str(CASES / "sklearn_mlpclassifier.onnx")) == 0
    digits = tmp_path / "digits.csv"
    rng = np.random.default_rng(0)
    rows = np.hstack([rng.random((20, 64)), rng.integers(0, 10, (20, 1))])
    np.savetxt(digits, rows, delimiter=",", header=",".join([f"p{i}" for i in range(64)] + ["y"]), comments="")
    assert train(tmp_path, "--data", str(digits), "--init-from", str(CASES / "torch_default_export.onnx"),
                 "--output", "softmax", "--loss", "ce") == 0


def test_opening_a_pytorch_network_with_mse_says_how_the_frameworks_mse_differs(capsys):
    pytest.importorskip("onnx", reason="onnx is not installed (pip install 'mlpviz[onnx]')")
    assert main(["inspect", str(CASES / "torch_default_export.onnx")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "note: mlpviz's mse is ½·Σ(ŷ − y)² per sample; PyTorch's nn.MSELoss" in out
    assert "use 2/k times their learning rate (twice it for one output)" in out


def test_an_ambiguous_pytorch_module_takes_the_layer_order_given_on_the_command_line(tmp_path, capsys):
    autoencoder = str(CASES / "torch_autoencoder.safetensors")
    assert main(["inspect", autoencoder, "--hidden", "relu", "--output", "linear"]) == 2
    assert "give the order, e.g. --layer-order decoder,encoder" in capsys.readouterr().err
    assert main(["inspect", autoencoder, "--hidden", "relu", "--output", "linear",
                 "--layer-order", "encoder,decoder"]) == 0
    assert "4-8-2-8-4" in capsys.readouterr().out
    data = tmp_path / "four.csv"
    data.write_text("a,b,c,d,y1,y2,y3,y4\n0.1,0.2,0.3,0.4,0.1,0.2,0.3,0.4\n0.5,0.6,0.7,0.8,0.5,0.6,0.7,0.8\n")
    assert train(tmp_path, "--data", str(data), "--init-from", autoencoder, "--hidden", "relu", "--output", "linear",
                 "--layer-order", "encoder,decoder") == 0


def test_a_network_file_on_data_of_other_columns_names_both_and_the_way_forward(tmp_path, capsys):
    pytest.importorskip("onnx", reason="onnx is not installed (pip install 'mlpviz[onnx]')")
    network = str(CASES / "sklearn_mlpclassifier.onnx")  # Iris: 4 inputs
    assert train(tmp_path, "--init-from", network, "--data", str(CASES / "xor_pm1.csv")) == 2
    assert capsys.readouterr().err == ("mlpviz train: this network takes 4 inputs; the loaded data has 2 input "
                                       "columns; give data with 4 input columns: --data FILE.csv\n")
    assert train(tmp_path, "--init-from", network, "--data", str(CASES / "iris_standardized.csv")) == 0


def test_a_network_the_data_cannot_feed_in_any_layer_order_is_refused_for_that_before_the_order_is_asked(
        tmp_path, capsys):
    """The autoencoder takes 2 or 4 inputs by its order: 5 columns are said first; 4 columns ask the order, with an
    order that takes 4 inputs as the example."""
    net = str(CASES / "torch_autoencoder.safetensors")
    assert train(tmp_path, "--init-from", net, "--data", str(CASES / "labels_0_1_5.csv")) == 2
    err = capsys.readouterr().err
    assert "this network takes 2 or 4 inputs, by the order of its layers; the loaded data has 5 input columns" in err
    assert "--layer-order" not in err
    assert train(tmp_path, "--init-from", net, "--data", str(CASES / "iris_standardized.csv")) == 2
    assert "give the order, e.g. --layer-order encoder,decoder" in capsys.readouterr().err
    assert train(tmp_path, "--init-from", net, "--data", str(CASES / "xor_pm1.csv")) == 2  # 2 inputs
    assert "give the order, e.g. --layer-order decoder,encoder" in capsys.readouterr().err
