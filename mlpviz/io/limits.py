"""Size limits for the files mlpviz reads, checked before anything is read whole."""

from __future__ import annotations

import os

from mlpviz.engine.architecture import MAX_LAYERS
from mlpviz.engine.data_values import MAX_ABS_VALUE  # noqa: F401 (the CSV reader's limit: one rule for all data)
from mlpviz.engine.errors import MlpvizError

MAX_CSV_BYTES = 50 * 1024 * 1024
MAX_SNAPSHOT_BYTES = 200 * 1024 * 1024  # a 5-million-parameter net in float64 is 40 MB; JSON ~3x that
MAX_NPZ_MEMBER_BYTES = 64 * 1024 * 1024  # uncompressed, per array (5 M float64 = 40 MB)
MAX_NPZ_TOTAL_BYTES = 128 * 1024 * 1024  # uncompressed, all arrays together
MAX_NPZ_MEMBERS = 4 * MAX_LAYERS + 1  # W, b and the velocity v, vb per layer, and meta
MAX_STEP = 2**31 - 1  # the timeline's slider holds a 32-bit step number

# CSV tables, checked as the file is read so an oversized file is refused before it is parsed whole.
MAX_CSV_COLUMNS = 2 * 4096  # a network has at most 4,096 inputs and 4,096 outputs
MAX_CSV_ROWS = 1_000_000  # as many samples as a data set may have
MAX_CSV_VALUES = 10_000_000  # rows x columns: 80 MB as float64
MAX_CSV_CLASSES = 100  # different names (or class numbers) in a class column

# Foreign network files, checked before their structure is walked or parsed.
MAX_CONFIG_BYTES = 4 * 1024 * 1024  # a Keras config.json, or a legacy .h5's model_config / training_config
MAX_H5_OBJECTS = 10_000  # groups and arrays looked at in a Keras file (a Dense network has ~4 a layer)
MAX_ONNX_NODES = 10_000  # nodes of an ONNX graph, subgraphs and functions included (an MLP has ~3 a layer)
MAX_ONNX_ELEMENTS = 200_000  # every entry protobuf would make an object of (nodes, their inputs, attributes…)


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


_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
MAX_CENTRAL_ENTRY_BYTES = 512  # an .npy member's directory entry is ~100 bytes; names are short


def check_zip_directory(data: bytes, path, error: type[MlpvizError], max_entries: int, what: str = "zip file") -> int:
    """The entry count of the zip in ``data``, read from its end-of-central-directory record.

    Checked before ``zipfile`` parses the directory (which would build one object per entry,
    millions for a hostile file): both the declared count and the directory's size, since
    ``zipfile`` walks the directory by its size. Raises ``error`` over ``max_entries``.
    """
    tail_start = max(0, len(data) - (22 + 65535))
    at = data.rfind(_EOCD, tail_start)
    if at < 0 or len(data) - at < 22:
        raise error(f"{path}: damaged {what} (no end-of-directory record)")
    count = int.from_bytes(data[at + 10:at + 12], "little")
    directory_size = int.from_bytes(data[at + 12:at + 16], "little")
    locator = at - 20
    if locator >= 0 and data[locator:locator + 4] == _ZIP64_LOCATOR:
        offset = int.from_bytes(data[locator + 8:locator + 16], "little")
        record = data[offset:offset + 56] if offset < len(data) else b""
        if len(record) < 56 or record[:4] != _ZIP64_EOCD:
            raise error(f"{path}: damaged {what} (bad zip64 directory record)")
        count = max(count, int.from_bytes(record[32:40], "little"))
        directory_size = max(directory_size, int.from_bytes(record[40:48], "little"))
    if count > max_entries or directory_size > max_entries * MAX_CENTRAL_ENTRY_BYTES:
        shown = f"{count:,} entries" if count > max_entries else f"a {directory_size / 1e6:,.1f} MB directory"
        raise error(f"{path}: the {what} holds {shown}, over the limit of {max_entries:,} entries")
    return count
