"""The one checked zip reader: what it unpacks, what it leaves packed, what it refuses."""

import io
import zipfile

import numpy as np
import pytest

from mlpviz.engine import SnapshotError
from mlpviz.io.zip_members import read_npz_arrays, read_zip_members


def _zip(entries: list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def test_only_the_named_members_are_unpacked_unless_others_are_refused(tmp_path):
    data = _zip([("a", b"1"), ("b", b"22"), ("c", b"333")])
    assert read_zip_members(tmp_path / "z", data, {"a": 10, "c": 10}, "zip file") == {"a": b"1", "c": b"333"}
    with pytest.raises(SnapshotError, match="unknown entry 'b' in the zip file"):
        read_zip_members(tmp_path / "z", data, {"a": 10, "c": 10}.get, "zip file", refuse_others=True)


@pytest.mark.parametrize("limits, options, message", [
    ({"a": 10, "b": 1}, {}, "b would unpack to"),
    ({"a": 10, "b": 10}, {"max_total": 2}, "zip bomb"),
    ({"a": 10, "b": 10}, {"max_members": 1}, "over the limit of 1 entries"),
])
def test_sizes_and_counts_over_their_limits_are_refused(tmp_path, limits, options, message):
    with pytest.raises(SnapshotError, match=message):
        read_zip_members(tmp_path / "z", _zip([("a", b"1"), ("b", b"22")]), limits, "zip file", **options)


def test_a_damaged_archive_and_a_twice_named_entry_are_refused(tmp_path):
    good = _zip([("a", bytes(range(256)) * 4)], zipfile.ZIP_STORED)
    crc_wrong = good.replace(bytes(range(40, 60)), bytes(20), 1)  # the stored member's bytes, not its directory
    for damaged in (good[:-5], crc_wrong):
        with pytest.raises(SnapshotError, match="damaged zip file"):
            read_zip_members(tmp_path / "z", damaged, {"a": 2000}, "zip file")
    with pytest.warns(UserWarning, match="Duplicate name"):
        twice = _zip([("a", b"1"), ("a", b"2")])
    with pytest.raises(SnapshotError, match="appears twice"):
        read_zip_members(tmp_path / "z", twice, {"a": 10}, "zip file")


def test_npz_arrays_are_read_by_key_without_pickles(tmp_path):
    buf = io.BytesIO()
    np.savez(buf, x=np.arange(3.0), names=np.array(["a", "b"]))
    arrays = read_npz_arrays(tmp_path / "d.npz", buf.getvalue(), ("x", "names", "absent"), 10_000, "data file")
    assert arrays["x"].tolist() == [0.0, 1.0, 2.0] and arrays["names"].tolist() == ["a", "b"] and "absent" not in arrays
    buf = io.BytesIO()
    np.savez(buf, x=np.array([{"a": 1}], dtype=object))
    with pytest.raises(SnapshotError, match="damaged data file"):
        read_npz_arrays(tmp_path / "d.npz", buf.getvalue(), ("x",), 10_000, "data file")
