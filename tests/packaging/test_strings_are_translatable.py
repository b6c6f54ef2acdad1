"""Every user-visible string of the windows goes through the message layer (Qt's tr() or mlpviz.i18n.msg).

A literal handed straight to a widget's text, tooltip, title, form row or message box cannot be
translated; this finds them in ``mlpviz/ui`` and ``mlpviz/app`` (f-strings included). Texts that
are not words (``""``, a name such as "mlpviz") are allowed. A tr() of a variable cannot be
collected into the catalogue (``python -m mlpviz.i18n.extract`` reports it): it fails too.
"""

from __future__ import annotations

import re
from pathlib import Path

from mlpviz.i18n.extract import scan

PACKAGE = Path(__file__).resolve().parents[2] / "mlpviz"
SETTERS = ("setWindowTitle", "setText", "setToolTip", "setPlaceholderText", "showMessage", "setStatusTip",
           "addItem", "setTitle", "QAction", "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox",
           "addMenu", "addTab", "setTabText", "setTabToolTip", "addRow", "QMenu", "QDockWidget", "addAction",
           "setInformativeText", "setDetailedText", "setLabelText", "addButton", "setHorizontalHeaderLabels",
           "setVerticalHeaderLabels", "addLabel", "setSuffix", "setPrefix", "setSpecialValueText",
           "setWhatsThis", "setHeaderLabels", "setItemText", "QToolButton", "plain_label")
MESSAGE_BOXES = r"QMessageBox(?:\.(?:information|warning|critical|question|about))?\((?:[^,()]+,\s*){1,2}"
LITERAL = re.compile(r"\b(?:" + "|".join(SETTERS) + r')\((f?" ?[A-Za-z&][^"]*")'
                     r'|\b(?:text|placeholderText|toolTip|title|statusTip|windowTitle|special)=(f?"[A-Za-z&+−-][^"]*")'
                     r"|" + MESSAGE_BOXES + r'(f?"[A-Za-z&][^"]*")'
                     r'|\bsetLabel\("(?:left|bottom|right|top)",\s*(f?"[A-Za-z&][^"]*")')
NOT_WORDS = {'"mlpviz"', '"HTML"', '"CSV"', '" MB"'}


def _has_words(literal: str) -> bool:
    """Letters outside the {fields}: ``f"&{i + 1} {name}"`` (a number and a file name) has none."""
    return re.search("[A-Za-z]{2}", re.sub(r"\{[^}]*\}", "", literal)) is not None


def untranslated_literals(folders=("ui", "app")) -> list[str]:
    found = []
    for folder in folders:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                for match in LITERAL.finditer(line):
                    literal = next(g for g in match.groups() if g)
                    if literal not in NOT_WORDS and _has_words(literal):
                        found.append(f"mlpviz/{path.relative_to(PACKAGE).as_posix()}:{number}: {match.group(0)}")
    return found


def test_widget_texts_are_translatable():
    untranslated = untranslated_literals()
    assert not untranslated, "wrap these in self.tr(...) (or QCoreApplication.translate / msg):\n" + "\n".join(untranslated)


def test_every_translated_text_is_a_literal_the_catalogue_can_collect():
    _found, problems = scan()
    assert not problems, "give tr()/msg() a literal text (msg() in a table, str() where shown):\n" + "\n".join(problems)


def test_the_guard_sees_form_rows_message_boxes_and_variables(tmp_path):
    """The patterns catch what they are for (a guard that matches nothing would pass forever)."""
    lines = ['form.addRow("Learning rate", box)', 'QMessageBox.warning(self, "Cannot open", text)',
             'QMessageBox(QMessageBox.Information, "Keyboard shortcuts", text)', 'label.setText(f"step {n}")',
             'QAction("&Quit", self)', 'QPushButton(text="Run")', 'item.setLabel("left", "loss")']
    assert all(LITERAL.search(line) for line in lines)
    assert not LITERAL.search('form.addRow(self.tr("Learning rate"), box)')
    assert not LITERAL.search('item.setLabel("left", self.tr("loss"))')
    from mlpviz.i18n.extract import scan_file

    (tmp_path / "m.py").write_text("class A:\n    def f(self, t):\n        return self.tr(t), msg(f'{t}')\n")
    _found, problems = scan_file(tmp_path / "m.py", tmp_path)
    assert len(problems) == 2


# Texts of words that are not for a reader's language: file and setting names, style sheets, font
# names, log lines for developers, a data set's name, and the font message (English on purpose:
# without the font, Chinese cannot be drawn).
NOT_PROSE = re.compile(r"^(mlpviz\.|icons/|session[.-]|instance\.lock|fatal\.log|Sans Serif|QFrame|border:|"
                       r"fonts-noto|\{\} needs a font|--- mlpviz started|\n\[\.\.\.|\n\(\{\} more error|"
                       r"\nrecovery snapshot|worked example 2-2-2$)")
PROSE = re.compile(r"[A-Za-z]{2,}[,:;.]?\s+[A-Za-z]{2,}")
LAYER_CALLS = {"tr", "translate", "msg", "msg_n", "msg_in", "Message", "undoable"}
NOT_SHOWN_CALLS = {"setObjectName", "value", "setValue", "getattr", "hasattr", "print", "setStyleSheet", "startswith",
                   "endswith", "get", "remove", "contains", "setData", "QSettings", "QKeySequence", "setProperty",
                   "property", "join", "compile", "search", "match", "sub", "fromString", "write", "TypeError",
                   "RuntimeError", "AssertionError", "KeyError", "NotImplementedError"}


def prose_outside_the_layer(folders=("ui", "app")) -> list[str]:
    """Sentences (two words or more) in the code of ``folders`` that reach no tr()/msg(): a reader would see English."""
    import ast

    found = []
    for folder in folders:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
            docs = {n.body[0].value for n in ast.walk(tree)
                    if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                    and n.body and isinstance(n.body[0], ast.Expr)}
            docs |= {n.value for n in ast.walk(tree) if isinstance(n, ast.Expr)}
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if node in docs or isinstance(parents.get(node), (ast.JoinedStr, ast.FormattedValue)):
                        continue
                    text = node.value
                elif isinstance(node, ast.JoinedStr):
                    text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
                else:
                    continue
                if not PROSE.search(text) or text.startswith("<") or NOT_PROSE.search(text):
                    continue
                cur, shown = node, True
                while cur in parents and shown:
                    prev, cur = cur, parents[cur]
                    if isinstance(cur, ast.Call):
                        name = getattr(cur.func, "attr", getattr(cur.func, "id", ""))
                        shown = name not in LAYER_CALLS and name not in NOT_SHOWN_CALLS
                    elif isinstance(cur, ast.Compare) or (isinstance(cur, ast.Subscript) and prev is cur.slice):
                        shown = False
                    elif isinstance(cur, ast.Dict) and prev in cur.keys:
                        shown = False
                if shown:
                    found.append(f"mlpviz/{path.relative_to(PACKAGE).as_posix()}:{node.lineno}: {text[:80]!r}")
    return found


def test_no_sentence_of_the_windows_bypasses_the_message_layer():
    bypass = prose_outside_the_layer()
    assert not bypass, ("give these to self.tr() in a widget, or msg() (str(msg(...)) where a str is needed):\n"
                        + "\n".join(bypass))


def test_the_sentence_guard_sees_assignments_and_f_strings(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "v.py").write_text('"""Doc string, not shown."""\nX = "Show the weights"\n'
                                          'def f(n):\n    label.setText(self.tr("ok now"))\n    return f"step {n} of the run"\n')
    globals()["PACKAGE"], saved = tmp_path, PACKAGE
    try:
        found = prose_outside_the_layer(("ui",))
    finally:
        globals()["PACKAGE"] = saved
    assert [f.split(": ", 1)[1] for f in found] == ["'Show the weights'", "'step {} of the run'"], found
