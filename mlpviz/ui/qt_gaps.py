"""Qt's own words that the Chinese catalogue shipped with this Qt (qtbase_zh_CN.qm) lacks, and pyqtgraph's.

Qt 6.11 renamed a few file-dialog labels and file types after its translations were made, so
they showed in English inside an otherwise Chinese file dialog. Listing them here puts them in
mlpviz's catalogue, whose translator answers Qt's look-ups too (``translator.CatalogueTranslator``).
"""

from __future__ import annotations

from mlpviz.i18n import msg, msg_in

QT_GAPS = (
    msg("&Look in:"),  # QFileDialog
    msg("Files of &type:"),  # QFileDialog
    msg_in("All other platforms", "Folder"),  # QAbstractFileIconProvider: the type column of a folder
    msg_in("Match Windows Explorer", "File Folder"),
    msg("Drive"),  # QAbstractFileIconProvider
    msg_in("%1 is a file name suffix, for example txt", "%1 File"),
)
# pyqtgraph words its translate() calls ask for in the plots' context menus (it ships no translations)
PYQTGRAPH_WORDS = (
    msg("Export..."), msg("View All"), msg("axis"), msg("Mouse Mode"), msg("3 button"), msg("1 button"),
    msg("Plot Options"), msg("ViewBox options"), msg("Export"), msg("Export format"), msg("Export options"),
    msg("Item to export:"), msg("Close"), msg("Copy"),
)
