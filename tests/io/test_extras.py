"""The install line for an extra says what works for how mlpviz was installed: from a checkout (as the README
installs it) the checkout's folder, not ``mlpviz[onnx]`` from a package index."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

from mlpviz.io.extras import PACKAGE_DIR, checkout_of, install_command

REQUIRES = ['numpy>=1.24', 'h5py>=3.8; extra == "keras"', 'onnx>=1.15; extra == "onnx"',
            'onnxruntime>=1.17; extra == "onnx"', 'pytest>=7.4; extra == "test"']


class Dist:
    """Installed metadata as importlib.metadata gives it: the requirements and where pip took mlpviz from."""

    def __init__(self, origin: dict | None = None) -> None:
        self.requires, self.origin = REQUIRES, origin

    def read_text(self, name: str) -> str | None:
        return json.dumps(self.origin) if name == "direct_url.json" and self.origin is not None else None


def checkout(folder: Path) -> Path:
    """A checkout of mlpviz in ``folder``: its package folder."""
    (folder / "mlpviz").mkdir(parents=True)
    (folder / "pyproject.toml").write_text('[project]\nname = "mlpviz"\n')
    return folder / "mlpviz"


def from_folder(folder: Path, editable: bool) -> dict:
    return {"url": folder.as_uri(), "dir_info": {"editable": True} if editable else {}}


def test_running_from_a_checkout_names_the_checkout(tmp_path):
    package = checkout(tmp_path / "my mlpviz")  # a space: the command still gives pip one argument
    assert install_command("onnx", package, dist=False) == f"pip install '{tmp_path}/my mlpviz[onnx]'"
    assert shlex.split(install_command("onnx", package, dist=False)) == ["pip", "install", f"{package.parent}[onnx]"]
    editable = Dist(from_folder(package.parent, editable=True))
    assert install_command("keras", package, editable) == f"pip install -e '{package.parent}[keras]'"
    other = Dist(from_folder(tmp_path, editable=True))  # installed editable from another checkout
    assert install_command("onnx", package, other) == f"pip install '{package.parent}[onnx]'"


def test_a_copy_installed_from_a_checkout_names_the_checkout_while_it_is_there(tmp_path):
    site = tmp_path / "site-packages" / "mlpviz"
    site.mkdir(parents=True)
    folder = checkout(tmp_path / "src").parent
    assert install_command("onnx", site, Dist(from_folder(folder, editable=False))) == f"pip install '{folder}[onnx]'"
    gone = Dist(from_folder(tmp_path / "deleted", editable=False))
    assert install_command("onnx", site, gone) == "pip install 'onnx>=1.15' 'onnxruntime>=1.17'"


def test_from_a_wheel_or_an_index_the_extras_own_packages_are_named(tmp_path):
    site = tmp_path / "site-packages" / "mlpviz"
    site.mkdir(parents=True)
    assert install_command("keras", site, Dist()) == "pip install 'h5py>=3.8'"
    wheel = Dist({"url": (tmp_path / "mlpviz-0.1.0-py3-none-any.whl").as_uri(), "archive_info": {}})
    assert install_command("onnx", site, wheel) == "pip install 'onnx>=1.15' 'onnxruntime>=1.17'"
    assert install_command("onnx", site, dist=False) == "pip install 'mlpviz[onnx]'"  # nothing tells: the name


def test_this_checkout_is_named_when_the_tests_run_from_it():
    folder = checkout_of(PACKAGE_DIR)
    assert folder is not None and (folder / "README.md").is_file()
    assert shlex.split(install_command("onnx"))[-1] == f"{folder}[onnx]"
    assert checkout_of(Path("/no/such/folder/mlpviz")) is None
