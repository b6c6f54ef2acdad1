"""Named members of a zip archive (a ``.keras`` file), read only after the directory passed the bomb checks."""

from __future__ import annotations

import io
import zipfile

from mlpviz.engine.errors import MlpvizError, SnapshotError

from .limits import MAX_NPZ_MEMBERS, MAX_NPZ_TOTAL_BYTES, check_zip_directory


def read_zip_members(path, data: bytes, limits: dict[str, int], what: str) -> dict[str, bytes]:
    """``{name: bytes}`` for the members named in ``limits`` (others are not unpacked).

    Refuses a damaged archive, more than ``MAX_NPZ_MEMBERS`` entries, a member whose
    declared size is over its limit, all wanted members together over
    ``MAX_NPZ_TOTAL_BYTES``, encryption, and a member whose real size is not the declared one.
    """
    check_zip_directory(data, path, SnapshotError, MAX_NPZ_MEMBERS, what)  # before zipfile builds the directory
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
        if len(infos) > MAX_NPZ_MEMBERS:
            raise SnapshotError(f"{path}: the {what} holds {len(infos)} entries, too many")
        wanted = [i for i in infos if i.filename in limits]
        if len({i.filename for i in wanted}) != len(wanted):
            raise SnapshotError(f"{path}: an entry appears twice in the {what}")
        total = sum(i.file_size for i in wanted)
        if total > MAX_NPZ_TOTAL_BYTES:
            raise SnapshotError(f"{path}: the {what} would unpack to {total / 1e6:,.0f} MB, over the limit of "
                                f"{MAX_NPZ_TOTAL_BYTES / 1e6:,.0f} MB (a zip bomb?)")
        members = {}
        for info in wanted:
            if info.file_size > limits[info.filename]:
                raise SnapshotError(f"{path}: {info.filename} would unpack to {info.file_size / 1e6:,.1f} MB, over the limit")
            if info.flag_bits & 0x1:
                raise SnapshotError(f"{path}: {info.filename} is encrypted")
            with zf.open(info) as f:
                raw = f.read(info.file_size + 1)
            if len(raw) != info.file_size:
                raise SnapshotError(f"{path}: {info.filename} is larger or smaller than the zip directory says")
            members[info.filename] = raw
        return members
    except MlpvizError:
        raise
    except Exception as exc:  # zipfile/zlib raise many types on damaged archives
        raise SnapshotError(f"{path}: damaged {what} ({type(exc).__name__}: {str(exc)[:120]})") from None
