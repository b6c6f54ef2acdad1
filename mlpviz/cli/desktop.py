"""``mlpviz install-desktop`` / ``uninstall-desktop``: the start-menu launcher for this user.

On Linux the freedesktop way: ``$XDG_DATA_HOME/applications/mlpviz.desktop`` plus the
icons in ``$XDG_DATA_HOME/icons/hicolor`` and the ``.mlpviz`` lesson type
(``$XDG_DATA_HOME/mime/packages/mlpviz.xml``, its document icon), so a double-click opens a lesson. On Windows and macOS a Start Menu /
Applications shortcut made by pyshortcuts (optional: ``pip install pyshortcuts``).
Every file written is recorded in a manifest so that uninstalling removes exactly
those files, and the folders the install created once they are empty again. The
manifest is not trusted: uninstall removes only regular files that are among the
launcher's own paths, never a folder's contents; install writes through temporaries
created exclusively, so a symlink planted at a temporary name is never followed, and
neither install nor uninstall goes through a symlinked folder at any level from the
data folder down (``_link_on_the_way``).
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import stat
import subprocess
import sys
import sysconfig

from mlpviz.i18n import msg, text
from mlpviz.io.atomic import atomic_write_bytes, atomic_write_text
from mlpviz.engine.errors import MlpvizError

DESKTOP_FILE_NAME = "mlpviz.desktop"
MIME_FILE_NAME = "mlpviz-mime.xml"  # shipped name; installed as mime/packages/mlpviz.xml
LESSON_MIME_TYPE = "application/x-mlpviz-lesson"
LESSON_ICON_NAME = "application-x-mlpviz-lesson"
GUI_SCRIPT = "mlpviz-gui"
MANIFEST_NAME = "desktop-install.json"


class DesktopInstallError(MlpvizError):
    """The launcher could not be installed or removed."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``install-desktop`` and ``uninstall-desktop``."""
    install = subparsers.add_parser(
        "install-desktop",
        help=text(msg("add mlpviz to your start menu (this user only)")),
        description=text(msg(
            "Add an mlpviz launcher and its icon to this user's start menu. "
            "Safe to run again; prints every file it writes.")),
    )
    install.set_defaults(func=_run_install)
    uninstall = subparsers.add_parser(
        "uninstall-desktop",
        help=text(msg("remove what install-desktop added")),
        description=text(msg("Remove exactly the files that install-desktop wrote.")),
    )
    uninstall.set_defaults(func=_run_uninstall)


def _run_install(args: argparse.Namespace) -> int:
    install_desktop()
    return 0


def _run_uninstall(args: argparse.Namespace) -> int:
    uninstall_desktop()
    return 0


# --------------------------------------------------------------------------- paths


def data_home() -> pathlib.Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when unset or not absolute (XDG spec)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return pathlib.Path(value)
    return pathlib.Path.home() / ".local" / "share"


def manifest_path() -> pathlib.Path:
    """Where the record of installed files lives."""
    return data_home() / "mlpviz" / MANIFEST_NAME


def gui_command() -> list[str]:
    """The command that opens the app without a console: the installed ``mlpviz-gui``
    script when found, else ``<python> -m mlpviz``."""
    exe = ".exe" if os.name == "nt" else ""
    candidates = [pathlib.Path(sysconfig.get_path("scripts")) / (GUI_SCRIPT + exe)]
    user_scripts = sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user"))
    candidates.append(pathlib.Path(user_scripts) / (GUI_SCRIPT + exe))
    candidates.append(pathlib.Path(sys.executable).parent / (GUI_SCRIPT + exe))
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return [str(path.absolute())]
    found = shutil.which(GUI_SCRIPT)
    if found:
        return [str(pathlib.Path(found).absolute())]
    return [str(pathlib.Path(sys.executable).absolute()), "-m", "mlpviz"]


def desktop_exec_value(command: list[str]) -> str:
    """``command`` quoted for a .desktop ``Exec=`` key (freedesktop quoting rules)."""
    reserved = set(' \t\n"\'\\><~|&;$*?#()`=%')

    def quote(arg: str) -> str:
        if arg and not (set(arg) & reserved):
            return arg
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg).replace("%", "%%")
        return f'"{inner}"'

    # The whole value is a desktop "string": backslashes are escaped once more.
    return " ".join(quote(a) for a in command).replace("\\", "\\\\")


def desktop_entry_text(command: list[str]) -> str:
    """The .desktop file for ``command``, from the shipped template."""
    from mlpviz.resources import resource_path

    template = resource_path(DESKTOP_FILE_NAME).read_text(encoding="utf-8")
    if "@EXEC@" not in template:
        raise DesktopInstallError(msg("{value} has no @EXEC@ placeholder", value=resource_path(DESKTOP_FILE_NAME)))
    return template.replace("@EXEC@", desktop_exec_value(command))


# ------------------------------------------------------------------------ manifest


def _read_manifest(path: pathlib.Path) -> dict:
    if not path.exists():
        return {"files": [], "created_dirs": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {"files": list(data["files"]), "created_dirs": list(data["created_dirs"])}
    except (ValueError, KeyError, TypeError) as exc:
        raise DesktopInstallError(msg("cannot read the install record {path}: {exc}", path=path, exc=exc)) from exc


def _link_on_the_way(path: pathlib.Path) -> pathlib.Path | None:
    """The first symlink among the folders from the data folder (included) down to ``path``'s parent, if any.

    On other systems the shortcut's own folder is looked at. Its ancestors above the data
    folder (``/home`` on some systems) are the user's business.
    """
    top = data_home() if sys.platform.startswith("linux") or "bsd" in sys.platform else path.parent
    folders = [f for f in reversed(path.parents) if f == top or top in f.parents]
    for folder in folders:
        try:
            if stat.S_ISLNK(os.lstat(folder).st_mode):
                return folder
        except OSError:
            return None  # missing from here down: the install creates real folders
    return None


def _refuse_links(path: pathlib.Path) -> None:
    link = _link_on_the_way(path)
    if link is not None:
        raise DesktopInstallError(
            msg("{link} is a symbolic link: mlpviz writes nothing through links (it would write {name} where the link points); set XDG_DATA_HOME to the folder it points to, or remove the link", link=link, name=path.name))


def _make_dirs(folder: pathlib.Path, created: list[str]) -> None:
    """mkdir -p ``folder``, appending each folder it actually creates to ``created``."""
    missing = []
    for parent in [folder, *folder.parents]:
        if parent.exists():
            break
        missing.append(parent)
    for path in reversed(missing):
        path.mkdir()
        created.append(str(path))


# --------------------------------------------------------------------------- Linux


def _linux_target_paths() -> list[pathlib.Path]:
    """Every file the Linux launcher consists of: the .desktop entry, the icons (PNGs, SVG), the lesson
    type and its document icon."""
    from mlpviz.resources import ICON_SIZES

    home = data_home()
    hicolor = home / "icons" / "hicolor"
    return [
        home / "applications" / DESKTOP_FILE_NAME,
        *(hicolor / f"{size}x{size}" / "apps" / "mlpviz.png" for size in ICON_SIZES),
        hicolor / "scalable" / "apps" / "mlpviz.svg",
        home / "mime" / "packages" / "mlpviz.xml",
        hicolor / "scalable" / "mimetypes" / f"{LESSON_ICON_NAME}.svg",
    ]


def _linux_targets() -> list[tuple[pathlib.Path, bytes]]:
    """(destination, content) of every file the Linux launcher needs."""
    from mlpviz.resources import ICON_SIZES, icon_path, resource_path

    contents = [desktop_entry_text(gui_command()).encode("utf-8")]
    contents += [icon_path(size).read_bytes() for size in ICON_SIZES] + [icon_path().read_bytes()]
    contents += [resource_path(MIME_FILE_NAME).read_bytes(), resource_path("icons/mlpviz-lesson.svg").read_bytes()]
    return list(zip(_linux_target_paths(), contents))


def _may_remove(path: pathlib.Path) -> bool:
    """True for a path the launcher itself consists of (whatever the manifest says)."""
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return path in _linux_target_paths()
    return path.name == "mlpviz.lnk" and path.is_absolute()


def _may_remove_folder(folder: pathlib.Path) -> bool:
    """True for a folder inside the user's data folder (an install creates nothing elsewhere on Linux)."""
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        home = data_home()
        return folder != home and home in folder.parents
    return folder.is_absolute()


def _refresh_caches(home: pathlib.Path) -> None:
    """Update the MIME database (so the lesson type is known) and the desktop/icon caches where the user
    already has them; never fails."""
    jobs = [["update-mime-database", str(home / "mime")]] if (home / "mime" / "packages").is_dir() else []
    applications = home / "applications"
    if (applications / "mimeinfo.cache").exists():
        jobs.append(["update-desktop-database", "-q", str(applications)])
    hicolor = home / "icons" / "hicolor"
    if (hicolor / "icon-theme.cache").exists():
        jobs.append(["gtk-update-icon-cache", "-q", "-t", "-f", str(hicolor)])
    for cmd in jobs:
        if shutil.which(cmd[0]):
            try:
                subprocess.run(cmd, check=False, timeout=30, capture_output=True)
            except (OSError, subprocess.SubprocessError):
                pass


def _install_linux(out) -> list[pathlib.Path]:
    manifest = manifest_path()
    record = _read_manifest(manifest)
    written = []
    for dest, _content in _linux_targets():
        _refuse_links(dest)  # all checked before anything is written
    _refuse_links(manifest)
    for dest, content in _linux_targets():
        _make_dirs(dest.parent, record["created_dirs"])
        atomic_write_bytes(dest, content, DesktopInstallError)  # exclusive temporary: no planted symlink followed
        written.append(dest)
        if str(dest) not in record["files"]:
            record["files"].append(str(dest))
        out(f"wrote {dest}")
    _make_dirs(manifest.parent, record["created_dirs"])
    atomic_write_text(manifest, json.dumps(record, indent=2) + "\n", DesktopInstallError)
    out(f"wrote {manifest}")
    _refresh_caches(data_home())
    out("mlpviz is in your start menu (log out and in again if it does not show yet).")
    return [*written, manifest]


# ----------------------------------------------------------------- Windows / macOS


def _install_shortcut(out) -> list[pathlib.Path]:
    try:
        import pyshortcuts
    except ImportError:
        raise DesktopInstallError(
            msg("on this system the start-menu shortcut is made by pyshortcuts: run `pip install pyshortcuts`, then `mlpviz install-desktop` again")
        ) from None
    command = gui_command()
    if len(command) != 1:
        raise DesktopInstallError(
            msg("the {gui_script} launcher was not found next to {executable}: reinstall mlpviz with pip, then run `mlpviz install-desktop` again", gui_script=GUI_SCRIPT, executable=sys.executable)
        )
    shortcut = pyshortcuts.make_shortcut(
        command[0], name="mlpviz", description="Watch a small neural network learn",
        terminal=False, desktop=False, startmenu=True, noexe=True,
    )
    folder = pathlib.Path(getattr(shortcut, "startmenu_dir", "") or "")
    candidates = [folder / "mlpviz.lnk", folder / "mlpviz.app"] if str(folder) != "." else []
    written = [path for path in candidates if path.exists()]
    manifest = manifest_path()
    _refuse_links(manifest)
    record = _read_manifest(manifest)
    record["files"] = sorted(set(record["files"]) | {str(p) for p in written})
    _make_dirs(manifest.parent, record["created_dirs"])
    atomic_write_text(manifest, json.dumps(record, indent=2) + "\n", DesktopInstallError)
    for path in written:
        out(f"wrote {path}")
    out(f"wrote {manifest}")
    return [*written, manifest]


# --------------------------------------------------------------------- public API


def install_desktop(out=print) -> list[pathlib.Path]:
    """Install the launcher for the current user; returns (and reports) every path written."""
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return _install_linux(out)
    return _install_shortcut(out)


def uninstall_desktop(out=print) -> list[pathlib.Path]:
    """Remove what :func:`install_desktop` recorded; returns (and reports) the paths removed."""
    manifest = manifest_path()
    if not manifest.exists():
        out(f"nothing to remove: no install record at {manifest}")
        return []
    _refuse_links(manifest)
    record = _read_manifest(manifest)
    removed = []
    for name in record["files"]:
        path = pathlib.Path(str(name))
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            continue  # already gone
        link = _link_on_the_way(path)
        if link is not None:
            out(f"left {path} (reached through the symbolic link {link}); remove it yourself if it is mlpviz's")
            continue
        if not _may_remove(path) or not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "not a file" if not stat.S_ISREG(mode) else "not mlpviz's"
            out(f"left {path} ({what}); remove it yourself if it is mlpviz's")
            continue
        path.unlink()
        removed.append(path)
        out(f"removed {path}")
    manifest.unlink()
    removed.append(manifest)
    out(f"removed {manifest}")
    for name in sorted(record["created_dirs"], key=lambda d: len(pathlib.Path(d).parts), reverse=True):
        folder = pathlib.Path(str(name))
        if not _may_remove_folder(folder) or _link_on_the_way(folder / "x") is not None:
            continue
        try:
            folder.rmdir()  # only succeeds when empty: never removes someone else's files
        except OSError:
            continue
        removed.append(folder)
        out(f"removed {folder}/")
    if sys.platform.startswith("linux"):
        _refresh_caches(data_home())
        removed += _remove_mime_database(data_home(), record["created_dirs"], out)
    return removed


# What update-mime-database writes beside packages/ (its cache of the lesson type included).
_MIME_DATABASE_FILES = ("XMLnamespaces", "aliases", "generic-icons", "globs", "globs2", "icons", "magic",
                        "mime.cache", "subclasses", "treemagic", "types", "version",
                        f"{LESSON_MIME_TYPE}.xml")


def _remove_mime_database(home: pathlib.Path, created_dirs: list[str], out) -> list[pathlib.Path]:
    """The MIME database install-desktop made in a ``mime`` folder it created, once no package is left in it."""
    mime = home / "mime"
    if str(mime) not in created_dirs or (mime / "packages").exists():
        return []
    removed = []
    for name in _MIME_DATABASE_FILES:
        path = mime / name
        if path.is_file() and not path.is_symlink() and _link_on_the_way(path) is None:
            path.unlink()
            removed.append(path)
    for folder in (mime / LESSON_MIME_TYPE.split("/")[0], mime):
        try:
            folder.rmdir()
        except OSError:
            continue
        removed.append(folder)
    if removed:
        out(f"removed the MIME database in {mime}")
    return removed
