"""``mlpviz`` on a Linux without the libraries of Qt's X11 plugin names the missing one instead of aborting."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from mlpviz.ui.platform_check import debian_package, missing_library_message, platform_problem

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's X11 plugin is Linux's")


def _run_mlpviz(tmp_path, plugin_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND"))}
    env.update(DISPLAY=":98", QT_QPA_PLATFORM_PLUGIN_PATH=str(plugin_dir), HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-m", "mlpviz"], capture_output=True, text=True, env=env,
                          timeout=120)


def test_a_platform_plugin_that_cannot_load_is_named_and_the_exit_is_clean(tmp_path):
    plugins = tmp_path / "platforms"
    plugins.mkdir()
    (plugins / "libqxcb.so").write_bytes(b"not a shared object")
    run = _run_mlpviz(tmp_path, plugins)
    assert run.returncode == 1, (run.returncode, run.stderr[-1500:])  # not Qt's abort (-6)
    assert "mlpviz: Qt's X11 platform plugin cannot be loaded" in run.stderr and "What Linux needs" in run.stderr


@pytest.mark.skipif(shutil.which("cc") is None, reason="needs a C compiler to build a plugin with a missing library")
def test_the_missing_library_and_its_package_are_named(tmp_path):
    (tmp_path / "missing.c").write_text("int mlpviz_missing(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int mlpviz_missing(void);\nint plugin(void) { return mlpviz_missing(); }\n")
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(tmp_path / "libxcb-mlpviz-gone.so.0"), str(tmp_path / "missing.c"),
                    "-Wl,-soname,libxcb-mlpviz-gone.so.0"], check=True)
    plugins = tmp_path / "platforms"
    plugins.mkdir()
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(plugins / "libqxcb.so"), str(tmp_path / "plugin.c"),
                    str(tmp_path / "libxcb-mlpviz-gone.so.0")], check=True)
    (tmp_path / "libxcb-mlpviz-gone.so.0").unlink()  # as on a machine without the package
    run = _run_mlpviz(tmp_path, plugins)
    assert run.returncode == 1, run.stderr[-1500:]
    assert "needs libxcb-mlpviz-gone.so.0" in run.stderr and "sudo apt install libxcb-mlpviz-gone0" in run.stderr


def test_the_message_names_the_library_and_the_package():
    error = "libxcb-cursor.so.0: cannot open shared object file: No such file or directory"
    assert "libxcb-cursor.so.0" in missing_library_message(error)
    assert "sudo apt install libxcb-cursor0" in missing_library_message(error)
    assert [debian_package(lib) for lib in ("libxkbcommon-x11.so.0", "libEGL.so.1", "libdbus-1.so.3")] == [
        "libxkbcommon-x11-0", "libegl1", "libdbus-1-3"]


def test_other_platforms_and_no_display_are_told_apart():
    def never(path):
        raise AssertionError("the X11 plugin is not loaded for another platform")

    assert platform_problem({"QT_QPA_PLATFORM": "offscreen"}, load=never) == ""
    assert platform_problem({"WAYLAND_DISPLAY": "wayland-0"}, load=never) == ""
    assert "DISPLAY is not set" in platform_problem({}, load=never)
    assert platform_problem({"DISPLAY": ":0"}, load=lambda path: None) == ""
