"""The window's part in lessons (a mixin of MainWindow): the document, its File commands, the Lesson panel,
and the view a lesson keeps (what is picked, what the tables show, Animate, speed, Phase by phase, the panel).

Needs ``session``, ``settings``, ``selection``, ``weights_view``, ``docks``, ``add_dock``, ``data_opener``,
``snapshots``, ``file_drop`` and ``show_message`` from the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from mlpviz.app.document import Document
from mlpviz.app.file_kinds import DATA, opened_kind
from mlpviz.app.lesson_io import apply_lesson, lesson_of
from mlpviz.document import Checkpoint, Lesson
from mlpviz.document.lesson_file import LESSON_SUFFIX

from ..tables.weight_table_model import Show
from ..view_settings import RESTORED_SHOWS, fits, item_of, item_text
from .checkpoints_panel import CheckpointsPanel
from .document_actions import DocumentActions

TABBED_PANELS = ("weights", "formulas", "step-values", "decision-map")  # tabs whose front one a lesson keeps


class LessonDocuments:
    """Builds (``_build_lesson``) and answers for the lesson parts of the window."""

    def _build_lesson(self) -> None:
        self.document = Document(self.session, self)
        self.document_actions = DocumentActions(self.document, self.settings, self._lesson_now, self._open_lesson,
                                                self._open_other, self._new_session, self)
        self.checkpoints_panel = CheckpointsPanel(self._go_to_checkpoint, self._checkpoint_here)
        dock = self.add_dock("lesson", self.tr("Lesson"), self.checkpoints_panel, Qt.RightDockWidgetArea,
                             scroll=False)
        self.tabifyDockWidget(self.docks["formulas"], dock)  # a tab of the right column, never a column of its own
        dock.hide()
        self._front_panel = TABBED_PANELS[0]
        for key in TABBED_PANELS:
            self.docks[key].visibilityChanged.connect(lambda shown, k=key: self._panel_shown(k, shown))
        self.checkpoints_panel.checkpoints_edited.connect(self.document.set_checkpoints)
        self.document.changed.connect(self._on_document_changed)
        self.document_actions.message.connect(self.show_message)
        self.file_drop.register(LESSON_SUFFIX, self.document_actions.open_path)

    def _lesson_menu_actions(self) -> list[QAction]:
        panel = self.checkpoints_panel
        return [self.document_actions.properties_action, panel.add_action, panel.remove_action,
                panel.previous_action, panel.next_action]

    def open_path(self, path) -> bool:
        """Open any file mlpviz reads, by what it is (``mlpviz FILE``, a double-click, a drop)."""
        return self.document_actions.open_path(path)

    # --- what a lesson keeps of the window ----------------------------------------------

    def lesson_view(self) -> dict:
        status = self.session.status
        return {"animate": bool(status.animate), "speed": float(status.speed),
                "phase_by_phase": bool(status.phase_by_phase), "weights_show": self.weights_view.show.name,
                "selected": item_text(self.selection.item), "panel": self._panel_in_front(),
                "step": int(self.session.state.step)}

    def apply_lesson_view(self, view) -> None:
        """Put the window as ``view`` says; anything missing or not fitting this network is left as it is."""
        s = self.session
        if isinstance(view.get("animate"), bool):
            s.set_animate(view["animate"])
        if isinstance(view.get("speed"), (int, float)) and not isinstance(view.get("speed"), bool) and view["speed"] > 0:
            s.set_speed(float(view["speed"]))
        if isinstance(view.get("phase_by_phase"), bool):
            s.set_phase_by_phase(view["phase_by_phase"])
        show = Show.__members__.get(str(view.get("weights_show", "")))
        if show in RESTORED_SHOWS:
            self.weights_view.set_show(show)
        if "selected" in view:
            item = item_of(view.get("selected"))
            self.selection.set_item(item if fits(item, s.arch) else None)
        if view.get("panel") in TABBED_PANELS:
            self.docks[view["panel"]].raise_()
        step = view.get("step")
        if isinstance(step, int) and not isinstance(step, bool) and 0 <= step <= s.step_count:
            s.navigation.show(step)

    def _panel_in_front(self) -> str:
        """The tabbed panel the user sees (on screen: the one not covered by another tab), else the last raised."""
        seen = [k for k in TABBED_PANELS if self.docks[k].isVisible() and not self.docks[k].visibleRegion().isEmpty()]
        if self.isVisible() and seen and self._front_panel not in seen:
            return seen[0]
        return self._front_panel

    def _panel_shown(self, key: str, shown: bool) -> None:
        if shown:
            self._front_panel = key

    # --- the document's commands ----------------------------------------------------------

    def _lesson_now(self) -> Lesson:
        d = self.document
        return lesson_of(self.session, self.lesson_view(), {"shown": not self.docks["quiz"].isHidden()},
                         d.title, d.note, d.checkpoints)

    def _open_lesson(self, lesson: Lesson) -> None:
        apply_lesson(self.session, lesson)
        self.apply_lesson_view(lesson.view)
        if isinstance(lesson.quiz.get("shown"), bool):
            self.docks["quiz"].setVisible(lesson.quiz["shown"])
        if lesson.checkpoints or lesson.note:
            self.docks["lesson"].show()
            self.docks["lesson"].raise_()

    def _open_other(self, path: Path) -> bool:
        if opened_kind(path) == DATA:
            return bool(self.data_opener.open(path))
        return bool(self.snapshots.open_dropped(path))

    def load_snapshot_with_its_data(self, snap) -> None:
        """Continue ``snap`` on the data it was trained on: a built-in set it names is loaded with it, a file it
        names is opened (asked for when it is not there); never silently the current data. A file of other columns
        raises InputsMismatch with nothing changed (File ▸ Open then offers other data)."""
        from mlpviz.datasets import DATASETS, make_dataset
        from mlpviz.engine import MlpvizError

        s, recorded = self.session, snap.extra.get("data")
        if not isinstance(recorded, str) or not recorded or recorded == s.dataset.name:
            s.load_snapshot(snap)
            return
        if recorded in DATASETS:
            with s.undo_stack.change(self.tr("Open a snapshot")):
                s.set_data(make_dataset(recorded, seed=s.config.seed), snap.arch)
                s.load_snapshot(snap)
            self.show_message(self.tr("Loaded the built-in {0} data the snapshot was trained on").format(recorded))
            return
        path = Path(recorded)
        if not path.is_file():
            from PySide6.QtWidgets import QFileDialog

            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("The snapshot was trained on {0}: where is it?").format(path.name), "",
                self.tr("Data files (*.csv *.tsv *.txt *.data);;All files (*)"))
            if not chosen:
                raise MlpvizError(self.tr("the snapshot was trained on {0}, which is not here; open it with its "
                                          "data (nothing was changed)").format(recorded))
            path = Path(chosen)
        table = self.data_opener.read(path)  # checked with the network before either changes
        if table is None:
            raise MlpvizError(self.tr("its data {0} were not opened; nothing was changed").format(path.name))
        s.load_snapshot_on(snap, table)

    def _new_session(self) -> None:
        from mlpviz.app.presets import apply_preset

        apply_preset(self.session, "notebook")

    def _go_to_checkpoint(self, point: Checkpoint) -> None:
        self.apply_lesson_view({**point.view, "step": point.step})

    def _checkpoint_here(self, name: str, note: str) -> Checkpoint:
        view = self.lesson_view()
        step = view.pop("step")
        return Checkpoint(name, step, note, view)

    def _on_document_changed(self) -> None:
        d = self.document
        self.checkpoints_panel.set_lesson(d.title, d.note, d.checkpoints)
        self._update_title()
        self.setWindowModified(d.modified and d.path is not None)
