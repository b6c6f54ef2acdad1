"""``--against DIR``: two builds measured in one run, alternating, a row each (the pure parts; no timing)."""

from __future__ import annotations

import pytest

from mlpviz.bench.against import Build, alternate, median_rows, other_build, this_build
from mlpviz.engine import MlpvizError


def test_builds_alternate_and_each_round_reverses_the_order():
    a, b = Build(this_build().root, "old"), Build(this_build().root, "new")
    order = []
    results = alternate((a, b), 4, lambda build: order.append(build.name) or len(order))
    assert order == ["old", "new", "new", "old", "old", "new", "new", "old"]
    assert results == {"old": [1, 4, 5, 8], "new": [2, 3, 6, 7]}


def test_rounds_join_into_medians_with_their_ranges():
    rounds = [[{"case": "x", "mode": "worker", "ratio": r, "diverged": d, "name": "same"}]
              for r, d in ((0.5, False), (0.9, True), (0.7, False))]
    (row,) = median_rows(rounds)
    assert row["ratio"] == 0.7 and row["ratio_min"] == 0.5 and row["ratio_max"] == 0.9
    assert row["diverged"] is True and row["name"] == "same" and row["rounds"] == 3


def test_a_folder_without_mlpviz_is_refused(tmp_path):
    with pytest.raises(MlpvizError, match="no mlpviz checkout there"):
        other_build(str(tmp_path))
    assert (this_build().root / "mlpviz" / "__init__.py").is_file()
