"""The window's menus (File, Edit, Train, Lesson, Presets, View, Help), the keyboard shortcuts list (F1) and the
About box. The actions themselves belong to the views that own them; the menus only arrange them."""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QAction, QKeySequence, QUndoStack

from .presentation import back_keys, next_keys
from .retranslate import without_key
from .shortcuts_dialog import ShortcutsDialog, typed_keys


class WindowMenus:
    """Mixed into MainWindow: builds the menu bar from the views' actions (``_build_menus``) and lists every
    shortcut (``shortcut_rows``, Help ▸ Keyboard shortcuts); needs the views, ``docks`` and ``toolbar``."""

    def _build_menus(self, undo_stack: QUndoStack, back: Callable[[], None]) -> None:
        """File, Edit (``undo_stack``'s Undo and Redo), Train (with ``back``: ←), Lesson, Presets, View, Help, in that order."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.snapshot_actions.add_to_menu(self.file_menu)
        self.document_actions.add_to_menu(self.file_menu)
        self.file_menu.addAction(self.data_opener.action)
        self.file_menu.addSeparator()
        for action in (self.snapshots.image_action, self.snapshots.loss_image_action,
                       self.snapshots.landscape_image_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.snapshots.preferences_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.worked_example_action)
        self.file_menu.addAction(self.check_views.chooser.action)
        self.file_menu.addAction(QAction(self.tr("&Quit"), self, shortcut=QKeySequence.Quit, triggered=self.close))
        self.edit_menu = bar.addMenu(self.tr("&Edit"))
        stack = undo_stack
        undo_name, redo_name = self._edit_names()
        self.undo_action = stack.createUndoAction(self, undo_name)
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = stack.createRedoAction(self, redo_name)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.addActions([self.undo_action, self.redo_action])
        self.train_menu = bar.addMenu(self.tr("&Train"))
        self.toolbar.step_action.setShortcuts(next_keys())  # and a clicker's Page Down
        self.toolbar.step_action.setToolTip(self.tr("Take one training step (→ or Page Down; ← goes back)"))
        self.back_action = QAction(self.tr("Previous step"), self, shortcuts=back_keys(),
                                   triggered=back,
                                   toolTip=self.tr("Show the step before the one shown (←, Page Up)"))
        for action in self.toolbar.menu_actions()[:1] + [self.back_action] + self.toolbar.menu_actions()[1:]:
            self.train_menu.addAction(action)
            self.addAction(action)  # the keys work while the toolbar is hidden (presentation mode)
        self.train_menu.addSeparator()
        self.train_menu.addAction(self.docks["quiz"].toggleViewAction())
        self.train_menu.addAction(self.docks["landscape"].toggleViewAction())
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
        self.edges_by_step_action = QAction(
            self.tr("Colour edges by their &step"), self, checkable=True, toggled=self.canvas.set_edges_by_step,
            toolTip=self.tr("After a step, edges show the step each weight took (η·∂C/∂w, η·m̂/(√v̂ + ε), …) "
                            "instead of the weights"))
        self.view_menu.addAction(self.edges_by_step_action)
        self.view_menu.addMenu(self.panel_menu)
        self.view_menu.addAction(QAction(self.tr("&Reset layout"), self, triggered=self.reset_layout,
                                         toolTip=self.tr("Every panel back in its place and the window sized for "
                                                         "this screen, as at the first launch")))
        self.text_size_menu = self.view_menu.addMenu(self.tr("&Text size"))
        for action in self.text_size.actions():
            self.text_size_menu.addAction(action)
            self.addAction(action)  # the keys work while the menu bar is hidden (presentation mode)
        self.view_menu.addAction(self.messages.action)
        self.addAction(self.messages.action)
        self.view_menu.addSeparator()
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(QAction(self.tr("&Keyboard shortcuts"), self, shortcut=QKeySequence.HelpContents,
                                         triggered=self._show_shortcuts))
        self.help_menu.addAction(QAction(self.tr("&About mlpviz"), self, triggered=self._show_about))

    def _edit_names(self) -> tuple[str, str]:
        """Undo's and Redo's names (their actions add what they would undo: "Undo Change the data")."""
        return self.tr("&Undo"), self.tr("&Redo")

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Every action the window's keys reach, once, as (its keys, what it does): the menus' (a submenu's item
        named after the submenu) then the window's own (Esc leaves presentation); all its keys (→, Page Down, "."),
        as the desktop writes them (``typed_keys``)."""
        rows: list[tuple[str, str]] = []
        seen: set[QAction] = set()
        names = dict(zip((self.undo_action, self.redo_action), self._edit_names()))

        def add(action: QAction, submenus: tuple[str, ...]) -> None:
            if action.menu() is not None:
                for inner in action.menu().actions():
                    add(inner, submenus + (without_key(action.text()),))
                return
            keys = ", ".join(typed_keys(action))
            if keys and action not in seen:  # a dock's toggle sits in Train and in View
                seen.add(action)
                rows.append((keys, " ▸ ".join(submenus + (without_key(names.get(action, action.text())),))))

        for menu in (self.file_menu, self.edit_menu, self.train_menu, self.lesson_menu, self.view_menu, self.help_menu):
            for action in menu.actions():
                add(action, ())
        for action in self.actions():
            add(action, ())
        return rows

    def _show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_rows(), self).open()

    def _show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from mlpviz import __version__

        QMessageBox.about(
            self, self.tr("About mlpviz"),
            f"<b>mlpviz {__version__}</b><p>" + self.tr("Watch a small neural network learn, one backprop step at a time.")
            + "</p>",
        )
