"""A layer order neither the names nor the shapes tell: why said once, how to give it said for the command line and
for the app; the order given read the same way by both."""

from __future__ import annotations

import pathlib

import pytest

from mlpviz import i18n
from mlpviz.io import Activations, load_network
from mlpviz.io.layer_order import LayerOrderNeeded, order_layers, parse_layer_order

AUTOENCODER = pathlib.Path(__file__).parent / "cases" / "torch_autoencoder.safetensors"
WHY = ("the order of the layers (decoder.0, decoder.2, encoder.0, encoder.2) cannot be told from their names, and "
       "several orders fit their shapes")


def test_the_refusal_says_why_once_with_the_command_lines_way_and_the_apps():
    with pytest.raises(LayerOrderNeeded) as raised:
        load_network(AUTOENCODER, Activations("relu", "linear"))
    needed = raised.value
    assert str(needed.problem) == WHY and needed.asked and needed.example == "decoder,encoder"
    assert needed.names == ("decoder.0", "decoder.2", "encoder.0", "encoder.2")
    assert str(needed) == f"{AUTOENCODER}: {WHY}; give the order, e.g. --layer-order decoder,encoder (layer names, " \
                          "or the prefix of a group of layers taken in numeric order)"
    app = str(needed.in_app())
    assert app.startswith(WHY + ". Type the layers in the order the data flow through them") and "--" not in app
    assert app.endswith("e.g. decoder,encoder")


def test_an_order_given_that_does_not_fit_is_said_without_asking_for_a_flag():
    with pytest.raises(LayerOrderNeeded) as raised:
        order_layers("p", {"encoder.0": (4, 8), "decoder.0": (8, 4)}, ("encoder",))
    assert str(raised.value) == "p: the layer order given leaves out decoder.0; name every layer"
    assert not raised.value.asked and "--layer-order" not in str(raised.value.in_app())


def test_the_order_as_typed():
    assert parse_layer_order(" encoder , decoder,,") == ("encoder", "decoder")
    assert parse_layer_order("") == () and parse_layer_order(None) == ()


def test_the_refusal_in_chinese():
    i18n.set_language(i18n.CHINESE)
    try:
        with pytest.raises(LayerOrderNeeded) as raised:
            load_network(AUTOENCODER, Activations("relu", "linear"))
        assert "有多种顺序都符合它们的形状" in str(raised.value) and "--layer-order decoder,encoder" in str(raised.value)
        assert "请按数据流经各层的顺序输入这些层" in str(raised.value.in_app())
    finally:
        i18n.set_language(i18n.ENGLISH)


def test_the_inputs_of_every_order_that_fits_are_known_before_the_order_is():
    """The autoencoder takes 2 or 4 inputs, by its order: data of 5 columns can be refused before asking."""
    with pytest.raises(LayerOrderNeeded) as caught:
        load_network(AUTOENCODER, Activations("relu", "linear"))
    assert caught.value.input_widths == (2, 4)
    shapes = {"a1": (3, 5), "b1": (7, 4), "c": (5, 6)}  # no order connects: nothing is known
    with pytest.raises(LayerOrderNeeded) as caught:
        order_layers("f", shapes)
    assert caught.value.input_widths == ()


def test_the_example_is_an_order_that_fits_the_data_when_their_inputs_are_known():
    """Data of 4 columns: the autoencoder's example is encoder then decoder (4 inputs), not the order taking 2."""
    with pytest.raises(LayerOrderNeeded) as caught:
        load_network(AUTOENCODER, Activations("relu", "linear"))
    assert caught.value.examples == {2: "decoder,encoder", 4: "encoder,decoder"}
    four = caught.value.for_inputs(4)
    assert four.example == "encoder,decoder" and str(four.in_app()).endswith("e.g. encoder,decoder")
    assert "--layer-order encoder,decoder " in str(four) and four.names == caught.value.names
    assert caught.value.for_inputs(2).example == "decoder,encoder"
    assert caught.value.for_inputs(5).example == caught.value.example  # none fits: the first order found
    for width, example in caught.value.examples.items():  # each example, typed, opens a network on that many inputs
        order = parse_layer_order(example)
        assert load_network(AUTOENCODER, Activations("relu", "linear", layer_order=order)).arch.sizes[0] == width


def test_an_example_whose_groups_interleave_names_every_layer():
    """Prefixes stand for a whole group in numeric order: an order that goes between groups is written layer by layer."""
    shapes = {"a.0": (2, 2), "a.1": (2, 3), "b.0": (3, 2), "b.1": (2, 2)}
    with pytest.raises(LayerOrderNeeded) as caught:
        order_layers("f", shapes)
    assert caught.value.examples == {2: "a,b", 3: "b.0,a.0,b.1,a.1"}
    for width, example in caught.value.examples.items():
        order, _ = order_layers("f", shapes, parse_layer_order(example))
        assert shapes[order[0]][0] == width
