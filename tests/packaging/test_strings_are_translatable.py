"""Every user-visible string of the widgets goes through Qt's translation (a Chinese translation will follow).

A literal handed straight to a widget's text, tooltip or title cannot be translated; this
finds them in ``mlpviz/ui`` (f-strings included). Texts that are not words (``""``, a name
such as "mlpviz") are allowed.
"""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "mlpviz" / "ui"
SETTERS = ("setWindowTitle", "setText", "setToolTip", "setPlaceholderText", "showMessage", "setStatusTip",
           "addItem", "setTitle", "QAction", "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "addMenu",
           "addTab", "setTabText", "plain_label")
LITERAL = re.compile(r"\b(" + "|".join(SETTERS) + r')\((f?"[A-Za-z&][^"]*")'
                     r'|\b(text|placeholderText|toolTip|title)=(f?"[A-Za-z&+−-][^"]*")')
NOT_WORDS = {'"mlpviz"'}


def test_widget_texts_are_translatable():
    untranslated = []
    for path in sorted(UI.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in LITERAL.finditer(line):
                if (match.group(2) or match.group(4)) not in NOT_WORDS:
                    untranslated.append(f"{path.relative_to(UI.parent.parent)}:{number}: {match.group(0)}")
    assert not untranslated, "wrap these in self.tr(...) (or QCoreApplication.translate):\n" + "\n".join(untranslated)
