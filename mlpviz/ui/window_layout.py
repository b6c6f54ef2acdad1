"""The window's layout: the docks around the canvas, their first-launch arrangement for the screen, and
the geometry and dock state kept between launches, fitted to the screen the window opens on; View ▸ Reset
layout goes back to the first launch's."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QTabWidget, QWidget

from .screen_fit import FrameOnScreen, dock_sizes, first_size, scrollable
from .widgets.dock import Dock
from .widgets.settings_values import byte_array
from .view_settings import clipped_to

LEFT_TABS = ("controls", "dataset", "data")  # tabbed together (MainWindow._build_views) unless a layout is saved


class WindowLayout:
    """Mixed into MainWindow: ``add_dock``, ``tabify_later``, ``fit_to_screen``, ``reset_layout``, and the layout
    restored (``_restore_layout``) and saved (``_save_layout``) in ``settings``; sets ``docks``."""

    def _start_layout(self) -> None:
        self.docks: dict[str, QDockWidget] = {}
        self._layout_restored = False
        self._fitted_once = False
        self.frame_on_screen = FrameOnScreen(self, self.fit_to_screen)  # the window manager's frame included
        self.built_layout: QByteArray | None = None  # the docks as built, before any layout is restored

    def add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea,
                 scroll: bool = True) -> QDockWidget:
        """Put ``widget`` in a dock whose place and visibility are remembered under ``key``.

        ``scroll``: in a scroll area, so a small screen scrolls the panel rather than overlap or cut
        it. Plots, the formulas and the step values shrink to any size by themselves and are not
        wrapped: a scroll area re-lays out its contents whenever they change, every frame of a Run.
        """
        dock = Dock(title, self)  # its title follows the text size
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

    def _restore_layout(self) -> None:
        """The layout the user left, clipped to this screen; on first launch one that fits the screen.

        On a screen smaller than about 1600×940 (a laptop, a projector, 150 % or 200 % scaling)
        the right column's docks and the decision map tab together, so nothing overlaps.
        """
        if self.built_layout is None:  # the first call, from the constructor: Reset layout starts from it
            self.built_layout = self.saveState()
        geometry = byte_array(self.settings.value("window/geometry"))  # None if missing or not bytes
        state = byte_array(self.settings.value("window/state"))
        self._layout_restored = state is not None
        available = self.screen().availableGeometry()
        # tabs of the narrow right column run down its side: "Formulas", "Step values" whole, not "Fo…", "S…"
        self.setTabPosition(Qt.RightDockWidgetArea,
                            QTabWidget.North if dock_sizes(available).roomy else QTabWidget.East)
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

    def reset_layout(self) -> None:
        """View ▸ Reset layout: the first launch's layout now, and the one kept (the saved one is forgotten).

        Undoes what a class left behind (docks floated, closed, dragged to the other side or squeezed, a
        window larger than a projector); the text size, the language and the look stay as they are."""
        if self.presenting:  # (the menu is hidden then) the desktop layout comes back first, on Esc
            return
        for key in ("window/geometry", "window/state"):
            self.settings.remove(key)
        if self.isMaximized() or self.isFullScreen():
            self.showNormal()
        self.restoreState(self.built_layout)  # every dock where it was built, shown or hidden as built
        self.tabify_later(*(self.docks[k] for k in LEFT_TABS))
        self._restore_layout()  # nothing saved: the first launch's size and arrangement for this screen
        QTimer.singleShot(0, self.fit_to_screen)  # the frame is known now: inside the screen

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

    def _save_layout(self) -> None:
        """The geometry and the docks as they are (the desktop layout: leave presentation mode first)."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        if not self._fitted_once:  # the frame's size is known only now
            self._fitted_once = True
            QTimer.singleShot(0, self.fit_to_screen)
