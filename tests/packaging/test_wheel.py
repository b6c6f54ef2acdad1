"""The wheel carries the resources, and an install of it works from outside the checkout.

Builds the wheel from this checkout, installs it (no dependencies) into a fresh venv in
a temporary folder, lets that venv see this environment's numpy/PySide6/pyqtgraph via a
.pth file, and runs the installed entry points from a folder outside the checkout.
"""

from __future__ import annotations

import email
import os
import pathlib
import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile

import pytest

import mlpviz
from mlpviz.resources import ICON_SIZES

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = ".exe" if os.name == "nt" else ""

pytestmark = pytest.mark.slow

EXPECTED_RESOURCES = [
    "mlpviz/resources/icons/mlpviz.svg",
    *[f"mlpviz/resources/icons/mlpviz-{n}.png" for n in ICON_SIZES],
    "mlpviz/resources/mlpviz.desktop",
    "mlpviz/resources/datasets/xor.csv",
    "mlpviz/resources/datasets/notebook.csv",
    "mlpviz/resources/datasets/iris.csv",
    "mlpviz/resources/datasets/digits.csv",
    "mlpviz/resources/datasets/SOURCES.md",
]


def run(cmd, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kwargs)
    assert proc.returncode == 0, f"{cmd} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(REPO)])
    (path,) = out.glob("mlpviz-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> dict:
    """A fresh venv with only the wheel installed; dependencies come from this env."""
    root = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=False).create(root)
    python = root / BIN / f"python{EXE}"
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "--no-cache-dir", "--disable-pip-version-check", str(wheel)])
    site = run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (pathlib.Path(site.stdout.strip()) / "zz_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    workdir = tmp_path_factory.mktemp("elsewhere")  # not the checkout: no accidental imports
    return {"root": root, "python": python, "env": env, "cwd": workdir}


def test_wheel_carries_every_resource_and_no_tests(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for name in EXPECTED_RESOURCES:
        assert name in names
    assert "mlpviz/resources.py" in names
    for name in ("zh_CN.po", "zh_CN.mo", "GLOSSARY.md"):  # the catalogue, its source and its terms
        assert f"mlpviz/i18n/{name}" in names
    assert "mlpviz/cli/main.py" in names
    assert not [n for n in names if n.startswith("tests/")]


def test_wheel_metadata_pins_pyside6_around_the_crash(wheel):
    with zipfile.ZipFile(wheel) as zf:
        (meta,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        message = email.message_from_bytes(zf.read(meta))
        (entry_points,) = [n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt")]
        scripts = zf.read(entry_points).decode()
    from packaging.requirements import Requirement

    pyside = [Requirement(r) for r in message.get_all("Requires-Dist")]
    pyside = [r for r in pyside if r.name.lower() == "pyside6-essentials"]

    def allows_6_12_0(python: str) -> bool:
        active = [r for r in pyside if r.marker is None or r.marker.evaluate({"python_version": python})]
        assert len(active) == 1, python
        return active[0].specifier.contains("6.12.0")

    assert not allows_6_12_0("3.10") and not allows_6_12_0("3.11")
    assert allows_6_12_0("3.12") and allows_6_12_0("3.13")
    assert message["Version"] == mlpviz.__version__
    assert "mlpviz = mlpviz.cli.main:main" in scripts
    assert "mlpviz-gui = mlpviz.cli.main:gui_main" in scripts


def test_installed_command_prints_version_and_help(installed):
    mlpviz_exe = installed["root"] / BIN / f"mlpviz{EXE}"
    assert (installed["root"] / BIN / f"mlpviz-gui{EXE}").exists()
    version = run([str(mlpviz_exe), "--version"], env=installed["env"], cwd=installed["cwd"])
    assert version.stdout.strip() == f"mlpviz {mlpviz.__version__}"
    usage = run([str(mlpviz_exe), "--help"], env=installed["env"], cwd=installed["cwd"])
    assert "usage: mlpviz" in usage.stdout
    assert "install-desktop" in usage.stdout
    module = run([str(installed["python"]), "-m", "mlpviz", "--version"],
                 env=installed["env"], cwd=installed["cwd"])
    assert module.stdout == version.stdout


def test_installed_package_finds_every_resource(installed):
    check = textwrap.dedent(
        f"""
        import pathlib, sys
        import mlpviz
        from mlpviz import resources
        root = pathlib.Path(sys.prefix).resolve()
        assert pathlib.Path(mlpviz.__file__).resolve().is_relative_to(root), mlpviz.__file__
        folder = resources.files().resolve()
        assert folder.is_relative_to(root), folder
        for name in {[n.removeprefix("mlpviz/resources/") for n in EXPECTED_RESOURCES]!r}:
            data = resources.resource_path(name).read_bytes()
            assert data, name
        from importlib.resources import files
        assert files("mlpviz").joinpath("resources/icons/mlpviz.svg").read_text().lstrip().startswith("<?xml")
        from mlpviz.datasets import make_dataset
        assert make_dataset("iris").class_names == ("setosa", "versicolor", "virginica")
        print("ok", len(resources.dataset_paths()))
        """
    )
    proc = run([str(installed["python"]), "-c", check], env=installed["env"], cwd=installed["cwd"])
    assert proc.stdout.split()[0] == "ok"


def test_installed_command_speaks_chinese_under_a_chinese_locale(installed):
    mlpviz_exe = installed["root"] / BIN / f"mlpviz{EXE}"
    env = {**installed["env"], "LANG": "zh_CN.UTF-8"}
    env.pop("LC_ALL", None), env.pop("LANGUAGE", None), env.pop("LC_MESSAGES", None)
    proc = subprocess.run([str(mlpviz_exe), "train", "--sizes", "2,3,1", "--momentum", "1.5", "--export", "n.npz"],
                          env=env, cwd=installed["cwd"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and "动量 μ 必须在 0 到 0.9999 之间" in proc.stderr
