"""Presentation mode (View ▸ Present, F5; Esc leaves) and the keys a remote clicker sends.

Full screen: the canvas and the one panel the teacher picked (View ▸ Presentation panel),
and the quiz under it when the quiz is open (Train ▸ Quiz), everything else hidden, text at presentation mode's own size (2× to start). Clickers send
Page Down / Page Up (some "." / B): the same as → and ← everywhere.

``PresentationMode`` is a part of MainWindow (a mixin): it shows and hides the window's own
docks and bars, and is the only code that does.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QTabBar

from .widgets.signals_blocked import signals_blocked

PANELS = ("weights", "step-values", "formulas", "loss", "decision-map", "quiz", "lesson")  # dock keys presentation may show
QUIZ = "quiz"  # shown under the panel while presenting when it is open
DEFAULT_PANEL = "decision-map"
NO_MAP_PANEL = "loss"  # shown instead of the decision map for a network without 2 inputs
PANEL_SHARE = 0.36  # of the screen's width
CURVE_SHARE = 0.3  # for the loss curve, which reads as well narrower: twelve rows' bias labels get the width


def next_keys() -> list[QKeySequence]:
    """→, and what clickers send for "next": Page Down and "."."""
    return [QKeySequence(Qt.Key_Right), QKeySequence(Qt.Key_PageDown), QKeySequence(Qt.Key_Period)]


def back_keys() -> list[QKeySequence]:
    """←, and what clickers send for "previous": Page Up and B."""
    return [QKeySequence(Qt.Key_Left), QKeySequence(Qt.Key_PageUp), QKeySequence(Qt.Key_B)]


class PresentationMode:
    """Mixed into MainWindow: ``present_action`` (F5) and ``panel_menu``; needs ``docks``, ``settings``,
    ``toolbar``, ``timeline`` and ``text_size``."""

    def _build_presentation(self) -> None:
        self._presenting = False
        # the desktop layout to come back to (dock state, saved geometry, geometry, maximized): kept from F5
        # until it is laid out again after Esc, and what saveState and saveGeometry give meanwhile
        self._desktop: tuple[QByteArray, QByteArray, QRect, bool] | None = None
        self.present_action = QAction(self.tr("&Present"), self, checkable=True, shortcut=QKeySequence(Qt.Key_F5),
                                      toolTip=self.tr("Full screen: the network and one panel, large text (F5; Esc leaves)"),
                                      toggled=self.set_presenting)
        self.leave_presentation_action = QAction(self.tr("Leave presentation"), self,
                                                 shortcut=QKeySequence(Qt.Key_Escape), enabled=False,
                                                 triggered=lambda: self.set_presenting(False))
        self.panel_menu = QMenu(self.tr("Presentation &panel"), self)
        group = QActionGroup(self)
        chosen = str(self.settings.value("presentation/panel", DEFAULT_PANEL))
        for number, key in enumerate(PANELS, start=1):
            action = QAction(self.docks[key].windowTitle(), self, checkable=True, checked=key == chosen,
                             shortcut=QKeySequence(f"Ctrl+{number}"))
            action.setData(key)
            action.triggered.connect(lambda _on=False, k=key: self.set_presentation_panel(k))
            group.addAction(action)
            self.panel_menu.addAction(action)
            self.addAction(action)  # Ctrl+1..5 switch the panel while presenting (no menu bar then)
        for action in (self.present_action, self.leave_presentation_action):
            self.addAction(action)  # the keys work while the menu bar is hidden

    @property
    def presenting(self) -> bool:
        return self._presenting

    @property
    def presentation_panel(self) -> str:
        key = str(self.settings.value("presentation/panel", DEFAULT_PANEL))
        return key if key in PANELS else DEFAULT_PANEL

    def set_presentation_panel(self, key: str) -> None:
        """Show ``key``'s dock beside the canvas when presenting (now, if presenting)."""
        self.settings.setValue("presentation/panel", key)
        for action in self.panel_menu.actions():
            action.setChecked(action.data() == key)
        if self.presenting:
            self._show_only(key)

    def set_presenting(self, on: bool) -> None:
        """Enter or leave presentation mode; leaving restores the docks, bars and window as they were."""
        if bool(on) == self.presenting:
            return
        if on:
            if self._desktop is None:  # not still coming back from the last presentation
                self._desktop = (self.saveState(), self.saveGeometry(), self.geometry(), self.isMaximized())
            self._presenting = True
            for bar in (self.menuBar(), self.statusBar(), self.toolbar, self.timeline):
                bar.hide()
            self._show_only(self.presentation_panel)
            self.setGeometry(self.screen().geometry())  # the whole screen also without a window manager
            self.showFullScreen()
            self.text_size.set_presenting(True)
            # the whole window repainted once the large text is laid out: without it, under X11 and a window manager,
            # the dock's title showed twice a few pixels apart (a stale copy from before the text grew)
            QTimer.singleShot(0, self.update)
        else:
            self._presenting = False
            # out of full screen first, while the window is as small as the presentation's one panel allows: after
            # Ctrl+= twice, the docks shown again at the large text made it 1177 px wide on a 1024 px screen, and the
            # window manager (openbox) kept it full screen
            self.showMaximized() if self._desktop[3] else self.showNormal()
            self.text_size.set_presenting(False)  # then: the docks' smallest sizes follow the desktop text
            for bar in (self.menuBar(), self.statusBar(), self.toolbar, self.timeline):
                bar.show()
            self._restore_desktop()
            QTimer.singleShot(0, lambda: self._restore_desktop(last=True))  # again once the text is laid out
        with signals_blocked(self.present_action):
            self.present_action.setChecked(self.presenting)
        self.leave_presentation_action.setEnabled(self.presenting)
        self.canvas.setFocus()

    def _restore_desktop(self, last: bool = False) -> None:
        """The window where it was and the docks as they were; done twice, the ``last`` time once the desktop
        text is laid out (restored while the presentation's large text still set the docks' smallest sizes,
        the side columns came back narrowed: controls cut, the right column 20 px wide after Ctrl+=)."""
        if self.presenting or self._desktop is None:
            return
        state, _saved, geometry, maximized = self._desktop
        if not maximized:
            self.setGeometry(geometry)  # as it was: restoreGeometry would move it under a guessed title bar
        self.restoreState(state)
        if last:
            self._desktop = None

    def saveState(self, version: int = 0) -> QByteArray:  # noqa: N802 (Qt name)
        """The desktop's dock layout, also while presenting: the presentation's never becomes the saved one."""
        return self._desktop[0] if self._desktop is not None else super().saveState(version)

    def saveGeometry(self) -> QByteArray:  # noqa: N802 (Qt name)
        """The desktop's window geometry, also while presenting."""
        return self._desktop[1] if self._desktop is not None else super().saveGeometry()

    def _show_only(self, key: str) -> None:
        if key == DEFAULT_PANEL and not self.decision_map.available:
            key = NO_MAP_PANEL  # the map has nothing to draw for this network: its explanation took 40 % of a projector
        quiz = self.docks.get(QUIZ)
        keep_quiz = quiz is not None and not quiz.isHidden() and key != QUIZ  # the class answers on the big screen
        for k, dock in self.docks.items():
            if k != key and not (keep_quiz and k == QUIZ):
                self._put_away(dock)
        dock = self.docks[key]
        self.addDockWidget(Qt.RightDockWidgetArea, dock)  # out of any tab group, alone on the right
        dock.setFloating(False)
        dock.show()
        dock.raise_()
        if keep_quiz:
            quiz.setFloating(False)
            self.splitDockWidget(dock, quiz, Qt.Vertical)
            quiz.show()
            quiz.raise_()
        share = CURVE_SHARE if key == NO_MAP_PANEL else PANEL_SHARE
        width = max(int(self.screen().geometry().width() * share), dock.minimumSizeHint().width())  # (its check
        self.resizeDocks([dock], [width], Qt.Horizontal)  # boxes were cut under X11 at 1024×768: "accura", "log sca")
        self._hide_tab_bars()

    def _put_away(self, dock) -> None:
        """Hide ``dock`` and dock it again, alone, in its area: out of its tab group, and the place Qt keeps for it in
        an older group gone. A group left with hidden docks or such places only kept its tab bar, which Qt showed
        again (empty, off-screen) after every relayout."""
        dock.hide()
        area = self.dockWidgetArea(dock)
        if area != Qt.NoDockWidgetArea and not dock.isFloating():
            self.addDockWidget(area, dock)  # Esc's restoreState puts it back in its group

    def _hide_tab_bars(self) -> None:
        """Hide the dock area's tab bars: presenting shows no tab group, yet Qt left the bar of one whose docks
        were all hidden (Weights and biases, Check my backprop) visible behind the shown dock."""
        for bar in self.findChildren(QTabBar, options=Qt.FindDirectChildrenOnly):
            bar.hide()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        """Keep the tab bars hidden while presenting (a relayout could show them again) and repaint the window."""
        super().resizeEvent(event)
        if self.presenting:
            self._hide_tab_bars()
            self.update()
