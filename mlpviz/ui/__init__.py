"""The Qt views: the main window, the canvas, tables, plots and panels. They draw session state."""
