"""``mlpviz install-desktop`` / ``uninstall-desktop`` on Linux, into a temporary XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import pathlib
import shutil
import subprocess
import sys

import pytest

from mlpviz.cli import desktop
from mlpviz.cli.main import main
from mlpviz.resources import ICON_SIZES

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="freedesktop only")


def snapshot(folder: pathlib.Path) -> dict[str, bytes | None]:
    """Every file (with content) and folder (None) below ``folder``."""
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    home = tmp_path / "share"
    (home / "applications").mkdir(parents=True)
    (home / "applications" / "other.desktop").write_text("[Desktop Entry]\nType=Application\n")
    (home / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (home / "icons" / "hicolor" / "48x48" / "apps" / "other.png").write_bytes(b"x")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def read_entry(path: pathlib.Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_install_writes_a_valid_entry_and_icons(data_home, capsys):
    assert main(["install-desktop"]) == 0
    printed = capsys.readouterr().out
    entry_path = data_home / "applications" / "mlpviz.desktop"
    entry = read_entry(entry_path)
    assert entry["Icon"] == "mlpviz"
    assert entry["Categories"] == "Education;Science;"
    assert entry["StartupWMClass"] == "mlpviz"
    assert entry["Terminal"] == "false"
    executable = entry["Exec"].split(" ")[0].strip('"')
    assert pathlib.Path(executable).is_absolute() and pathlib.Path(executable).exists()
    assert f"wrote {entry_path}" in printed
    for size in ICON_SIZES:
        icon = data_home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "mlpviz.png"
        assert icon.read_bytes()[:4] == b"\x89PNG"
        assert f"wrote {icon}" in printed
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / "mlpviz.svg").exists()
    assert (data_home / "mlpviz" / "desktop-install.json").exists()


def test_entry_passes_desktop_file_validate(data_home):
    desktop.install_desktop(out=lambda line: None)
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    proc = subprocess.run(
        [validator, str(data_home / "applications" / "mlpviz.desktop")],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "error" not in proc.stdout.lower()


def test_install_twice_then_uninstall_restores_the_folder(data_home, capsys):
    before = snapshot(data_home)
    assert main(["install-desktop"]) == 0
    first = snapshot(data_home)
    assert main(["install-desktop"]) == 0
    assert snapshot(data_home) == first
    assert main(["uninstall-desktop"]) == 0
    assert snapshot(data_home) == before
    assert "removed" in capsys.readouterr().out
    assert main(["uninstall-desktop"]) == 0  # nothing left to remove: still fine
    assert snapshot(data_home) == before


def test_uninstall_keeps_files_added_later_in_folders_it_created(data_home):
    desktop.install_desktop(out=lambda line: None)
    stranger = data_home / "icons" / "hicolor" / "scalable" / "apps" / "someone-else.svg"
    stranger.write_text("<svg/>")
    desktop.uninstall_desktop(out=lambda line: None)
    assert stranger.exists()
    assert not (data_home / "icons" / "hicolor" / "scalable" / "apps" / "mlpviz.svg").exists()


def test_default_data_home_is_under_home(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop.data_home() == tmp_path / ".local" / "share"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")  # ignored per the XDG spec
    assert desktop.data_home() == tmp_path / ".local" / "share"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["/opt/mlpviz/bin/mlpviz-gui"], "/opt/mlpviz/bin/mlpviz-gui"),
        (["/home/a b/bin/python", "-m", "mlpviz"], '"/home/a b/bin/python" -m mlpviz'),
        (["/x/100%/py$"], '"/x/100%%/py\\\\$"'),
    ],
)
def test_exec_value_is_quoted_per_the_spec(command, expected):
    assert desktop.desktop_exec_value(command) == expected


def test_corrupt_install_record_is_a_clear_error(data_home):
    record = data_home / "mlpviz" / "desktop-install.json"
    record.parent.mkdir()
    record.write_text("{not json")
    with pytest.raises(desktop.DesktopInstallError, match="install record"):
        desktop.uninstall_desktop(out=lambda line: None)
    assert record.exists()


def test_without_pyshortcuts_windows_gets_a_clear_message(data_home, monkeypatch, capsys):
    before = snapshot(data_home)
    monkeypatch.setitem(sys.modules, "pyshortcuts", None)  # import fails
    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["install-desktop"]) == 2
    assert "pip install pyshortcuts" in capsys.readouterr().err
    assert snapshot(data_home) == before


def test_uninstall_never_removes_a_listed_folder_or_a_file_that_is_not_the_launchers(data_home, tmp_path):
    import json

    desktop.install_desktop(out=lambda line: None)
    precious = tmp_path / "Documents"
    (precious / "thesis").mkdir(parents=True)
    (precious / "thesis" / "chapter1.tex").write_text("years of work")
    notes = tmp_path / "notes.txt"
    notes.write_text("mine")
    planted_dir = data_home / "applications" / "mlpviz.desktop.d"
    planted_dir.mkdir()
    (planted_dir / "keep").write_text("x")
    record = json.loads(desktop.manifest_path().read_text())
    record["files"] += [str(precious), str(notes), str(planted_dir), str(data_home / "applications" / "other.desktop")]
    record["created_dirs"] += [str(tmp_path / "empty-elsewhere")]
    (tmp_path / "empty-elsewhere").mkdir()
    desktop.manifest_path().write_text(json.dumps(record))
    lines = []
    desktop.uninstall_desktop(out=lines.append)
    assert (precious / "thesis" / "chapter1.tex").read_text() == "years of work"
    assert notes.read_text() == "mine" and (planted_dir / "keep").exists()
    assert (data_home / "applications" / "other.desktop").exists() and (tmp_path / "empty-elsewhere").is_dir()
    assert not (data_home / "applications" / "mlpviz.desktop").exists()
    assert any(line.startswith(f"left {precious}") for line in lines)


def test_uninstall_removes_a_planted_symlink_never_its_target(data_home, tmp_path):
    desktop.install_desktop(out=lambda line: None)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    entry = data_home / "applications" / "mlpviz.desktop"
    entry.unlink()
    entry.symlink_to(victim)
    desktop.uninstall_desktop(out=lambda line: None)
    assert victim.read_text() == "precious"


def test_install_never_writes_through_a_symlink_planted_at_a_temporary_name(data_home, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    for dest in desktop._linux_target_paths():
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.with_name(dest.name + ".tmp").symlink_to(victim)  # the name the installer used to write to
    desktop.install_desktop(out=lambda line: None)
    assert victim.read_text() == "precious"
    assert (data_home / "applications" / "mlpviz.desktop").is_file()
    assert not (data_home / "applications" / "mlpviz.desktop").is_symlink()


def test_install_registers_the_lesson_type_and_its_launcher(data_home, tmp_path, monkeypatch):
    """After install-desktop, the desktop's MIME tools name mlpviz's type for a lesson and mlpviz as its opener."""
    desktop.install_desktop(out=lambda line: None)
    entry = read_entry(data_home / "applications" / "mlpviz.desktop")
    assert entry["MimeType"] == "application/x-mlpviz-lesson;" and entry["Exec"].endswith(" %f")
    package = data_home / "mime" / "packages" / "mlpviz.xml"
    assert 'glob pattern="*.mlpviz"' in package.read_text()
    assert (data_home / "icons" / "hicolor" / "scalable" / "mimetypes" / "application-x-mlpviz-lesson.svg").exists()
    if not (shutil.which("xdg-mime") and shutil.which("update-mime-database") and shutil.which("mimetype")):
        pytest.skip("xdg-utils, shared-mime-info or libfile-mimeinfo-perl is not installed")
    lesson = tmp_path / "lesson.mlpviz"
    lesson.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip: the name decides
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("XDG_CURRENT_DESKTOP", raising=False)

    def query(*args):
        return subprocess.run(["xdg-mime", "query", *args], capture_output=True, text=True, timeout=60).stdout.strip()

    assert query("filetype", str(lesson)) == "application/x-mlpviz-lesson"
    assert query("default", "application/x-mlpviz-lesson") == "mlpviz.desktop"
    desktop.uninstall_desktop(out=lambda line: None)
    assert query("default", "application/x-mlpviz-lesson") == ""
    assert not (data_home / "mime").exists()


@pytest.mark.parametrize("linked", ["applications", "icons", "icons/hicolor/48x48", "mlpviz", "mime", "."])
def test_install_refuses_a_symlinked_folder_at_any_level_and_writes_nothing(data_home, tmp_path, linked):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "apps").mkdir(parents=True)
    (elsewhere / "mlpviz.desktop").write_text("precious")
    (elsewhere / "apps" / "mlpviz.png").write_text("precious")
    (elsewhere / "desktop-install.json").write_text('{"files": [], "created_dirs": []}')
    before = snapshot(elsewhere)
    folder = data_home / linked
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(desktop.DesktopInstallError, match="symbolic link"):
        desktop.install_desktop(out=lambda line: None)
    assert snapshot(elsewhere) == before


@pytest.mark.parametrize("linked", ["applications", "icons/hicolor/48x48"])
def test_uninstall_never_deletes_through_a_symlinked_folder(data_home, tmp_path, linked):
    desktop.install_desktop(out=lambda line: None)
    folder = data_home / linked
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(folder, elsewhere)
    shutil.rmtree(folder)
    folder.symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(elsewhere)
    lines = []
    desktop.uninstall_desktop(out=lines.append)
    assert snapshot(elsewhere) == before
    assert any("symbolic link" in line for line in lines)


def test_a_symlinked_data_folder_is_refused_by_the_command_with_a_fix(data_home, tmp_path, monkeypatch, capsys):
    real = tmp_path / "real-share"
    real.mkdir()
    link = tmp_path / "linked-share"
    link.symlink_to(real, target_is_directory=True)
    monkeypatch.setenv("XDG_DATA_HOME", str(link))
    assert main(["install-desktop"]) == 2
    assert "XDG_DATA_HOME" in capsys.readouterr().err and not any(real.iterdir())
