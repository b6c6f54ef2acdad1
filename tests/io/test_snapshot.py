"""Snapshot files: bit-identical round trips and every refusal of the loaders."""

from __future__ import annotations

import io
import json
import warnings
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlpviz.engine import Architecture, Params, SnapshotError, init_params

from mlpviz.io import Snapshot, load_snapshot, save_snapshot
from mlpviz.io import snapshot_read as snapshot_module
from mlpviz.io.snapshot import json_text, npz_bytes


def make_snap(sizes=(2, 3, 1), **kw) -> Snapshot:
    arch = Architecture(sizes, kw.pop("hidden", "relu"), kw.pop("output", "sigmoid"), kw.pop("loss", "bce"))
    return Snapshot(arch, init_params(arch, "normal", 0), step=7, learning_rate=0.05, seed=3,
                    created="2024-01-02T03:04:05+00:00", **kw)


@pytest.mark.parametrize("suffix", [".npz", ".json"])
def test_round_trip_is_bit_identical(tmp_path, suffix):
    snap = make_snap((3, 5, 4, 2), hidden="tanh", output="softmax", loss="ce", extra={"init": "he", "momentum": 0.9})
    save_snapshot(tmp_path / f"s{suffix}", snap)
    back = load_snapshot(tmp_path / f"s{suffix}")
    assert back.meta() == snap.meta()
    assert back.params.flat.tobytes() == snap.params.flat.tobytes()
    assert back.arch == snap.arch and back.extra == {"init": "he", "momentum": 0.9}


_floats = st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True, width=64)


@settings(max_examples=150, deadline=None)
@given(values=st.lists(_floats, min_size=13, max_size=13), lr=_floats, step=st.integers(0, 2**31 - 1))
def test_any_finite_floats_round_trip_bit_identical(tmp_path_factory, values, lr, step):
    arch = Architecture((2, 3, 1))
    snap = Snapshot(arch, Params.from_flat(np.array(values), arch.sizes), step=step, learning_rate=lr, seed=None)
    folder = tmp_path_factory.mktemp("rt")
    for suffix in (".npz", ".json"):
        save_snapshot(folder / f"s{suffix}", snap)
        back = load_snapshot(folder / f"s{suffix}")
        assert back.params.flat.tobytes() == snap.params.flat.tobytes()
        assert np.float64(back.learning_rate).tobytes() == np.float64(lr).tobytes() and back.step == step


def test_special_values_survive_json(tmp_path):
    arch = Architecture((1, 4))
    special = np.array([-0.0, 5e-324, 1.7976931348623157e308, -2.2250738585072014e-308, 0.1, 1 / 3, -1e-310, 2.0**-1074])
    snap = Snapshot(arch, Params.from_flat(special, arch.sizes))
    save_snapshot(tmp_path / "s.json", snap)
    assert load_snapshot(tmp_path / "s.json").params.flat.tobytes() == special.tobytes()


def test_csv_export_is_written_but_not_loaded(tmp_path):
    save_snapshot(tmp_path / "s.csv", make_snap())
    text = (tmp_path / "s.csv").read_text()
    assert "W0" in text and "b1" in text and repr(float(make_snap().params.weights[0][0, 0])) in text
    with pytest.raises(SnapshotError, match="cannot be loaded back"):
        load_snapshot(tmp_path / "s.csv")


def test_saving_refuses_non_finite_and_unknown_suffix(tmp_path):
    snap = make_snap()
    bad = Snapshot(snap.arch, snap.params.with_weight(0, 0, 0, float("nan")))
    with pytest.raises(SnapshotError, match="NaN"):
        save_snapshot(tmp_path / "s.npz", bad)
    assert not (tmp_path / "s.npz").exists()
    with pytest.raises(SnapshotError, match="unknown snapshot type"):
        save_snapshot(tmp_path / "s.txt", snap)
    with pytest.raises(SnapshotError, match="reserved"):
        Snapshot(snap.arch, snap.params, extra={"sizes": 1})
    with pytest.raises(SnapshotError, match="finite"):
        Snapshot(snap.arch, snap.params, extra={"x": [1]})


# --- npz refusals -------------------------------------------------------------------


def npz(arrays: dict, meta: dict | str | None = None, base=None) -> bytes:
    base = base or make_snap()
    out = {}
    if meta is not None:
        out["meta"] = np.array(meta if isinstance(meta, str) else json.dumps(meta))
    out.update(arrays)
    buf = io.BytesIO()
    np.savez(buf, **out)
    return buf.getvalue()


def good_arrays(snap=None):
    snap = snap or make_snap()
    arrays = {f"W{l}": np.array(w) for l, w in enumerate(snap.params.weights)}
    arrays.update({f"b{l}": np.array(b) for l, b in enumerate(snap.params.biases)})
    return arrays


META = make_snap().meta()


def with_meta(**changes):
    meta = dict(META)
    for k, v in changes.items():
        if v is ...:
            meta.pop(k)
        else:
            meta[k] = v
    return meta


NPZ_CASES = {
    "no meta": (lambda: npz(good_arrays()), "no 'meta'"),
    "meta not json": (lambda: npz(good_arrays(), "{nope"), "valid JSON"),
    "meta not object": (lambda: npz(good_arrays(), "[1]"), "one JSON object"),
    "meta float array": (lambda: npz({**good_arrays(), "meta": np.array(1.0)}), "string array"),
    "wrong format": (lambda: npz(good_arrays(), with_meta(format="other")), "not an mlpviz snapshot"),
    "newer version": (lambda: npz(good_arrays(), with_meta(version=2)), "made by a newer mlpviz"),
    "bad version": (lambda: npz(good_arrays(), with_meta(version="1")), "version"),
    "bad sizes": (lambda: npz(good_arrays(), with_meta(sizes=[2, "3", 1])), "'sizes'"),
    "zero sizes": (lambda: npz(good_arrays(), with_meta(sizes=[2, 0, 1])), "at least one unit"),
    "unknown activation": (lambda: npz(good_arrays(), with_meta(hidden_activation="swish")), "swish"),
    "activation not a name": (lambda: npz(good_arrays(), with_meta(loss=3)), "'loss'"),
    "bad combination": (lambda: npz(good_arrays(), with_meta(loss="ce")), "softmax"),
    "bad step": (lambda: npz(good_arrays(), with_meta(step=-1)), "'step'"),
    "bool step": (lambda: npz(good_arrays(), with_meta(step=True)), "'step'"),
    "bad lr": (lambda: npz(good_arrays(), with_meta(learning_rate="fast")), "'learning_rate'"),
    "nan lr": (lambda: npz(good_arrays(), json.dumps(with_meta()).replace('"learning_rate": 0.05', '"learning_rate": NaN')), "'learning_rate'"),
    "bad seed": (lambda: npz(good_arrays(), with_meta(seed=1.5)), "'seed'"),
    "no created": (lambda: npz(good_arrays(), with_meta(created=...)), "'created'"),
    "missing array": (lambda: npz({k: v for k, v in good_arrays().items() if k != "b1"}, META), "missing b1"),
    "extra array": (lambda: npz({**good_arrays(), "W2": np.zeros((1, 1))}, META), "unknown array"),
    "stranger": (lambda: npz({**good_arrays(), "notes": np.zeros(1)}, META), "unknown entry 'notes.npy'"),
    "wrong shape": (lambda: npz({**good_arrays(), "W0": np.zeros((3, 2))}, META), "shape \\(3, 2\\)"),
    "float32": (lambda: npz({**good_arrays(), "b0": np.zeros(3, np.float32)}, META), "float64"),
    "int array": (lambda: npz({**good_arrays(), "b0": np.zeros(3, int)}, META), "float64"),
    "object array": (lambda: npz({**good_arrays(), "b0": np.array([1.0, "x", None], dtype=object)}, META), "object array"),
    "nan weight": (lambda: npz({**good_arrays(), "W1": np.full((3, 1), np.nan)}, META), "NaN or infinite"),
    "inf bias": (lambda: npz({**good_arrays(), "b1": np.array([np.inf])}, META), "NaN or infinite"),
    "garbage": (lambda: b"hello, not a zip", "no zip signature"),
    "400-digit lr": (lambda: npz(good_arrays(), json.dumps(with_meta()).replace('"learning_rate": 0.05', '"learning_rate": ' + "9" * 400)), "'learning_rate'"),
    "step over 32 bits": (lambda: npz(good_arrays(), with_meta(step=2**31)), "'step'"),
    "1000 layers": (lambda: npz(good_arrays(), with_meta(sizes=[1] * 1001)), "over the limit of 32"),
    "truncated zip": (lambda: npz(good_arrays(), META)[:200], "damaged (npz|zip)"),
}


@pytest.mark.parametrize("case", list(NPZ_CASES))
def test_npz_refusals(tmp_path, case):
    make, message = NPZ_CASES[case]
    path = tmp_path / "bad.npz"
    path.write_bytes(make())
    with pytest.raises(SnapshotError, match=message) as info:
        load_snapshot(path)
    assert str(path) in str(info.value)


def zip_with(members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(buf, "w", compression) as zf:
            for name, data in members.items() if isinstance(members, dict) else members:
                zf.writestr(name, data)
    return buf.getvalue()


def npy(array) -> bytes:
    buf = io.BytesIO()
    np.save(buf, array, allow_pickle=True)
    return buf.getvalue()


def test_npz_zip_level_refusals(tmp_path):
    good = dict(zipfile.ZipFile(io.BytesIO(npz_bytes(make_snap()))).open(n).read() and
                (n, zipfile.ZipFile(io.BytesIO(npz_bytes(make_snap()))).read(n))
                for n in zipfile.ZipFile(io.BytesIO(npz_bytes(make_snap()))).namelist())
    cases = [
        (list(good.items()) + [("W0.npy", good["W0.npy"])], "appears twice"),
        ({**good, "W0.npy": good["W0.npy"][:-8]}, "truncated or has extra bytes"),
        ({**good, "W0.npy": good["W0.npy"] + b"\0" * 8}, "truncated or has extra bytes"),
        ({**good, "W0.npy": b"\x93NUMPY\x03\x00" + good["W0.npy"][8:]}, "version"),
        ({**good, "W0.npy": b"not npy at all"}, "not a valid .npy"),
        ({**good, "meta.npy": npy(np.array("")).replace(b"'<U1'", b"'<U0'")}, "non-empty string array"),
        ({**good, "W0.npy": npy(np.zeros((2, 3))).replace(b"'descr': '<f8'", b"'descr': 'XX'")}, "not a valid .npy"),
    ]
    for members, message in cases:
        path = tmp_path / "bad.npz"
        path.write_bytes(zip_with(members))
        with pytest.raises(SnapshotError, match=message):
            load_snapshot(path)
    fortran = {**good, "W0.npy": npy(np.asfortranarray(make_snap().params.weights[0]))}
    (tmp_path / "f.npz").write_bytes(zip_with(fortran))
    assert load_snapshot(tmp_path / "f.npz").params.equals(make_snap().params)


def test_zip_bomb_is_refused_from_the_directory(tmp_path):
    path = tmp_path / "bomb.npz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("meta.npy", npy(np.array(json.dumps(META))))
        with zf.open("W0.npy", "w", force_zip64=True) as f:
            chunk = bytes(1 << 20)
            for _ in range(snapshot_module.MAX_NPZ_MEMBER_BYTES // len(chunk) + 1):
                f.write(chunk)
    assert path.stat().st_size < 1 << 20
    with pytest.raises(SnapshotError, match="over the limit"):
        load_snapshot(path)


def _many_entries(n: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("meta.npy", npy(np.array(json.dumps(META))))
        for i in range(n):
            zf.writestr(f"d{i}/", b"")
    return buf.getvalue()


@pytest.mark.parametrize("lie", [False, True], ids=["declared", "count-lies"])
def test_too_many_zip_entries_are_refused_before_zipfile_reads_the_directory(tmp_path, monkeypatch, lie):
    data = bytearray(_many_entries(3000))
    if lie:  # the end record claims 2 entries; zipfile would still walk the whole directory
        at = data.rfind(b"PK\x05\x06")
        data[at + 8:at + 12] = (2).to_bytes(2, "little") * 2
    (tmp_path / "many.npz").write_bytes(bytes(data))

    def no_zipfile(*_a, **_k):
        raise AssertionError("ZipFile was built before the entry count was checked")

    from mlpviz.io import limits, zip_members

    monkeypatch.setattr(zip_members.zipfile, "ZipFile", no_zipfile)
    with pytest.raises(SnapshotError, match=f"over the limit of {limits.MAX_NPZ_MEMBERS} entries"):
        load_snapshot(tmp_path / "many.npz")


def test_a_keras_archive_with_too_many_entries_is_refused_from_its_end_record(tmp_path, monkeypatch):
    from mlpviz.io import zip_members

    data = _many_entries(3000)

    def no_zipfile(*_a, **_k):
        raise AssertionError("ZipFile was built before the entry count was checked")

    monkeypatch.setattr(zip_members.zipfile, "ZipFile", no_zipfile)
    with pytest.raises(SnapshotError, match="entries"):
        zip_members.read_zip_members(tmp_path / "m.keras", data, {"config.json": 1000}, "Keras file")


def test_total_unpacked_size_is_limited(tmp_path, monkeypatch):
    monkeypatch.setattr(snapshot_module, "MAX_NPZ_TOTAL_BYTES", 500)
    (tmp_path / "s.npz").write_bytes(npz_bytes(make_snap((20, 10, 1))))
    with pytest.raises(SnapshotError, match="zip bomb"):
        load_snapshot(tmp_path / "s.npz")


def test_huge_missing_and_odd_files_are_refused(tmp_path):
    huge = tmp_path / "huge.npz"
    with open(huge, "wb") as f:
        f.truncate(snapshot_module.MAX_SNAPSHOT_BYTES + 1)
    with pytest.raises(SnapshotError, match="over the limit"):
        load_snapshot(huge)
    with pytest.raises(SnapshotError, match="no such file"):
        load_snapshot(tmp_path / "none.json")
    (tmp_path / "empty.json").write_bytes(b"")
    with pytest.raises(SnapshotError, match="empty"):
        load_snapshot(tmp_path / "empty.json")
    (tmp_path / "x.weights").write_bytes(b"\x01\x02")
    with pytest.raises(SnapshotError, match="unknown snapshot type"):
        load_snapshot(tmp_path / "x.weights")
    (tmp_path / "n.bin").write_bytes(npz_bytes(make_snap()))  # content sniffed when the suffix is unknown
    assert load_snapshot(tmp_path / "n.bin").params.equals(make_snap().params)


# --- json refusals --------------------------------------------------------------------

GOOD_JSON = json.loads(json_text(make_snap()))


def json_with(**changes):
    obj = json.loads(json.dumps(GOOD_JSON))
    for k, v in changes.items():
        obj[k] = v
    return json.dumps(obj)


JSON_CASES = {
    "not utf8": (b"\xff\xfe{", "not UTF-8"),
    "not json": ("{", "not valid JSON"),
    "array": ("[]", "one object"),
    "deep": ("[" * 100_000 + "]" * 100_000, "not valid JSON|one object"),
    "nan constant": (json_text(make_snap()).replace("0.05", "NaN"), "NaN"),
    "infinity": (json_text(make_snap()).replace("0.05", "-Infinity"), "Infinity"),
    "overflow": (json_text(make_snap()).replace(repr(GOOD_JSON["layers"][0]["W"][0][0]), "1e400"), "NaN or infinite"),
    "huge int": (json_with(layers=[{"W": [[10**400] * 3] * 2, "b": [0, 0, 0]}, GOOD_JSON["layers"][1]]), "too large|not valid JSON"),
    "no layers": (json_with(layers=None), "'layers'"),
    "layer count": (json_with(layers=GOOD_JSON["layers"][:1]), "'layers'"),
    "layer keys": (json_with(layers=[{"W": GOOD_JSON["layers"][0]["W"]}, GOOD_JSON["layers"][1]]), "exactly 'W' and 'b'"),
    "short row": (json_with(layers=[{"W": [[1, 2, 3], [1, 2]], "b": [0, 0, 0]}, GOOD_JSON["layers"][1]]), "W must be 2 rows of 3"),
    "string cell": (json_with(layers=[{"W": [[1, 2, "3"], [1, 2, 3]], "b": [0, 0, 0]}, GOOD_JSON["layers"][1]]), "numbers"),
    "bool cell": (json_with(layers=[{"W": [[1, 2, True], [1, 2, 3]], "b": [0, 0, 0]}, GOOD_JSON["layers"][1]]), "numbers"),
    "bias length": (json_with(layers=[{"W": [[1, 2, 3], [1, 2, 3]], "b": [0, 0]}, GOOD_JSON["layers"][1]]), "b must be"),
    "newer": (json_with(version=3), "made by a newer mlpviz \\(snapshot version 3\\)"),
    "format": (json_with(format="keras"), "not an mlpviz snapshot"),
}


@pytest.mark.parametrize("case", list(JSON_CASES))
def test_json_refusals(tmp_path, case):
    content, message = JSON_CASES[case]
    path = tmp_path / "bad.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(SnapshotError, match=message) as info:
        load_snapshot(path)
    assert str(path) in str(info.value)


def test_unknown_scalar_keys_are_kept_as_extra(tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json_with(comment="from another tool", table={"a": 1}))
    snap = load_snapshot(path)
    assert snap.extra == {"comment": "from another tool"}
