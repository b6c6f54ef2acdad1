from mlpviz.engine.unit_names import layer_title, parameter_units, unit_name, weight_layer_title, weight_name


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


def test_output_units_are_named_after_their_classes():
    from mlpviz.app.image_inputs import as_picture, image_side
    from mlpviz.engine.unit_names import output_class_names, unit_name

    names = ("setosa", "versicolor", "virginica")
    assert output_class_names(names, 3) == names
    assert output_class_names(("no", "yes"), 1) == ("yes",)  # a sigmoid's probability of class 1
    assert output_class_names(names, 1) == () and output_class_names((), 2) == ()
    assert unit_name(2, 1, 2, names) == "y2 (versicolor)" and unit_name(1, 1, 2, names) == "h1.2"
    assert (image_side(64), image_side(784), image_side(65)) == (8, 28, None)
    assert as_picture(list(range(64)), 8)[1, 0] == 8  # row by row, the first input at the top left


def test_parameter_units_are_the_units_a_weight_joins_and_a_bias_belongs_to():
    assert parameter_units(0, 0, 1, 2) == ("x1", "h1.2")
    assert parameter_units(1, -1, 0, 2) == ("y1",)
    assert weight_name(0, 0, 1, 2) == "w(x1→h1.2)" and weight_name(1, -1, 0, 2) == "b(y1)"
