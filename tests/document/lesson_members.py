"""A lesson file's members changed in place, for the tests of what a damaged or older lesson does."""

from __future__ import annotations

import io
import zipfile


def rewrite(path, change) -> None:
    """The lesson at ``path`` with its members changed by ``change(dict name -> bytes)``."""
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    change(members)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, raw in members.items():
            zf.writestr(name, raw)
    path.write_bytes(buf.getvalue())
