"""The main window: toolbar, canvas in the middle, docks around it, status bar.

It builds the session and the views, and connects them in one place (``_connect``): the
session's signals to the views' setters, the views' requests to the session's commands.
It does no maths and holds no training state of its own. Window geometry and dock layout
persist in QSettings.
"""

from __future__ import annotations

import math

import sys

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QVBoxLayout, QWidget

from mlpviz.app.backprop_check import BackpropCheck, check_inputs
from mlpviz.app.presets import apply_preset
from mlpviz.app.selection import Selection
from mlpviz.app.session import Session
from mlpviz.app.session_store import SessionStore, restore_session
from mlpviz.io.atomic import remove_temporaries
from mlpviz.teaching.quiz import Quiz

from .appearance import Appearance
from .check.check_views import BackpropCheckViews, describe_check
from .canvas.network_canvas import NetworkCanvas
from .control_panel import ControlPanel
from .data.data_panel import DataPanel
from .data.dataset_chooser import DatasetChooser
from .data.open_data import DataOpener
from .file_drop import FileDrop
from .fonts import names_font_message, undrawable
from .language_menu import LanguageChoice
from .lesson.lesson_window import LessonDocuments
from .notice_banner import DivergenceNotice
from .plots.decision_map import DecisionMap
from .plots.loss_plot import LossPlot
from .presentation import PresentationMode, back_keys, next_keys
from .presets_menu import PresetsMenu
from .retranslate import retranslate
from .screen_fit import dock_sizes, first_size, scrollable
from .snapshots import SNAPSHOT_SUFFIXES, SnapshotActions, SnapshotFeatures, Timeline
from .settings_values import byte_array
from .status_bar import StatusNumbers
from .tables.formula_panel import FormulaPanel
from .tables.step_values_view import StepValuesView
from .tables.weights_dock import WeightsDock
from .teaching.export_dialog import export_worked_example_action
from .teaching.install import TeachingViews, selected_units
from .teaching.quiz_panel import QuizPanel
from .wheel_guard import WheelGuard
from .text_size import TextSize, apply_to_widgets, desktop_font
from .toolbar import TrainingToolbar
from .view_settings import clipped_to, fits, load_view_settings, save_view_settings

STALE_TEMPORARY_SECONDS = 3600
STATUS_INTERVAL_MS = 250
MESSAGE_MS = 6000


class MainWindow(LessonDocuments, PresentationMode, QMainWindow):
    """mlpviz's window. ``session`` owns the network; every view draws what the window gives it."""

    def __init__(self, session: Session | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowTitle("mlpviz")
        self.session = session or Session(self)
        self.selection = Selection(self)
        self.settings = settings or QSettings()
        self.docks: dict[str, QDockWidget] = {}
        self.store: SessionStore | None = None
        self._layout_restored = False
        self._fitted_once = False
        self.text_size = TextSize(self.settings, self)
        self.wheel_guard = WheelGuard(self)  # the wheel scrolls panels, not unclicked fields
        self.appearance = Appearance(self.settings, self)
        self.language = LanguageChoice(self.settings, self)
        self._base_font = desktop_font()  # the text size is a factor on the desktop's size
        self._build_views()
        self._build_lesson()
        self._build_presentation()
        self._build_menus()
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
        self.quiz_panel = QuizPanel(Quiz(), self._current_record, s.step_shown, s.hold_question,
                                    is_on=lambda: not self.docks["quiz"].isHidden(), hold_shown=s.hold_shown_step)
        quiz = self.add_dock("quiz", self.tr("Quiz"), self.quiz_panel, Qt.RightDockWidgetArea)
        quiz.hide()
        quiz.toggleViewAction().setText(self.tr("&Quiz: predict the next number"))
        self.worked_example_action = export_worked_example_action(
            self, self._current_record, lambda: self.selection.sample,
            lambda: selected_units(self.selection.item), self.show_message, lambda: self.session.dataset.notes)
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
        # files, snapshots, the timeline, presets
        self.data_opener = DataOpener(s.load_table, self)
        self.snapshot_actions = SnapshotActions(state, self.settings, s.snapshot, s.read_snapshot,
                                                s.write_snapshot, self.load_snapshot_with_its_data, self)
        self.timeline = Timeline(state, s.step_count, s.history, show_step=s.show_step,
                                 continue_from=s.continue_from, set_compare=s.set_compare,
                                 read_snapshot=s.read_snapshot)
        self.snapshots = SnapshotFeatures(self.snapshot_actions, self.timeline, state, self.settings,
                                          self.canvas, self.loss_plot, s.set_history_budget, self,
                                          s.set_auto_snapshot_every)
        self.presets_menu = PresetsMenu(lambda key: apply_preset(self.session, key), self)
        self.file_drop = FileDrop(self)  # dropped files by suffix
        self.file_drop.register(".csv", self.data_opener.open)
        for suffix in SNAPSHOT_SUFFIXES:
            self.file_drop.register(suffix, self.snapshots.open_dropped)

    def _build_menus(self) -> None:
        """File, Edit, Train, Presets, View, Help, in that order."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.snapshot_actions.add_to_menu(self.file_menu)
        self.document_actions.add_to_menu(self.file_menu)
        self.file_menu.addAction(self.data_opener.action)
        self.file_menu.addSeparator()
        for action in (self.snapshots.image_action, self.snapshots.loss_image_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.snapshots.preferences_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.worked_example_action)
        self.file_menu.addAction(self.check_views.chooser.action)
        self.file_menu.addAction(QAction(self.tr("&Quit"), self, shortcut=QKeySequence.Quit, triggered=self.close))
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.train_menu = bar.addMenu(self.tr("&Train"))
        self.toolbar.step_action.setShortcuts(next_keys())  # and a clicker's Page Down
        self.toolbar.step_action.setToolTip(self.tr("Take one training step (→ or Page Down; ← goes back)"))
        self.back_action = QAction(self.tr("Previous step"), self, shortcuts=back_keys(), triggered=self.step_back,
                                   toolTip=self.tr("Show the step before the one shown (←, Page Up)"))
        for action in self.toolbar.menu_actions()[:1] + [self.back_action] + self.toolbar.menu_actions()[1:]:
            self.train_menu.addAction(action)
            self.addAction(action)  # the keys work while the toolbar is hidden (presentation mode)
        self.train_menu.addSeparator()
        self.train_menu.addAction(self.docks["quiz"].toggleViewAction())
        self.lesson_menu = bar.addMenu(self.tr("&Lesson"))
        for action in self._lesson_menu_actions():
            self.lesson_menu.addAction(action)
            self.addAction(action)  # the keys work while the menu bar is hidden (presentation mode)
        self.lesson_menu.addSeparator()
        self.lesson_menu.addAction(self.docks["lesson"].toggleViewAction())
        bar.addMenu(self.presets_menu)
        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addMenu(self.appearance.menu)
        self.view_menu.addMenu(self.language.menu)
        self.view_menu.addAction(self.present_action)
        self.view_menu.addMenu(self.panel_menu)
        self.text_size_menu = self.view_menu.addMenu(self.tr("&Text size"))
        for action in self.text_size.actions():
            self.text_size_menu.addAction(action)
            self.addAction(action)  # the keys work while the menu bar is hidden (presentation mode)
        self.view_menu.addSeparator()
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(QAction(self.tr("&Keyboard shortcuts"), self, shortcut=QKeySequence.HelpContents,
                                         triggered=self._show_shortcuts))
        self.help_menu.addAction(QAction(self.tr("&About mlpviz"), self, triggered=self._show_about))

    def _connect(self) -> None:
        """Every connection between the session and the views, in one place."""
        s = self.session
        # session -> views
        for view in (self.canvas, self.toolbar, self.weights_view, self.formula_panel, self.step_values_view,
                     self.loss_plot, self.decision_map, self.data_panel, self.snapshot_actions):
            s.state_changed.connect(view.set_state)
        s.state_changed.connect(lambda state: self.timeline.set_state(state, s.step_count))
        s.state_changed.connect(lambda state: self.snapshots.set_state(state, s.step_count))
        s.state_changed.connect(lambda _state: self._refresh_status())
        for view in (self.weights_view, self.formula_panel, self.step_values_view):
            view.set_status(s.status)
            s.status_changed.connect(view.set_status)
        s.running_changed.connect(self.toolbar.set_running)
        s.status_changed.connect(self.toolbar.set_status)
        for view in (self.canvas, self.control_panel, self.weights_view, self.dataset_chooser):
            s.network_rebuilt.connect(view.set_architecture)
        for view in (self.control_panel, self.divergence_notice, self.data_panel):
            s.config_changed.connect(view.set_config)
        for view in (self.dataset_chooser, self.data_panel, self.decision_map):
            s.data_changed.connect(view.set_dataset)
        s.diverged.connect(lambda _record: self.divergence_notice.show_divergence(s.divergence))
        s.step_applied.connect(lambda _record: self.divergence_notice.dismiss())
        s.running_changed.connect(lambda running: self.divergence_notice.dismiss() if running else None)
        s.network_rebuilt.connect(lambda _arch: self.divergence_notice.dismiss())
        s.network_rebuilt.connect(self.quiz_panel.forget_question)
        s.snapshot_due.connect(self.snapshot_actions.auto_snapshot)
        s.question_dropped.connect(self.quiz_panel.drop_question)
        self.quiz_panel.answered.connect(s.release_question)
        self.docks["quiz"].toggleViewAction().toggled.connect(lambda on: on or self._close_quiz())
        check = self.docks["check"]
        self.check_views.show_requested.connect(lambda: (check.show(), check.raise_()))
        check.toggleViewAction().toggled.connect(self.check_views.set_shown)
        formulas = self.docks["formulas"]  # brought forward unless it is a tab of the panel's own group
        self.check_views.formulas_requested.connect(
            lambda: check in self.tabifiedDockWidgets(formulas) or formulas.raise_())
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
        self.toolbar.step_requested.connect(self.step_forward)
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

    def step_forward(self) -> None:
        """→: the next kept step when an earlier one is shown (after ←), else the next step or phase."""
        s = self.session
        later = s.history.steps[s.history.steps > s.state.step] if not s.is_running else ()
        if len(later) and s.state.step < s.step_count and not s.is_holding:  # holding: → skips the question
            s.show_step(int(later[0]))
        else:
            s.step_or_phase()

    def _close_quiz(self) -> None:
        """The quiz was closed: a step waiting for its answer goes on, the question withdrawn."""
        if self.session.is_holding:
            self.quiz_panel.forget_question()
            self.session.release_question()

    def step_back(self) -> None:
        """←: the network as it was one kept step before the one shown (Run pauses)."""
        s = self.session
        earlier = s.history.steps[s.history.steps < s.state.step]
        if len(earlier):
            s.pause()
            s.show_step(int(earlier[-1]))

    def set_look(self, look) -> None:
        """The drawn views in an appearance's colours (widgets follow the application palette)."""
        for view in (self.canvas, self.loss_plot, self.decision_map):
            view.set_look(look)

    def retranslate(self, old: str, new: str) -> None:
        """Every text in the language just chosen: the widgets' words, then what the views draw."""
        retranslate(old, new)
        self.docks["quiz"].toggleViewAction().setText(self.tr("&Quiz: predict the next number"))  # a dock's title resets it
        self._update_title()
        self.status_numbers.fit_widths()
        self._refresh_status()
        state = self.session.state
        for view in (self.canvas, self.toolbar, self.weights_view, self.formula_panel, self.step_values_view,
                     self.loss_plot, self.decision_map, self.data_panel):
            view.set_state(state)
        self.canvas.set_architecture(self.session.arch)
        self.decision_map.set_dataset(self.session.dataset)
        self.loss_plot.retranslate()

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
        for view in (self.canvas, self.loss_plot, self.decision_map, self.formula_panel):
            view.set_text_scale(scale)

    def _current_record(self):
        """The step shown, else the last step taken (the quiz and the worked example use it)."""
        return self.session.state.step_record or self.session.last_record

    def _next_batch(self):
        """The next step's batch for the data panel: ``(BatchPosition, row indices)``."""
        return self.session.batch_position, self.session.current_batch_indices

    def add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea,
                 scroll: bool = True) -> QDockWidget:
        """Put ``widget`` in a dock whose place and visibility are remembered under ``key``.

        ``scroll``: in a scroll area, so a small screen scrolls the panel rather than overlap or cut
        it. Plots, the formulas and the step values shrink to any size by themselves and are not
        wrapped: a scroll area re-lays out its contents whenever they change, every frame of a Run.
        """
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(scrollable(widget) if scroll else widget)
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        return dock

    def tabify_later(self, first: QDockWidget, *others: QDockWidget) -> None:
        """Tab ``others`` behind ``first`` once every dock is in place (``first`` stays in front).

        Tabbing while other docks are still being added left a stray, stale tab bar in the
        dock area (seen with Qt 6.11), so it waits for the event loop.
        """
        def tabify() -> None:
            if self._layout_restored:  # the user's own arrangement wins
                return
            for dock in others:
                self.tabifyDockWidget(first, dock)
            first.raise_()

        QTimer.singleShot(0, tabify)

    def _size_docks(self) -> None:
        """First-launch proportions for this screen: the canvas gets the most room, side columns stay readable."""
        sizes = dock_sizes(self.screen().availableGeometry())
        left = [d for d in self.docks.values() if self.dockWidgetArea(d) == Qt.LeftDockWidgetArea]
        if left:
            self.resizeDocks(left[:1], [sizes.left], Qt.Horizontal)
        self.resizeDocks([self.docks["weights"]], [sizes.right], Qt.Horizontal)
        if sizes.roomy:
            self.resizeDocks([self.docks["weights"], self.docks["formulas"]], [2, 3], Qt.Vertical)
            self.resizeDocks([self.docks["loss"], self.docks["decision-map"]], [1, 1], Qt.Horizontal)
        self.resizeDocks([self.docks["loss"]], [sizes.bottom], Qt.Vertical)

    # --- status bar ------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.status_numbers = StatusNumbers(self.statusBar())
        n = self.status_numbers
        self.step_label, self.loss_label, self.rate_label, self.fps_label = (
            n.step_label, n.loss_label, n.rate_label, n.fps_label)
        self._status_timer = QTimer(self, interval=STATUS_INTERVAL_MS, timeout=self._refresh_status)
        self._status_timer.start()
        self._refresh_status()

    def _refresh_status(self) -> None:
        s, state = self.session, self.session.state
        if state.record is None:
            loss = float("nan")
        elif state.shows_loss:  # the loss logged for the step on screen (the loss panel's), else the record's
            logged = s.loss_log.loss_at(state.shown_step)
            loss = logged if math.isfinite(logged) else state.record.loss
        else:  # the forward pass is still on its way: the loss known is the previous step's
            loss = s.loss_log.loss_at(state.step)
        self.status_numbers.show(state.shown_step, loss, s.status, self.canvas.frames_per_second,
                                 s.loss_log.latest_accuracy(state.step), latest=s.step_count)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    def shortcut_lines(self) -> list[str]:
        """Every menu action that has a shortcut, as "key — what it does", for the help dialog."""
        lines = []
        menus = [self.file_menu, self.edit_menu, self.train_menu, self.view_menu, self.help_menu]
        for menu in menus:
            for action in menu.actions():
                if action.menu() is not None:
                    menus.append(action.menu())
                key = action.shortcut().toString(QKeySequence.NativeText)
                if key:
                    lines.append(f"{key} — {action.text().replace('&', '')}")
        return lines

    def _show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Information, self.tr("Keyboard shortcuts"), "\n".join(self.shortcut_lines()),
                          QMessageBox.Close, self)
        box.setInformativeText(self.tr("Hover over any control for what it does."))
        box.open()

    def _update_title(self, *_args) -> None:
        """The title names the network and the data, so a projected window says what it shows."""
        s = self.session
        network = self.tr("{0} {1}/{2} on {3}").format(
            s.arch.label(), s.arch.hidden_activation, s.arch.output_activation, s.dataset.name)
        document = self.document  # a lesson's name first, with [*]: Qt's place for the unsaved-changes star
        self.setWindowTitle(f"{document.name}[*] — {network} — mlpviz" if document.path is not None
                            else f"{network} — mlpviz")

    def _show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from mlpviz import __version__

        QMessageBox.about(
            self, self.tr("About mlpviz"),
            f"<b>mlpviz {__version__}</b><p>" + self.tr("Watch a small neural network learn, one backprop step at a time.")
            + "</p>",
        )

    # --- persistence -----------------------------------------------------------------

    def _restore_layout(self) -> None:
        """The layout the user left, clipped to this screen; on first launch one that fits the screen.

        On a screen smaller than about 1600×940 (a laptop, a projector, 150 % or 200 % scaling)
        the right column's docks and the decision map tab together, so nothing overlaps.
        """
        geometry = byte_array(self.settings.value("window/geometry"))  # None if missing or not bytes
        state = byte_array(self.settings.value("window/state"))
        self._layout_restored = state is not None
        available = self.screen().availableGeometry()
        if geometry is None:
            size = first_size(available)
            self.resize(size)
            self.move(available.x() + (available.width() - size.width()) // 2,
                      available.y() + (available.height() - size.height()) // 2)
        else:
            self.restoreGeometry(geometry)
            self.fit_to_screen()  # saved on a larger screen: fit this one
        if state is None:
            if not dock_sizes(available).roomy:
                # the decision map is square: a tab of the tall right column, the loss curve alone below
                self.tabify_later(self.docks["weights"], self.docks["formulas"], self.docks["step-values"],
                                  self.docks["decision-map"])
            QTimer.singleShot(0, self._size_docks)  # dock sizes apply once the window is laid out
        else:
            self.restoreState(state)

    def _restore_view_settings(self) -> None:
        """Animate, speed, phase by phase, the weight tables' view and the picked unit, as last left."""
        view = load_view_settings(self.settings)
        s = self.session
        s.set_animate(view.animate)
        s.set_speed(view.speed)
        s.set_phase_by_phase(view.phase_by_phase)
        self.weights_view.set_show(view.show)
        self._saved_pick = view.selected  # picked again once the last session's network is back
        self._select_saved(view.selected)

    def _select_saved(self, item) -> None:
        if item is not None and fits(item, self.session.arch):
            self.selection.set_item(item)

    def fit_to_screen(self) -> None:
        """Move and shrink the window into the available area of the screen it is on."""
        available = self.screen().availableGeometry()
        if self.isMaximized() or self.isFullScreen():
            return
        frame = self.frameGeometry()
        margins = (frame.width() - self.width(), frame.height() - self.height())
        clipped = clipped_to(frame, available)
        if clipped != frame:
            self.resize(max(1, clipped.width() - margins[0]), max(1, clipped.height() - margins[1]))
            self.move(clipped.topLeft())

    def enable_session_persistence(self, store: SessionStore | None = None) -> str:
        """Restore the last session now (unless opted out) and save it when the window closes.

        Off until called (the app calls it): tests and embedded windows never touch the
        user's session file by accident. Returns the status message shown: what was restored
        or set aside, a session folder that cannot be used, or that another running mlpviz
        shares the session.
        """
        self.store = store or SessionStore()
        # A kill mid-write leaves ".<name>.<random>.tmp"; an hour-old one is no write in progress.
        remove_temporaries(self.snapshots.preferences.snapshots_folder, ("mlpviz-",),
                           older_than=STALE_TEMPORARY_SECONDS)
        selected = self.selection.item or self._saved_pick
        if not self.snapshots.preferences.restore_session:
            self._select_saved(selected)
            return ""
        problem = self.store.problem()
        messages = [restore_session(self.store, self.session)]
        self._select_saved(selected)  # the unit picked last time, in the network restored
        if problem:
            messages.append(self.tr("The session will not be kept: %s.") % problem)
        elif not self.store.claim():
            messages.append(self.tr("Another mlpviz window is open and shares the saved session: "
                                    "the one closed last is what opens next time."))
        message = " ".join(m for m in messages if m)
        if message:
            self.show_message(message)
        return message

    def save_session(self) -> None:
        """Save at quit; a failure (whatever it is) is one line on stderr, never an exception into Qt."""
        if self.store is None or not self.snapshots.preferences.restore_session:
            return
        try:
            if not self.store.problem():  # already said at launch
                self.store.save(self.session)
        except Exception as exc:  # noqa: BLE001 - quitting: nobody to show a dialog to
            print(f"mlpviz: the session could not be saved: {' '.join(str(exc).split())}", file=sys.stderr)
        finally:
            self.store.release()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._fitted_once:  # the frame's size is known only now
            self._fitted_once = True
            QTimer.singleShot(0, self.fit_to_screen)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        if not self.document_actions.maybe_save():  # Cancel: the window stays, nothing lost
            event.ignore()
            return
        self.set_presenting(False)  # the layout saved is the desktop one, not the presentation's
        self.session.pause()  # first: a Run in the worker process comes back whole, then is saved
        self.save_session()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        save_view_settings(self.settings, self.session.status, self.weights_view.show, self.selection.item)
        self.settings.sync()
        super().closeEvent(event)
