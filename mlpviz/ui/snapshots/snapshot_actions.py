"""File menu actions for snapshots: export, quick snapshot, open, recent files, auto-snapshot.

Export works on the step shown (a scrubbed step included); opening continues the run
the file was taken from (``load_snapshot``). Files are read and written through the
callables given (the session's, run on a worker thread): snapshots, safetensors, Keras
and ONNX. A file that does not load gives a dialog with the reason and the network stays
as it was; a file that does not say its activations opens after the user chose them; a network
whose inputs are not the data's columns is offered a data file of its own (``choose_data``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from mlpviz.app.file_kinds import SNAPSHOT, open_title
from mlpviz.app.view_state import ViewState
from mlpviz.engine import InputsMismatch, MlpvizError, check_inputs, format_sizes
from mlpviz.i18n import msg
from mlpviz.io.foreign_network import logits_choice
from mlpviz.io.layer_order import LayerOrderNeeded
from mlpviz.io import dropped_on_save, READ_SUFFIXES, Activations, ActivationsNeeded, CsvTable, Snapshot, missing_extra, pytorch_snippet
from mlpviz.io.network_files import PICKLE_SUFFIXES
from mlpviz.training.settings import unrecorded_settings

from . import activations_dialog, layer_order_dialog
from .data_choice import ask_for_data
from .plain_message import show_refusal
from .preferences import SnapshotPreferences
from .pytorch_snippet_dialog import PytorchSnippetDialog
from ..widgets.settings_values import text_list
from ..widgets.background import call_in_background, read_in_background
from ..widgets.plain_text import plain_tooltip

EXPORT_FILTERS = {
    ".npz": msg("NumPy snapshot (*.npz)"),
    ".json": msg("JSON snapshot (*.json)"),
    ".csv": msg("CSV table, export only (*.csv)"),
}
OPEN_FILTER = msg("mlpviz snapshots (*.npz *.json);;All files (*)")
RECENT_KEY = "snapshots/recent"
MAX_RECENT = 8
SNAPSHOT_SUFFIXES = READ_SUFFIXES + PICKLE_SUFFIXES  # pickles only to say why they are refused


def snapshot_file_name(sizes, step: int, suffix: str = ".npz") -> str:
    """``mlpviz-2-3-1-step0042.npz``: the architecture and the step."""
    return f"mlpviz-{format_sizes(sizes)}-step{step:04d}{suffix}"


class SnapshotActions(QObject):
    """The snapshot actions of the File menu (``add_to_menu``).

    ``snapshot(step)`` gives the run at ``step`` (None: the latest); ``read_snapshot(path,
    activations=None)`` and ``write_snapshot(path, snap)`` do the files (on a worker thread); ``load_snapshot(snap)``
    continues a run. ``choose_data(title, folder)`` asks for a data file (None: cancelled) and ``load_on_data(snap, table)``
    continues ``snap`` on it, for a network that does not fit the data loaded. ``set_state`` tells which step is
    shown; ``message`` is for the status bar.
    """

    message = Signal(str)

    def __init__(self, state: ViewState, settings: QSettings,
                 snapshot: Callable[[int | None], Snapshot],
                 read_snapshot: Callable[[Path, Activations | None], Snapshot],
                 write_snapshot: Callable[[Path, Snapshot], None], load_snapshot: Callable[[Snapshot], None],
                 parent: QWidget, choose_data: Callable[[str, str], CsvTable | None] | None = None,
                 load_on_data: Callable[[Snapshot, CsvTable], None] | None = None) -> None:
        super().__init__(parent)
        self.window, self.settings = parent, settings
        self._state = state
        self._snapshot, self._read_snapshot = snapshot, read_snapshot
        self._write_snapshot, self._load_snapshot = write_snapshot, load_snapshot
        self._choose_data, self._load_on_data = choose_data, load_on_data
        self.preferences = SnapshotPreferences.load(settings)
        self.last_export_dir = ""
        self.export_action = QAction(self.tr("&Export snapshot…"), self, shortcut=QKeySequence("Ctrl+E"),
                                     triggered=self.export_snapshot)
        self.quick_action = QAction(self.tr("&Quick snapshot"), self, shortcut=QKeySequence("Ctrl+Alt+S"),
                                    triggered=self.quick_snapshot)
        self.open_action = QAction(self.tr("Open &snapshot…"), self,  # File ▸ Open… (Ctrl+O) opens any file
                                   triggered=lambda: self.open_snapshot())
        self.export_action.setToolTip(self.tr("Write the network at the step shown to .npz, .json or .csv"))
        self.quick_action.setToolTip(self.tr("Save the step shown into the snapshots folder, no questions asked"))
        self.snippet_dialog: PytorchSnippetDialog | None = None
        self.recent_menu = QMenu(self.tr("Open &recent"), parent)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def set_state(self, state: ViewState) -> None:
        """The picture shown (the session's ``state_changed``): exports write its step."""
        self._state = state

    def add_to_menu(self, menu: QMenu) -> None:
        """Insert the actions at the top of ``menu`` (the File menu)."""
        first = menu.actions()[0] if menu.actions() else None
        for action in (self.open_action, self.export_action, self.quick_action):  # File ▸ Open Recent lists all files
            menu.insertAction(first, action)
        menu.insertSeparator(first)

    # --- writing ---------------------------------------------------------------------

    def shown_snapshot(self, latest: bool = False) -> Snapshot:
        """The network at the step shown (or the ``latest`` step trained), with its settings."""
        return self._snapshot(None if latest else self._state.step)

    def export_snapshot(self) -> Path | None:
        """Ask where, then write the shown step; the dialog's file type picks the format."""
        state = self._state
        folder = self.last_export_dir or self.preferences.snapshots_folder
        default = str(Path(folder) / snapshot_file_name(state.arch.sizes, state.step))
        filters = self.export_filters()
        path, chosen = QFileDialog.getSaveFileName(
            self.window, str(msg("Export snapshot")), default, ";;".join(filters.values()))
        if not path:
            return None
        path = Path(path)
        if path.suffix.lower() not in filters:
            suffix = next((s for s, f in filters.items() if f == chosen), ".npz")
            path = path.with_name(path.name + suffix)
        if not self._write(path, str(msg("Export snapshot"))):
            return None
        self.last_export_dir = str(path.parent)
        if path.suffix.lower() in READ_SUFFIXES:
            self.add_recent(path)
        note = dropped_on_save(path, self.shown_snapshot())
        self._say(self.tr("Snapshot of step {0} written to {1}").format(state.step, path) + (f" ({note})" if note else ""))
        if path.suffix.lower() == ".safetensors":
            self.show_pytorch_snippet(path, state.arch)
        return path

    def export_filters(self) -> dict[str, str]:
        """File types of the export dialog by suffix; a type whose extra is missing says how to install it."""
        filters = {suffix: str(text) for suffix, text in EXPORT_FILTERS.items()}
        filters[".safetensors"] = self.tr("PyTorch safetensors (*.safetensors)")
        hint = missing_extra(".onnx")
        filters[".onnx"] = (self.tr("ONNX model, needs %1 (*.onnx)").replace("%1", hint) if hint
                            else self.tr("ONNX model (*.onnx)"))
        return filters

    def show_pytorch_snippet(self, path: Path, arch) -> PytorchSnippetDialog:
        """The code that loads ``path`` into PyTorch, in a window beside the main one."""
        if self.snippet_dialog is not None:
            self.snippet_dialog.close()
        self.snippet_dialog = PytorchSnippetDialog(str(path), pytorch_snippet(arch, path), self.window)
        self.snippet_dialog.show()
        return self.snippet_dialog

    def quick_snapshot(self, quiet: bool = False, snap: Snapshot | None = None) -> Path | None:
        """Write the shown step (or ``snap``) into the snapshots folder without a dialog; says where.

        ``quiet`` (auto-snapshot during Run): problems only in the status bar.
        """
        snap = snap if snap is not None else self.shown_snapshot(latest=quiet)
        folder = Path(self.preferences.snapshots_folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._say(self.tr("Quick snapshot failed: cannot create {0} ({1})").format(folder, exc.strerror or exc))
            return None
        names = (snapshot_file_name(snap.arch.sizes, snap.step, f"-{n}.npz" if n else ".npz") for n in range(10_000))
        for name in names:  # the first free name, taken exclusively: two instances never overwrite each other
            path = folder / name
            if path.exists():
                continue
            try:
                if quiet:
                    self._write_snapshot(path, snap, exclusive=True)
                elif not self._write(path, str(msg("Quick snapshot")), snap, exclusive=True):
                    return None
                break
            except FileExistsError:
                continue
            except MlpvizError as exc:
                self._say(self.tr("Auto-snapshot failed: {0}").format(exc))
                return None
        else:
            self._say(self.tr("Quick snapshot failed: no free file name in %1").replace("%1", str(folder)))
            return None
        self._say(self.tr("Snapshot of step {0} saved to {1}").format(snap.step, path))
        return path

    def _write(self, path: Path, title: str, snap: Snapshot | None = None, exclusive: bool = False) -> bool:
        try:
            call_in_background(self._write_snapshot, path, snap or self.shown_snapshot(), exclusive)
        except MlpvizError as exc:
            show_refusal(self.window, title, str(exc))
            return False
        return True

    def auto_snapshot(self, snap: Snapshot) -> None:
        """A Run step due for an auto-snapshot (the session keeps every ``auto_every``-th): save it quietly."""
        self.quick_snapshot(quiet=True, snap=snap)

    # --- reading ---------------------------------------------------------------------

    def open_snapshot(self, path=None) -> bool:
        """Load a snapshot file (asking for one if ``path`` is None); False if it was refused."""
        if path is None:
            folder = self.last_export_dir or self.preferences.snapshots_folder
            path, _ = QFileDialog.getOpenFileName(self.window, str(open_title(SNAPSHOT)), folder, self.open_filter())
            if not path:
                return False
        path, data_name = Path(path), ""
        try:
            loaded = self._load(path)
            if loaded is None:
                return False
            snap, table = loaded
            try:
                if table is None:
                    self._load_snapshot(snap)
                else:  # data chosen before the questions: the network opens on them
                    self._load_on_data(snap, table)
                    data_name = Path(table.path).name
            except InputsMismatch as mismatch:
                data_name = self._open_on_other_data(path, snap, mismatch)
                if not data_name:
                    return False
        except MlpvizError as exc:
            reason = exc.in_app() if isinstance(exc, LayerOrderNeeded) else exc
            show_refusal(self.window, str(open_title(path)), self.tr("{0} could not be opened.\n\n{1}").format(path.name, reason))
            return False
        self.add_recent(path)
        said = self.tr("Opened {0}: {1} at step {2}").format(path.name, snap.arch.label(), snap.step)
        if data_name:
            said += self.tr(", on the data of {0}").format(data_name)
        if "widened" in snap.extra:
            said += self.tr(". Its 16-bit weights were widened to float64, which holds every one of them exactly")
        if snap.arch.loss == "mse" and snap.extra.get("source") in ("safetensors", "keras", "onnx"):
            said += self.tr(". mlpviz's mse is ½·Σ(ŷ − y)² per sample; PyTorch's and Keras' take the mean over the "
                            "outputs of (ŷ − y)²: use 2/k times their learning rate for k outputs (twice it for one)")
        kept = unrecorded_settings(snap.extra, self.shown_snapshot(latest=True).extra)
        if kept:
            said += self.tr(". The file does not record these training settings; this session's are used: {0}").format(kept)
        self._say(said)
        return True

    def _load(self, path: Path) -> tuple[Snapshot, CsvTable | None] | None:
        """The checked network in ``path``, and data chosen for it when its inputs cannot be the loaded data's
        columns (None: none needed); asks for the layer order and the activations the file does not say, after
        the inputs are settled (None: cancelled)."""
        given, table = None, None
        while True:
            try:
                snap = read_in_background(self.tr("Reading {0}…").format(path.name), self._read_snapshot, path, given,
                                          parent=self.window)
                needed = None if given is not None and given.given() else logits_choice(snap)  # logits: offer softmax
                if needed is None:
                    return snap, table
            except LayerOrderNeeded as asked:
                if asked.asked and given is not None and given.layer_order:
                    raise  # the reader did not take the order given: asking again would go round
                if table is None:
                    go_on, table = self._data_first(path, asked.input_widths)
                    if not go_on:
                        return None
                columns = table.x.shape[1] if table is not None else self._state.arch.sizes[0]
                order = layer_order_dialog.ask_layer_order(path.name, asked.for_inputs(columns), self.window)
                if order is None:
                    return None
                given = replace(given or Activations(), layer_order=order)
                continue
            except ActivationsNeeded as asked:
                needed = asked
            if table is None:  # the order is known now: so are the inputs
                go_on, table = self._data_first(path, needed.sizes[:1])
                if not go_on:
                    return None
            chosen = activations_dialog.ask_activations(path.name, needed, self.window)
            if chosen is None:
                return None
            given = replace(chosen, layer_order=given.layer_order if given is not None else ())

    def _open_on_other_data(self, path: Path, snap: Snapshot, mismatch: InputsMismatch) -> str:
        """Say that ``snap`` does not fit the data loaded and offer Choose data…: the network opens on a data file
        with as many input columns as it takes inputs (its name is returned). Cancel, at any point, changes nothing
        ("" is returned)."""
        table = self._ask_for_data(path, mismatch, lambda chosen: self._load_on_data(snap, chosen))
        return "" if table is None else Path(table.path).name

    def _data_first(self, path: Path, widths: tuple[int, ...]) -> tuple[bool, CsvTable | None]:
        """Before a question about the file: when its network cannot take the loaded data whatever the answers (its
        possible input ``widths``, known from the shapes), say so and offer other data first. ``(True, table)``:
        go on, on ``table`` (None: on the data loaded); ``(False, None)``: cancelled."""
        columns = self._state.arch.sizes[0]  # the loaded data's input columns
        if not widths or columns in widths:
            return True, None
        mismatch = InputsMismatch(widths, columns)
        table = self._ask_for_data(path, mismatch, lambda chosen: check_inputs(widths, chosen.x.shape[1]))
        return table is not None, table

    def _ask_for_data(self, path: Path, mismatch: InputsMismatch, take: Callable[[CsvTable], None]) -> CsvTable | None:
        """Choose data… (asked again, naming the file chosen, while ``take`` raises InputsMismatch for it) or Cancel:
        the data file taken, or None with the status bar saying nothing changed."""
        if self._choose_data is None or self._load_on_data is None:
            raise mismatch
        title, data_name = str(open_title(path)), None
        while ask_for_data(title, path.name, mismatch, data_name, self.window):
            table = self._choose_data(self.tr("Data for {0}").format(path.name), str(path.parent))
            if table is None:
                break
            try:
                take(table)
                return table
            except InputsMismatch as again:  # asked again, naming the file chosen and its columns
                mismatch, data_name = again, Path(table.path).name
        self._say(self.tr("{0} was not opened; the network and the data are as they were").format(path.name))
        return None

    def open_filter(self) -> str:
        """Every readable network file first, then each format (with its install line if its extra is missing)."""
        kinds = [(self.tr("PyTorch safetensors"), "*.safetensors", None),
                 (self.tr("Keras"), "*.keras *.h5 *.hdf5", missing_extra(".keras")),
                 (self.tr("ONNX"), "*.onnx", missing_extra(".onnx"))]
        every = " ".join(f"*{s}" for s in READ_SUFFIXES)
        parts = [self.tr("Networks (%1)").replace("%1", every), self.tr("mlpviz snapshots (*.npz *.json)")]
        for name, patterns, hint in kinds:
            label = self.tr("%1, needs %2").replace("%1", name).replace("%2", hint) if hint else name
            parts.append(f"{label} ({patterns})")
        return ";;".join(parts + [self.tr("All files (*)")])

    # --- recent files ----------------------------------------------------------------

    def recent_files(self) -> list[str]:
        return text_list(self.settings.value(RECENT_KEY, []), MAX_RECENT)

    def add_recent(self, path) -> None:
        path = str(Path(path).resolve())
        recent = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue(RECENT_KEY, recent[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for i, path in enumerate(recent):
            action = self.recent_menu.addAction(f"&{i + 1} {Path(path).name}")
            action.setToolTip(plain_tooltip(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_snapshot(p))
        if not recent:
            self.recent_menu.addAction(self.tr("(none yet)")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear list"), lambda: self.settings.setValue(RECENT_KEY, []))

    def _say(self, text: str) -> None:
        self.message.emit(text)
