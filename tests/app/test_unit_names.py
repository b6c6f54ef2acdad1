from mlpviz.app.unit_names import layer_title, unit_name, weight_layer_title, weight_name


def test_unit_names_follow_layers():
    assert [unit_name(0, i, 2) for i in range(2)] == ["x1", "x2"]
    assert unit_name(1, 2, 2) == "h1.3"
    assert unit_name(2, 0, 2) == "y1"
    assert unit_name(2, 0, 3) == "h2.1"


def test_layer_and_weight_titles():
    assert [layer_title(l, 2) for l in range(3)] == ["inputs", "hidden 1", "outputs"]
    assert weight_layer_title(0, 2) == "x → h1"
    assert weight_layer_title(1, 3) == "h1 → h2"
    assert weight_name(0, 1, 2, 2) == "w(x2→h1.3)"
    assert weight_name(1, -1, 0, 2) == "b(y1)"
