"""The main window: toolbar, canvas in the middle, docks around it, status bar.

It builds the session and the views, and connects them in one place (``_connect``): the
session's signals to the views' setters, the views' requests to the session's commands.
It does no maths and holds no training state of its own. Its other jobs are mixed in from files
of their own: the layout and its persistence (``window_layout.py``), the menus (``menus.py``), what
is kept between launches (``session_keeping.py``), presentation mode (``presentation.py``) and the
status bar (``window_status.py``).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

from mlpviz.app import files
from mlpviz.app.backprop_check import BackpropCheck, check_inputs
from mlpviz.app.landscape_jobs import LandscapeJobs, gather_from
from mlpviz.app.presets import apply_preset
from mlpviz.app.selection import Selection
from mlpviz.app.session import Session
from mlpviz.app.session_store import SessionStore
from mlpviz.teaching.quiz import Quiz

from .appearance import Appearance
from .check.check_views import BackpropCheckViews, describe_check
from .canvas.network_canvas import NetworkCanvas
from .controls.control_panel import ControlPanel
from .data.data_panel import DataPanel
from .data.dataset_chooser import DatasetChooser
from .data.open_data import DataOpener
from .file_drop import FileDrop
from .fonts import names_font_message, undrawable
from .language_menu import LanguageChoice
from .lesson.lesson_window import LessonDocuments
from .controls.notice_banner import DivergenceNotice
from .plots.decision_map import DecisionMap
from .plots.landscape_panel import LandscapePanel
from .plots.loss_plot import LossPlot
from .menus import WindowMenus
from .messages_window import MessageReader
from .picture_turns import PictureTurns
from .presentation import PresentationMode
from .controls.presets_menu import PresetsMenu
from .retranslate import retranslate
from .session_keeping import SessionKeeping
from .snapshots import SNAPSHOT_SUFFIXES, SnapshotActions, SnapshotFeatures, Timeline
from .tables.formula_panel import FormulaPanel
from .tables.step_values_view import StepValuesView
from .tables.weights_dock import WeightsDock
from .teaching.export_dialog import export_worked_example_action
from .teaching.install import TeachingViews, selected_units
from .teaching.quiz_panel import QuizPanel
from .wheel_guard import WheelGuard
from .text_size import TextSize, apply_to_widgets, desktop_font
from .toolbar import TrainingToolbar
from .window_layout import WindowLayout
from .window_status import WindowStatus

class MainWindow(LessonDocuments, PresentationMode, WindowMenus, WindowLayout, SessionKeeping, WindowStatus,
                 QMainWindow):
    """mlpviz's window. ``session`` owns the network; every view draws what the window gives it."""

    def __init__(self, session: Session | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowTitle("mlpviz")
        self.session = session or Session(self)
        self.selection = Selection(self, self.session.arch.sizes)
        self.settings = settings or QSettings()
        self.store: SessionStore | None = None
        self._start_layout()
        self.text_size = TextSize(self.settings, self)
        self.wheel_guard = WheelGuard(self)  # the wheel scrolls panels, not unclicked fields
        self.appearance = Appearance(self.settings, self)
        self.language = LanguageChoice(self.settings, self)
        self.messages = MessageReader(self)  # every message of the status bar, kept to be read again
        self._base_font = desktop_font()  # the text size is a factor on the desktop's size
        self._build_views()
        self._build_lesson()
        self._build_presentation()
        self._build_menus(self.session.undo_stack, self.session.navigation.back)
        self._build_status_bar()
        self._column.addWidget(self.timeline)
        self._connect()
        self.wheel_guard.watch(self)
        self.session.network_rebuilt.connect(lambda _arch: self.wheel_guard.watch(self))  # new layer fields
        self._update_title()
        self._restore_layout()
        self._restore_view_settings()

    def _build_views(self) -> None:
        """Every view, each given what it draws and the commands it may send, in its place.

        The canvas sits in a column with the divergence notice above it and the timeline
        below; the other views are docks around it. (Each dock's view is made just before
        its dock: built in another order, Qt 6.11 can show a stale tab bar in the left column.)
        """
        s, state = self.session, self.session.state
        self.canvas = NetworkCanvas(state, self.selection, self)
        self._central = QWidget(self)
        self._central.setObjectName("central-column")
        self._column = QVBoxLayout(self._central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.canvas, 1)
        self.setCentralWidget(self._central)
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.toolbar = TrainingToolbar(s.status, state, self.selection, self)
        self.addToolBar(Qt.TopToolBarArea, self.toolbar)
        self.control_panel = ControlPanel(s.arch, s.config, s.set_architecture, s.set_config)
        controls = self.add_dock("controls", self.tr("Network && training"), self.control_panel, Qt.LeftDockWidgetArea)
        self.divergence_notice = DivergenceNotice(s.config, s.set_config, standardize_inputs=s.standardize_inputs)
        self._column.insertWidget(0, self.divergence_notice)
        # numbers on the right: weights above, formulas and step values tabbed under them
        self.weights_view = WeightsDock(state, self.selection, s.edit_weight, s.edit_bias)
        weights = self.add_dock("weights", self.tr("Weights and biases"), self.weights_view, Qt.RightDockWidgetArea)
        self.formula_panel = FormulaPanel(state, self.selection)
        formulas = self.add_dock("formulas", self.tr("Formulas"), self.formula_panel, Qt.RightDockWidgetArea,
                                 scroll=False)
        self.splitDockWidget(weights, formulas, Qt.Vertical)
        self.step_values_view = StepValuesView(state, self.selection)
        values = self.add_dock("step-values", self.tr("Step values"), self.step_values_view, Qt.RightDockWidgetArea,
                               scroll=False)
        self.tabifyDockWidget(formulas, values)
        formulas.raise_()
        # data on the left, in tabs under the controls: the table gets the column's full height
        self.dataset_chooser = DatasetChooser(s.dataset, s.arch, s.set_data)
        chooser = self.add_dock("dataset", self.tr("Data set"), self.dataset_chooser, Qt.LeftDockWidgetArea)
        self.data_panel = DataPanel(s.dataset, s.config.seed, self._next_batch, s.set_data)
        table = self.add_dock("data", self.tr("Data"), self.data_panel, Qt.LeftDockWidgetArea)
        self.tabify_later(controls, chooser, table)
        # plots at the bottom, side by side
        self.loss_plot = LossPlot(s.loss_log, state)
        loss = self.add_dock("loss", self.tr("Loss"), self.loss_plot, Qt.BottomDockWidgetArea, scroll=False)
        self.decision_map = DecisionMap(state, s.dataset)
        decision = self.add_dock("decision-map", self.tr("Decision map"), self.decision_map, Qt.BottomDockWidgetArea,
                                 scroll=False)
        self.splitDockWidget(loss, decision, Qt.Horizontal)
        # teaching (issue 15): a hidden Quiz dock on the right, File ▸ Export step as worked example…
        self.quiz_panel = QuizPanel(Quiz(), self._current_record, is_on=lambda: not self.docks["quiz"].isHidden(),
                                    hold_shown=s.quiz.ask_now)
        quiz = self.add_dock("quiz", self.tr("Quiz"), self.quiz_panel, Qt.RightDockWidgetArea)
        quiz.hide()
        quiz.toggleViewAction().setText(self.tr("&Quiz: predict the next number"))
        self.worked_example_action = export_worked_example_action(
            self, self._current_record, lambda: self.selection.sample,
            lambda: selected_units(self.selection.item), self.show_message, lambda: self.session.dataset.notes,
            self._current_record_step)
        self.teaching = TeachingViews(self.worked_example_action, self.quiz_panel)
        # File ▸ Check my backprop… (issue 26): a learner's file checked against the network on screen
        self.backprop_check = BackpropCheck(lambda: check_inputs(s.arch, s.params, s.dataset, s.config.learning_rate),
                                            self)
        self.check_views = BackpropCheckViews(
            self.backprop_check, self.selection, self.canvas.set_check_marks, self.formula_panel.set_check_lines,
            self.settings, lambda: describe_check(s.arch, s.dataset, s.config.learning_rate), self)
        check = self.add_dock("check", self.tr("Check my backprop"), self.check_views.panel, Qt.RightDockWidgetArea,
                              scroll=False)
        self.tabifyDockWidget(weights, check)  # shown in front of the weights: the formulas stay in view below
        check.hide()
        # Train ▸ Loss landscape (issue 27): the loss over a plane with the run's path and a race, computed apart
        self.landscape_jobs = LandscapeJobs(lambda: gather_from(s.trainer, s.state), self)
        self.landscape_panel = LandscapePanel(s.arch, s.config, lambda: self.selection.item)
        landscape = self.add_dock("landscape", self.tr("Loss landscape"), self.landscape_panel,
                                  Qt.RightDockWidgetArea, scroll=False)
        self.tabifyDockWidget(weights, landscape)
        landscape.hide()
        self._name_landscape_action()
        # files, snapshots, the timeline, presets
        self.data_opener = DataOpener(s.load_data, self, plan=s.plan_open)
        self.snapshot_actions = SnapshotActions(state, self.settings, s.trainer.snapshot, files.read_snapshot,
                                                files.write_snapshot, self.load_snapshot_with_its_data, self,
                                                self.data_opener.choose, s.load_snapshot_on)
        nav = s.navigation
        self.timeline = Timeline(state, s.step_count, s.history, show_step=nav.show, latest=nav.latest,
                                 continue_from=nav.continue_from, set_compare=nav.set_compare,
                                 read_snapshot=files.read_snapshot)
        self.snapshots = SnapshotFeatures(self.snapshot_actions, self.timeline, state, self.settings,
                                          self.canvas, self.loss_plot, s.history.set_budget, self,
                                          s.runs.set_auto_snapshot_every, self.landscape_panel.plot)
        self.presets_menu = PresetsMenu(lambda key: apply_preset(self.session, key), self)
        self.file_drop = FileDrop(self)  # dropped files by suffix
        self.file_drop.register(".csv", self.data_opener.open)
        for suffix in SNAPSHOT_SUFFIXES:
            self.file_drop.register(suffix, self.snapshots.open_dropped)

    def _connect(self) -> None:
        """Every connection between the session and the views, in one place."""
        s = self.session
        # session -> views
        rest = [view.set_state for view in (self.toolbar, self.weights_view, self.formula_panel, self.step_values_view,
                                            self.loss_plot, self.decision_map, self.data_panel, self.snapshot_actions)]
        rest += [lambda state: self.timeline.set_state(state, s.step_count),
                 lambda state: self.snapshots.set_state(state, s.step_count), lambda _state: self._refresh_status()]
        self.picture_turns = PictureTurns([self.canvas.set_state], rest, self.canvas.viewport(), self)
        s.state_changed.connect(self.picture_turns.set_state)  # during fast Run: the canvas, then the rest
        s.status_changed.connect(self.picture_turns.set_status)
        for view in (self.weights_view, self.formula_panel, self.step_values_view, self.loss_plot):
            view.set_status(s.status)
            s.status_changed.connect(view.set_status)
        s.status_changed.connect(self.toolbar.set_status)
        s.network_rebuilt.connect(self.selection.set_architecture)  # first: the views rebuilt without an old pick
        for view in (self.canvas, self.control_panel, self.weights_view, self.dataset_chooser):
            s.network_rebuilt.connect(view.set_architecture)
        for view in (self.control_panel, self.divergence_notice, self.data_panel):
            s.config_changed.connect(view.set_config)
        for view in (self.dataset_chooser, self.data_panel, self.decision_map):
            s.data_changed.connect(view.set_dataset)
        s.diverged.connect(lambda _record: self.divergence_notice.show_divergence(s.trainer.divergence))
        s.step_applied.connect(lambda _record: self.divergence_notice.dismiss())
        s.status_changed.connect(lambda status: self.divergence_notice.dismiss() if status.running else None)
        s.network_rebuilt.connect(lambda _arch: self.divergence_notice.dismiss())
        s.network_rebuilt.connect(self.quiz_panel.forget_question)
        s.snapshot_due.connect(self.snapshot_actions.auto_snapshot)
        s.quiz.ask_with(self.quiz_panel.question_for)
        s.quiz.dropped.connect(self.quiz_panel.drop_question)
        self.quiz_panel.answered.connect(s.quiz.release)
        self.docks["quiz"].toggleViewAction().toggled.connect(lambda on: on or self._close_quiz())
        check = self.docks["check"]
        self.check_views.show_requested.connect(lambda: (check.show(), check.raise_()))
        check.toggleViewAction().toggled.connect(self.check_views.set_shown)
        formulas = self.docks["formulas"]  # brought forward unless it is a tab of the panel's own group
        self.check_views.formulas_requested.connect(
            lambda: check in self.tabifiedDockWidgets(formulas) or formulas.raise_())
        self._connect_landscape()
        s.message.connect(self.show_message)
        s.network_rebuilt.connect(self._update_title)
        s.data_changed.connect(self._update_title)
        s.data_changed.connect(self._check_fonts)
        self.text_size.changed.connect(self.set_text_scale)
        s.network_rebuilt.connect(lambda _arch: QTimer.singleShot(0, lambda: self.set_text_scale(self.text_size.scale)))
        if self.text_size.scale != 1.0:
            self.set_text_scale(self.text_size.scale)
        self.appearance.changed.connect(self.set_look)
        self.language.changed.connect(self.retranslate)
        self.language.message.connect(self.show_message)
        self.appearance.apply()
        # views -> session
        self.toolbar.step_requested.connect(s.navigation.forward)
        self.toolbar.run_requested.connect(lambda on: s.run() if on else s.pause())
        self.toolbar.reset_requested.connect(s.reset)
        self.toolbar.animate_requested.connect(s.set_animate)
        self.toolbar.phase_by_phase_requested.connect(s.set_phase_by_phase)
        self.toolbar.speed_requested.connect(s.set_speed)
        self.control_panel.reset_requested.connect(s.reset)
        self.dataset_chooser.open_requested.connect(self.data_opener.ask_and_open)
        # what views have to say, in the status bar
        for view in (self.control_panel, self.weights_view, self.dataset_chooser, self.data_panel,
                     self.presets_menu):
            view.problem.connect(self.show_message)
        for view in (self.divergence_notice, self.dataset_chooser, self.data_panel, self.data_opener,
                     self.snapshot_actions, self.snapshots):
            view.message.connect(self.show_message)

    def _connect_landscape(self) -> None:
        """The Landscape panel's choices to its jobs, their pictures back; it follows the state shown."""
        s, jobs, panel, dock = self.session, self.landscape_jobs, self.landscape_panel, self.docks["landscape"]
        s.state_changed.connect(jobs.state_changed)
        s.network_rebuilt.connect(panel.set_architecture)
        s.config_changed.connect(panel.set_config)
        for signal in (s.network_rebuilt, s.data_changed):
            signal.connect(jobs.clear_race)
        panel.choice_changed.connect(jobs.set_choice)
        panel.follow_changed.connect(jobs.set_follow)
        panel.recompute_requested.connect(jobs.recompute)
        panel.race_form.race_requested.connect(jobs.race)
        panel.race_form.clear_requested.connect(jobs.clear_race)
        panel.export_requested.connect(self.snapshots.export_landscape_image)
        panel.problem.connect(self.show_message)
        jobs.picture_ready.connect(panel.show_picture)
        jobs.busy_changed.connect(panel.set_busy)
        jobs.failed.connect(panel.show_problem)
        dock.visibilityChanged.connect(jobs.set_active)  # computed only while it is in view
        dock.toggleViewAction().toggled.connect(lambda on: on and QTimer.singleShot(0, dock.raise_))  # in front of its tabs

    def _name_landscape_action(self) -> None:
        action = self.docks["landscape"].toggleViewAction()
        action.setText(self.tr("Loss &landscape"))  # a dock's title resets it
        action.setShortcut(QKeySequence("Ctrl+Shift+L"))

    def _close_quiz(self) -> None:
        """The quiz was closed: a step waiting for its answer goes on, the question withdrawn."""
        if self.session.quiz.is_holding:
            self.quiz_panel.forget_question()
            self.session.quiz.release()

    def set_look(self, look) -> None:
        """The drawn views in an appearance's colours (widgets follow the application palette)."""
        for view in (self.canvas, self.loss_plot, self.decision_map, self.landscape_panel.plot):
            view.set_look(look)

    def retranslate(self, old: str, new: str) -> None:
        """Every text in the language just chosen: the widgets' words, then what the views draw."""
        retranslate(old, new)
        self.docks["quiz"].toggleViewAction().setText(self.tr("&Quiz: predict the next number"))  # a dock's title resets it
        self._name_landscape_action()
        self.landscape_panel.retranslate()
        self._update_title()
        self.status_numbers.fit_widths()
        self.status_message.retranslate()
        self._refresh_status()
        state = self.session.state
        for view in (self.canvas, self.toolbar, self.weights_view, self.formula_panel, self.step_values_view,
                     self.loss_plot, self.decision_map, self.data_panel):
            view.set_state(state)
        self.canvas.set_architecture(self.session.arch)
        self.decision_map.set_dataset(self.session.dataset)
        self.loss_plot.retranslate()
        for key in (self.decision_map.class_key, self.data_panel.class_key):
            key.set_classes(key.names)  # its tooltip names the classes in a sentence of the new language

    def _check_fonts(self, *_args) -> None:
        """Class names no installed font can draw are named with the font package to install, never boxes."""
        missing = undrawable((self.session.dataset.name, *self.session.dataset.class_names))
        if missing:
            self.show_message(names_font_message(missing))

    def set_text_scale(self, scale: float) -> None:
        """Every text at ``scale`` × the desktop size: widgets, tooltips, tables, canvas, plots, formulas."""
        apply_to_widgets(self._base_font, scale, self)
        for dock in self.docks.values():  # title bars keep the height of the old font otherwise
            dock.layout().invalidate()
        self.canvas.set_presenting(self.text_size.presenting)  # the numbers for the back row (node_numbers)
        for view in (self.canvas, self.loss_plot, self.decision_map, self.formula_panel, self.landscape_panel.plot):
            view.set_text_scale(scale)

    def _current_record(self):
        """The step shown, else the last step taken (the quiz and the worked example use it); not a refused step
        whose run went back to an earlier one: its numbers are not the network's on screen."""
        trainer = self.session.trainer
        shown, refused = self.session.state.step_record, trainer.divergence
        if shown is None and refused is not None and refused.kept_step != refused.step:
            return None
        return shown or trainer.last_record

    def _current_record_step(self) -> int:
        """The number (from 1) of the step ``_current_record`` gives: the one on screen, else the last taken."""
        state = self.session.state
        return state.shown_step if state.step_record is not None else self.session.trainer.step

    def _next_batch(self):
        """The next step's batch for the data panel: ``(BatchPosition, row indices)``."""
        trainer = self.session.trainer
        return trainer.batch_position, trainer.batch_indices(trainer.step)

    def _update_title(self, *_args) -> None:
        """The title names the network and the data, so a projected window says what it shows."""
        s = self.session
        network = self.tr("{0} {1}/{2} on {3}").format(
            s.arch.label(), s.arch.hidden_activation, s.arch.output_activation, s.dataset.name)
        document = self.document  # a lesson's name first, with [*]: Qt's place for the unsaved-changes star
        self.setWindowTitle(f"{document.name}[*] — {network} — mlpviz" if document.path is not None
                            else f"{network} — mlpviz")

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if not self.document_actions.maybe_save():  # Cancel: the window stays, nothing lost
            event.ignore()
            return
        self.set_presenting(False)  # the layout saved is the desktop one, not the presentation's
        self.session.pause()  # first: a Run in the worker process comes back whole, then is saved
        self.save_session()
        self._save_layout()
        self._save_view_settings()
        self.settings.sync()
        super().closeEvent(event)
