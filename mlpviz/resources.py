"""Find the files mlpviz ships beside its code: icons, the .desktop template, sample data.

Installed from a wheel they live in the package as ``mlpviz/resources/`` (the build
force-includes the repository's top-level ``resources/`` there); in a source checkout
they are read from ``<repo>/resources``. Either way callers get plain paths.
"""

from __future__ import annotations

import functools
import pathlib
from importlib import resources as _importlib_resources

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
"""Pixel sizes of the shipped PNG icons, ``icons/mlpviz-<N>.png``."""


@functools.lru_cache(maxsize=1)
def files() -> pathlib.Path:
    """The folder holding every resource (installed package first, then the checkout)."""
    packaged = _importlib_resources.files("mlpviz").joinpath("resources")
    if isinstance(packaged, pathlib.Path) and packaged.is_dir():
        return packaged
    checkout = pathlib.Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"mlpviz resources not found: neither {packaged} nor {checkout} is a folder; "
        "reinstall mlpviz"
    )


def resource_path(name: str) -> pathlib.Path:
    """Path of the resource ``name`` (``/``-separated, e.g. ``"icons/mlpviz.svg"``).

    The path may not exist; callers that need the file check ``.exists()``.
    """
    parts = pathlib.PurePosixPath(name).parts
    if not parts or pathlib.PurePosixPath(name).is_absolute() or ".." in parts:
        raise ValueError(f"not a resource name: {name!r}")
    return files().joinpath(*parts)


def icon_path(size: int | None = None) -> pathlib.Path:
    """The SVG application icon, or its PNG rendering at ``size`` px (one of ICON_SIZES)."""
    if size is None:
        return resource_path("icons/mlpviz.svg")
    if size not in ICON_SIZES:
        raise ValueError(f"no {size} px icon; sizes are {', '.join(map(str, ICON_SIZES))}")
    return resource_path(f"icons/mlpviz-{size}.png")


def dataset_paths() -> dict[str, pathlib.Path]:
    """The sample CSV datasets by name (file stem), sorted by name."""
    folder = resource_path("datasets")
    return {p.stem: p for p in sorted(folder.glob("*.csv"))}
