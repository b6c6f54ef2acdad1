"""Property tests (issue 7): random and mutated files either load or raise MlpvizError."""

from __future__ import annotations

import codecs

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mlpviz.engine import Architecture, MlpvizError, init_params

from mlpviz.io import Snapshot, load_csv, load_snapshot, read_csv_table
from mlpviz.io.limits import MAX_ABS_VALUE
from mlpviz.io.snapshot import json_text, npz_bytes

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SNAP = Snapshot(Architecture((2, 3, 2), "tanh", "softmax", "ce"), init_params(Architecture((2, 3, 2), "tanh", "softmax", "ce")),
                created="2024-01-01T00:00:00+00:00")
NPZ = npz_bytes(SNAP)
JSON = json_text(SNAP).encode()


def loads_or_refuses(load, path, data: bytes):
    path.write_bytes(data)
    try:
        load(path)
    except MlpvizError:
        pass


@st.composite
def mutated(draw, original: bytes):
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        i = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[i] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[i : i + draw(st.integers(1, 16))]
        else:
            data = data[:i]
    return bytes(data)


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_bytes(tmp_path, data):
    for name, load in (("r.csv", load_csv), ("r.npz", load_snapshot), ("r.json", load_snapshot)):
        loads_or_refuses(load, tmp_path / name, data)


@FUZZ
@given(text=st.text(alphabet="xy12,.-e\n\r\" \tnaif_0", max_size=120), n_out=st.sampled_from([None, 1, 2, 3]))
def test_random_csv_text(tmp_path, text, n_out):
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        x, y = load_csv(path, None, n_out)
    except MlpvizError:
        return
    assert x.dtype == y.dtype == np.float64 and np.isfinite(x).all() and np.isfinite(y).all()
    assert x.shape[0] == y.shape[0] > 0 and (n_out is None or y.shape[1] == n_out)


@FUZZ
@given(data=mutated(NPZ))
def test_mutated_npz(tmp_path, data):
    loads_or_refuses(load_snapshot, tmp_path / "m.npz", data)


@FUZZ
@given(data=mutated(JSON))
def test_mutated_json(tmp_path, data):
    loads_or_refuses(load_snapshot, tmp_path / "m.json", data)


@FUZZ
@given(data=mutated(b"x1,x2,y\n0.5,1,0\n1e-3,-2,1\n"), n_out=st.sampled_from([None, 1, 2]))
def test_mutated_csv(tmp_path, data, n_out):
    path = tmp_path / "m.csv"
    path.write_bytes(data)
    try:
        load_csv(path, 2, n_out)
    except MlpvizError:
        pass


@FUZZ
@given(text=st.text(alphabet="xy12,;.\t-e\n\r\" naif_0ab", max_size=120),
       delimiter=st.sampled_from([None, ",", ";", "\t"]), decimal=st.sampled_from([None, ".", ","]))
def test_random_spreadsheet_text_reads_or_is_refused(tmp_path, text, delimiter, decimal):
    """Whatever the separators and decimal marks, a table that loads holds only usable numbers and real classes."""
    path = tmp_path / "s.csv"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        table = read_csv_table(path, delimiter=delimiter, decimal=decimal)
    except MlpvizError:
        return
    assert table.x.shape[0] == table.y.shape[0] == table.lines.shape[0] > 0
    assert (np.abs(table.x) <= MAX_ABS_VALUE).all() and (np.abs(table.y) <= MAX_ABS_VALUE).all()
    if table.labels is not None:
        assert 2 <= table.n_classes and set(table.labels.tolist()) <= set(range(table.n_classes))
        np.testing.assert_array_equal(table.y[:, 0], table.labels)


@FUZZ
@given(values=arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 4)),
                     elements=st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False)),
       style=st.sampled_from([(",", "."), (";", "."), (";", ","), ("\t", ","), ("\t", ".")]),
       bom=st.sampled_from([b"", codecs.BOM_UTF8]))
def test_numbers_written_as_spreadsheets_write_them_read_back_exactly(tmp_path, values, style, bom):
    """Any separator and decimal mark, detected from the file alone, gives back the very numbers written."""
    delimiter, decimal = style
    names = [f"x{i + 1}" for i in range(values.shape[1] - 1)] + ["y1"]
    rows = [delimiter.join(names)] + [delimiter.join(repr(v).replace(".", decimal) for v in row) for row in values.tolist()]
    path = tmp_path / "w.csv"
    path.write_bytes(bom + "\r\n".join(rows).encode("utf-8"))
    table = read_csv_table(path)
    assert table.format.delimiter == delimiter
    assert table.x.tobytes() == values[:, :-1].tobytes() and table.y[:, 0].tobytes() == values[:, -1].tobytes()
