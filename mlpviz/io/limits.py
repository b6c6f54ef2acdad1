"""Size limits for the files mlpviz reads, checked before anything is read whole."""

from __future__ import annotations

import os

from mlpviz.engine.errors import MlpvizError

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_SNAPSHOT_BYTES = 200 * 1024 * 1024  # a 5-million-parameter net in float64 is 40 MB; JSON ~3x that
MAX_NPZ_MEMBER_BYTES = 64 * 1024 * 1024  # uncompressed, per array (5 M float64 = 40 MB)
MAX_NPZ_TOTAL_BYTES = 128 * 1024 * 1024  # uncompressed, all arrays together
MAX_NPZ_MEMBERS = 2 * 4096 + 1

# CSV tables, checked as the file is read so an oversized file is refused before it is parsed whole.
MAX_CSV_COLUMNS = 2 * 4096  # a network has at most 4,096 inputs and 4,096 outputs
MAX_CSV_ROWS = 1_000_000  # as many samples as a data set may have
MAX_CSV_VALUES = 10_000_000  # rows x columns: 80 MB as float64
MAX_CSV_CLASSES = 100  # different names (or class numbers) in a class column
MAX_ABS_VALUE = 1e150  # the product of two such values, and a sum of 4,096 of them, stays finite


def file_size(path, error: type[MlpvizError], limit: int, what: str) -> int:
    """Size of ``path`` in bytes; raise ``error`` if it is missing, not a file, empty or over ``limit``."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except OSError as exc:
        raise error(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    if not os.path.isfile(path):
        raise error(f"{path}: not a regular file")
    if st.st_size == 0:
        raise error(f"{path}: the {what} is empty")
    if st.st_size > limit:
        raise error(
            f"{path}: the {what} is {st.st_size / 1e6:,.1f} MB, over the limit of {limit / 1e6:,.0f} MB"
        )
    return st.st_size


def read_bytes(path, error: type[MlpvizError], limit: int, what: str) -> bytes:
    """The whole file, after checking its size; read errors become ``error``."""
    file_size(path, error, limit, what)
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise error(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    if len(data) > limit:  # grew since the check
        raise error(f"{path}: the {what} is over the limit of {limit / 1e6:,.0f} MB")
    if not data:
        raise error(f"{path}: the {what} is empty")
    return data
