"""The one checked zip reader: members of an archive (``.npz``, ``.keras``) unpacked only after the bomb checks.

Every zip mlpviz reads (snapshots, Keras archives, the session's data and loss log) goes through
``read_zip_members``, so the limits on entries, sizes and encryption are written once.
"""

from __future__ import annotations

import io
import zipfile
from typing import Callable, Mapping

import numpy as np

from mlpviz.engine.errors import MlpvizError, SnapshotError
from mlpviz.i18n import msg

from .limits import MAX_NPZ_MEMBERS, MAX_NPZ_TOTAL_BYTES, check_zip_directory


def read_zip_members(path, data: bytes, limits: Mapping[str, int] | Callable[[str], int | None], what: str, *,
                     max_members: int | None = None, max_total: int | None = None,
                     refuse_others: bool = False) -> dict[str, bytes]:
    """``{name: bytes}`` for the members ``limits`` gives a size limit (a dict, or a function of the name
    returning None for a member not wanted); the others stay packed, or with ``refuse_others`` are refused.

    Refuses a damaged archive, more than ``max_members`` entries (``MAX_NPZ_MEMBERS``), a member
    twice, a member whose declared size is over its limit, the wanted members together over
    ``max_total`` (``MAX_NPZ_TOTAL_BYTES``), encryption, and a member whose real size is not the declared one.
    """
    limit_of = limits.get if isinstance(limits, Mapping) else limits
    max_members = MAX_NPZ_MEMBERS if max_members is None else max_members
    max_total = MAX_NPZ_TOTAL_BYTES if max_total is None else max_total
    check_zip_directory(data, path, SnapshotError, max_members, what)  # before zipfile builds the directory
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
        if len(infos) > max_members:
            raise SnapshotError(msg("{path}: the {what} holds {n_infos} entries, too many", path=path, what=what, n_infos=len(infos)))
        wanted = []
        for info in infos:
            if limit_of(info.filename) is not None:
                wanted.append(info)
            elif refuse_others:
                raise SnapshotError(msg("{path}: unknown entry {filename} in the {what}", path=path, filename=repr(info.filename[:60]), what=what))
        if len({i.filename for i in wanted}) != len(wanted):
            raise SnapshotError(msg("{path}: an entry appears twice in the {what}", path=path, what=what))
        total = sum(i.file_size for i in wanted)
        if total > max_total:
            raise SnapshotError(msg("{path}: the {what} would unpack to {value:,.0f} MB, over the limit of {value2:,.0f} MB (a zip bomb?)", path=path, what=what, value=total / 1000000.0, value2=max_total / 1000000.0))
        members = {}
        for info in wanted:
            if info.file_size > limit_of(info.filename):
                raise SnapshotError(msg("{path}: {filename} would unpack to {value:,.1f} MB, over the limit", path=path, filename=info.filename, value=info.file_size / 1000000.0))
            if info.flag_bits & 0x1:
                raise SnapshotError(msg("{path}: {filename} is encrypted", path=path, filename=info.filename))
            with zf.open(info) as f:
                raw = f.read(info.file_size + 1)
            if len(raw) != info.file_size:
                raise SnapshotError(msg("{path}: {filename} is larger or smaller than the zip directory says", path=path, filename=info.filename))
            members[info.filename] = raw
        return members
    except MlpvizError:
        raise
    except Exception as exc:  # zipfile/zlib raise many types on damaged archives
        raise SnapshotError(msg("{path}: damaged {what} ({name}: {value})", path=path, what=what, name=type(exc).__name__, value=str(exc)[:120])) from None


def read_npz_arrays(path, data: bytes, keys: tuple[str, ...], limit: int, what: str) -> dict[str, np.ndarray]:
    """The arrays ``keys`` (those present) of the ``.npz`` in ``data``, through ``read_zip_members``:
    at most one entry per key, ``limit`` bytes unpacked in all; never a pickled object."""
    wanted = {f"{k}.npy" for k in keys}
    members = read_zip_members(path, data, lambda name: limit if name in wanted else None, what,
                               max_members=len(keys), max_total=limit)
    try:
        return {name[:-4]: np.lib.format.read_array(io.BytesIO(raw), allow_pickle=False)
                for name, raw in members.items()}
    except Exception as exc:  # numpy raises many types on damaged arrays
        raise SnapshotError(msg("{path}: damaged {what} ({name}: {value})", path=path, what=what, name=type(exc).__name__, value=str(exc)[:100])) from None
