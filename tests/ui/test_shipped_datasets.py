"""Iris and digits in the window: the chooser lists them, Apply builds a network that fits, and it trains."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("name,sizes,rows", [("iris", (4, 3, 3), 150), ("digits", (64, 3, 10), 1797)])
def test_chooser_applies_a_shipped_data_set_and_a_step_trains(window, name, sizes, rows):
    chooser = window.dataset_chooser
    chooser.name_box.setCurrentIndex(chooser.name_box.findData(name))
    assert chooser.size_spin.value() == rows
    assert chooser.apply()
    session = window.session
    assert session.dataset.name == name and session.dataset.n_train + session.dataset.n_test == rows
    assert session.arch.sizes == sizes and (session.arch.output_activation, session.arch.loss) == ("softmax", "ce")
    assert len(session.dataset.class_names) == sizes[-1]
    session.step()
    assert session.step_count == 1
    assert window.data_panel.model.rowCount() == rows
