"""The command that installs an optional part of mlpviz (an extra: ``keras``, ``onnx``) the way this mlpviz came.

From a checkout (as the README installs it) ``pip install 'mlpviz[onnx]'`` asks a package index for
some package named mlpviz, not this one: the checkout's own folder is named instead (``-e`` kept for an
editable install). Installed from a wheel or an index, the extra's own packages are named (from the
installed metadata, so pyproject.toml says them once); with no metadata at all, ``mlpviz[onnx]``.
"""

from __future__ import annotations

import json
import re
import shlex
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

EXTRA_OF = {"h5py": "keras", "onnx": "onnx", "onnxruntime": "onnx"}  # module -> the extra that installs it
PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the mlpviz package running now
_NAME = re.compile(r"""^\s*name\s*=\s*["']mlpviz["']""", re.MULTILINE)


def install_command(extra: str, package_dir: Path = PACKAGE_DIR, dist=None) -> str:
    """``pip install …`` for ``extra`` as this mlpviz was installed (``package_dir``: its package folder; ``dist``:
    its installed metadata, looked up when None; tests give both)."""
    if dist is None:
        try:
            dist = metadata.distribution("mlpviz")
        except metadata.PackageNotFoundError:
            dist = False
    origin = _origin(dist) if dist else {}
    installed_from = _local_folder(origin)  # `pip install .` or `pip install -e .`: the checkout it was run in
    folder = checkout_of(package_dir)  # running from a checkout (installed editable, or by PYTHONPATH)
    if folder is None and installed_from is not None and checkout_of(installed_from / "mlpviz") is not None:
        folder = installed_from  # a copy installed from a checkout that is still there
    if folder is not None:
        editable = origin.get("dir_info", {}).get("editable", False) and _same(installed_from, folder)
        return f"pip install {'-e ' if editable else ''}{shlex.quote(f'{folder}[{extra}]')}"
    packages = _requirements(dist, extra) if dist else []
    if packages:
        return "pip install " + " ".join(shlex.quote(p) for p in packages)
    return f"pip install {shlex.quote(f'mlpviz[{extra}]')}"


def checkout_of(package_dir: Path) -> Path | None:
    """The folder of the checkout ``package_dir`` (an ``mlpviz`` package folder) is in, or None if it is in none."""
    pyproject = package_dir.parent / "pyproject.toml"
    try:
        return package_dir.parent if _NAME.search(pyproject.read_text(encoding="utf-8")) else None
    except (OSError, UnicodeDecodeError):
        return None


def _origin(dist) -> dict:
    """The installed mlpviz's ``direct_url.json`` (where pip took it from: a folder, a wheel file), {} if none."""
    try:
        return json.loads(dist.read_text("direct_url.json") or "{}")
    except (OSError, ValueError):
        return {}


def _local_folder(origin: dict) -> Path | None:
    url = urlparse(origin.get("url", ""))
    return Path(unquote(url.path)) if url.scheme == "file" and "dir_info" in origin else None


def _same(a: Path | None, b: Path) -> bool:
    try:
        return a is not None and a.resolve() == b.resolve()
    except OSError:
        return False


def _requirements(dist, extra: str) -> list[str]:
    """The packages ``extra`` adds, as the installed metadata lists them (``onnx>=1.15``)."""
    marker = re.compile(r"""extra\s*==\s*["']""" + re.escape(extra) + r"""["']""")
    found = []
    for line in dist.requires or []:
        requirement, _, condition = line.partition(";")
        if marker.search(condition):
            found.append(requirement.strip().replace(" ", ""))
    return found
