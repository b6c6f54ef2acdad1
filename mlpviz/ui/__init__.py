"""The Qt views: the main window, the canvas, tables, plots and panels. They draw session state."""

from .qt_imports import import_pyqtgraph

import_pyqtgraph()  # before any view imports pyqtgraph: its lazy mirrors of PySide6 (see the module)
