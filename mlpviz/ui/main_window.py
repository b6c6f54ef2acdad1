"""The main window: toolbar, canvas in the middle, docks around it, status bar.

It builds the session and the views and connects them; it does no maths and holds
no training state of its own. Window geometry and dock layout persist in QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QVBoxLayout, QWidget

from mlpviz.app.selection import Selection
from mlpviz.app.session import Session

from .canvas.network_canvas import NetworkCanvas
from .control_panel import ControlPanel
from .data.docks import add_data_menus, add_data_views
from .file_drop import install_file_drop
from .notice_banner import DivergenceNotice
from .plots.docks import add_plot_docks
from .presets_menu import add_presets_menu
from .snapshots import install_snapshots
from .tables.docks import add_table_docks
from .teaching.install import install_teaching
from .toolbar import TrainingToolbar

STATUS_INTERVAL_MS = 250
MESSAGE_MS = 6000


class MainWindow(QMainWindow):
    """mlpviz's window. ``session`` owns the network; every view draws from it."""

    def __init__(self, session: Session | None = None, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.setWindowTitle("mlpviz")
        self.session = session or Session(self)
        self.selection = Selection(self)
        self.settings = settings or QSettings()
        self.docks: dict[str, QDockWidget] = {}
        self.view_menu = None
        self._layout_restored = False

        self.canvas = NetworkCanvas(self.session, self.selection, self)
        self._central = QWidget(self)
        self._central.setObjectName("central-column")
        self._column = QVBoxLayout(self._central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.canvas, 1)
        self.setCentralWidget(self._central)
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.toolbar = TrainingToolbar(self.session, self.selection, self)
        self.addToolBar(Qt.TopToolBarArea, self.toolbar)
        self.control_panel = ControlPanel(self.session)
        self.control_panel.problem.connect(self.show_message)
        self.add_dock("controls", "Network && training", self.control_panel, Qt.LeftDockWidgetArea)
        self._build_views()
        self._build_menus()
        self._build_status_bar()
        self.snapshots = install_snapshots(self)  # File ▸ snapshots, timeline dock, preferences
        # Issue 15 hook: File ▸ Export step as worked example…, Train ▸ Quiz (a dock); see ui/teaching/install.py.
        self.teaching = install_teaching(self)

        self.session.message.connect(self.show_message)
        self.session.network_rebuilt.connect(self._update_title)
        self.session.data_changed.connect(self._update_title)
        self._update_title()
        self._restore_layout()

    def _build_views(self) -> None:
        """Docks of the other views (tables, data, plots); each takes session and selection."""
        self.divergence_notice = DivergenceNotice(self.session)
        self._column.insertWidget(0, self.divergence_notice)
        add_table_docks(self)
        self.file_drop = install_file_drop(self)  # dropped files by suffix: .csv here, snapshots may register
        add_data_views(self)
        add_plot_docks(self)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.Quit, triggered=self.close)
        self.file_menu.addAction(quit_action)
        self.train_menu = bar.addMenu("&Train")
        for action in self.toolbar.menu_actions():
            self.train_menu.addAction(action)
        self.view_menu = bar.addMenu("&View")
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(QAction("&Keyboard shortcuts", self, shortcut=QKeySequence.HelpContents,
                                         triggered=self._show_shortcuts))
        self.help_menu.addAction(QAction("&About mlpviz", self, triggered=self._show_about))
        add_data_menus(self)
        add_presets_menu(self)

    def add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """Put ``widget`` in a dock whose place and visibility are remembered under ``key``."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{key}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks[key] = dock
        if self.view_menu is not None:
            self.view_menu.addAction(dock.toggleViewAction())
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

    def add_below_canvas(self, widget: QWidget) -> None:
        """Put ``widget`` in a strip under the canvas (the timeline)."""
        self._column.addWidget(widget)

    def _size_docks(self) -> None:
        """First-launch proportions: the canvas gets the most room, side columns stay readable."""
        left = [d for k, d in self.docks.items() if self.dockWidgetArea(d) == Qt.LeftDockWidgetArea]
        right = [self.docks[k] for k in ("weights", "formulas") if k in self.docks]
        bottom = [self.docks[k] for k in ("loss", "decision-map") if k in self.docks]
        if left:
            self.resizeDocks(left[:1], [300], Qt.Horizontal)
        if right:
            self.resizeDocks(right[:1], [460], Qt.Horizontal)
            self.resizeDocks(right, [220, 420][: len(right)], Qt.Vertical)
        if bottom:
            self.resizeDocks(bottom, [1, 1][: len(bottom)], Qt.Horizontal)
            self.resizeDocks(bottom[:1], [230], Qt.Vertical)

    # --- status bar ------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.step_label = QLabel()
        self.loss_label = QLabel()
        self.rate_label = QLabel()
        self.fps_label = QLabel()
        self.step_label.setToolTip("Steps taken since the network was initialised")
        self.loss_label.setToolTip("Loss of the last step's mini-batch (before its update)")
        self.rate_label.setToolTip("Training steps per second during Run")
        self.fps_label.setToolTip("Canvas frames painted per second")
        for label, width in ((self.step_label, 110), (self.loss_label, 130), (self.rate_label, 120), (self.fps_label, 60)):
            label.setFixedWidth(width)  # changing numbers must not re-lay out the window
            bar.addPermanentWidget(label)
        self._status_timer = QTimer(self, interval=STATUS_INTERVAL_MS, timeout=self._refresh_status)
        self._status_timer.start()
        self.session.state_changed.connect(lambda _s: self._refresh_status())
        self._refresh_status()

    def _refresh_status(self) -> None:
        s = self.session
        self.step_label.setText(f"step {s.step_count}")
        loss = s.state.record.loss if s.state.record is not None else float("nan")
        self.loss_label.setText(f"loss {loss:.6g}")
        status = s.status
        self.rate_label.setText(f"{status.steps_per_second:,.0f} steps/s" if status.running else "paused")
        self.fps_label.setText(f"{self.canvas.frames_per_second:.0f} fps")

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    def shortcut_lines(self) -> list[str]:
        """Every menu action that has a shortcut, as "key — what it does", for the help dialog."""
        lines = []
        for menu in (self.file_menu, self.train_menu, self.view_menu, self.help_menu):
            for action in menu.actions():
                key = action.shortcut().toString(QKeySequence.NativeText)
                if key:
                    lines.append(f"{key} — {action.text().replace('&', '')}")
        return lines

    def _show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Information, "Keyboard shortcuts", "\n".join(self.shortcut_lines()),
                          QMessageBox.Close, self)
        box.setInformativeText("Hover over any control for what it does.")
        box.open()

    def _update_title(self, *_args) -> None:
        """The title names the network and the data, so a projected window says what it shows."""
        s = self.session
        self.setWindowTitle(f"{s.arch.label()} {s.arch.hidden_activation}/{s.arch.output_activation} "
                            f"on {s.dataset.name} — mlpviz")

    def _show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from mlpviz import __version__

        QMessageBox.about(
            self, "About mlpviz",
            f"<b>mlpviz {__version__}</b><p>Watch a small neural network learn, one backprop step at a time.</p>",
        )

    # --- persistence -----------------------------------------------------------------

    def _restore_layout(self) -> None:
        """The layout the user left, or on first launch most of the screen with the canvas largest."""
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        self._layout_restored = state is not None
        if geometry is None:
            available = self.screen().availableGeometry()
            self.resize(min(1480, max(1280, int(available.width() * 0.9))), min(940, max(800, int(available.height() * 0.9))))
        else:
            self.restoreGeometry(geometry)
        if state is None:
            QTimer.singleShot(0, self._size_docks)  # dock sizes apply once the window is laid out
        else:
            self.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        self.session.pause()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)
