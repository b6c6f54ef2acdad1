"""The quiz panel: a question about a step, a line edit for the answer, the verdict and the score.

It draws a ``mlpviz.teaching.quiz.Quiz`` and asks about the records it is given: the step player asks
``question_for(record)`` before it shows a step on its own (the session's ``quiz.ask_with``), and
``current_record()`` is the step shown now, for Ask now. The step waits before revealing the number
asked for, drawn as "?", until the panel emits ``answered``.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
    QVBoxLayout, QWidget,
)

from mlpviz.app.view_state import Asked
from mlpviz.engine import MlpvizError, StepRecord
from mlpviz.i18n import msg
from mlpviz.teaching.quiz import KINDS, Question, Quiz

from ..widgets.number_spin_box import NumberSpinBox
from ..widgets.plain_text import plain_label

QUESTIONS = {"z": msg("What is the net input z of {0}{1}?"), "a": msg("What is the activation a of {0}{1}?"),
             "delta": msg("What is δ = ∂C/∂z of {0}{1}?"), "grad": msg("What is the gradient ∂C/∂w of {0}?"),
             "new": msg("What is the new value of {0} after the update?"),
             "m": msg("What is Adam's first moment m of {0} after this step?"),
             "v": msg("What is Adam's second moment v of {0} after this step?")}
KIND_LABELS = {"z": msg("z of a unit"), "a": msg("a of a unit"), "delta": msg("δ of a unit"),
               "grad": msg("∂C/∂w of an edge"), "new": msg("new w of an edge"),
               "m": msg("Adam's m of an edge"), "v": msg("Adam's v of an edge")}


def _label(word_wrap: bool = True) -> QLabel:
    return plain_label(wrap=word_wrap, selectable=True)


class QuizPanel(QWidget):
    """Asks for one hidden number of a step and judges the typed answer (either decimal mark).

    ``answered(right)`` tells whoever paused the step that it may go on. ``is_on()`` says whether
    the quiz is open (a closed quiz asks nothing and holds no step).
    """

    answered = Signal(bool)

    def __init__(self, quiz: Quiz, current_record: Callable[[], StepRecord | None],
                 is_on: Callable[[], bool] = lambda: True, parent: QWidget | None = None,
                 hold_shown: Callable[[Asked], bool] | None = None) -> None:
        """``hold_shown(asked)``: show the step on screen again just before it reveals ``asked`` (Ask now);
        False when it cannot (a step from the timeline, Run)."""
        super().__init__(parent)
        self.quiz, self.current_record, self.is_on = quiz, current_record, is_on
        self.hold_shown = hold_shown
        self.kind_box = QComboBox()
        self.kind_box.addItem(self.tr("Any quantity"), None)
        for kind in KINDS:
            self.kind_box.addItem(str(KIND_LABELS[kind]), kind)
        self.layer_box = QComboBox()
        self.auto_box = QCheckBox(self.tr("Ask before each step shows the number"), checked=True)
        self.auto_box.setToolTip(self.tr("Each step shown on its own waits before it reveals the number asked for, "
                                         "drawn as ?, until you answer (Step skips the question)"))
        self.ask_button = QPushButton(self.tr("Ask now"), clicked=self.ask_now)
        self.ask_button.setToolTip(self.tr("Ask about the step shown now: it goes back to just before it shows "
                                           "the number, drawn as ?, until you answer"))
        self.question_label = _label()
        self.hint_label = _label()
        self.answer_edit = QLineEdit(placeholderText=self.tr("your answer, e.g. 0.25 or 0,25"))
        self.answer_edit.returnPressed.connect(self.answer)
        self.verdict_label = _label()
        self.formula_label = _label()
        self.score_label = _label()
        self.last_verdict = ""  # the last answer's verdict, shortened, kept beside the score once a new question comes
        reset = QPushButton(self.tr("Reset score"), clicked=self.reset_score)
        self.relative_box = NumberSpinBox(0.0, 100.0, single_step=0.5)
        self.relative_box.setSuffix(" %")
        self.relative_box.setValue(quiz.relative * 100)
        self.relative_box.setToolTip(self.tr("An answer is right within this share of the true value, or when it is "
                                             "the true value rounded to the digits typed (from 2 significant digits): "
                                             "0.000439 is right for 0.000438568, 0 and 0.0014 are not"))
        self.relative_box.valueChanged.connect(self._on_tolerance_changed)

        choose = QFormLayout()
        choose.addRow(self.tr("Ask for"), self.kind_box)
        choose.addRow(self.tr("In layer"), self.layer_box)
        tolerance = QHBoxLayout()
        tolerance.addWidget(self.relative_box)
        tolerance.addWidget(plain_label(self.tr("or to its digits")), 1)
        choose.addRow(self.tr("Right within"), tolerance)
        ask_row = QHBoxLayout()  # the check box above its button: the panel fits a 300 px dock
        ask_row.addStretch(1)
        ask_row.addWidget(self.ask_button)
        score_row = QHBoxLayout()
        score_row.addWidget(self.score_label, 1)
        score_row.addWidget(reset)
        layout = QVBoxLayout(self)  # the question and its answer first: a short dock shows them without scrolling
        for widget in (self.question_label, self.hint_label, self.answer_edit, self.verdict_label, self.formula_label):
            layout.addWidget(widget)
        layout.addLayout(score_row)
        line = QFrame(frameShape=QFrame.HLine, frameShadow=QFrame.Sunken)
        layout.addWidget(line)
        layout.addLayout(choose)
        layout.addWidget(self.auto_box)
        layout.addLayout(ask_row)
        layout.addStretch(1)
        self._fill_layers(current_record())
        self._show_score()
        self._show_waiting()

    def _fill_layers(self, record: StepRecord | None) -> None:
        count = record.arch.layer_count if record is not None else 0
        if self.layer_box.count() == count + 1:
            return
        self.layer_box.clear()
        self.layer_box.addItem(self.tr("Any layer"), None)
        for layer in range(1, count + 1):
            title = self.tr("outputs") if layer == count else self.tr("hidden {0}").format(layer)
            self.layer_box.addItem(title, layer)

    def question_for(self, record: StepRecord) -> Asked | None:
        """A step is about to be shown on its own: the number it is to wait before showing, drawn as "?" until
        answered (None: ask nothing; the quiz is closed, a question is open, or asking before steps is off)."""
        self._fill_layers(record)
        if not (self.auto_box.isChecked() and self.quiz.current is None and self.is_on()):
            return None
        question = self.ask(record)
        if question is None:
            return None
        self.hint_label.setText(self.tr("Formula: {0}\nThe step waits before it shows this number (drawn as ?); "
                                        "Step skips the question.").format(question.hint))
        return Asked(question.kind, question.layer, question.index, question.row, question.sample)

    def ask_now(self) -> None:
        """Ask about the step on screen, which goes back to just before it reveals the number."""
        question = self.ask()
        if question is not None and self.hold_shown is not None:
            if self.hold_shown(Asked(question.kind, question.layer, question.index, question.row, question.sample)):
                self.hint_label.setText(self.tr("Formula: {0}\nThe step waits before it shows this number (drawn as ?); "
                                                "Step skips the question.").format(question.hint))

    def _on_tolerance_changed(self, _value: float) -> None:
        self.quiz.set_tolerance(self.relative_box.value() / 100.0)

    def ask(self, record: StepRecord | None = None) -> Question | None:
        """A new question about ``record`` (default: the step shown now), as the choices say."""
        record = self.current_record() if record is None else record
        if not isinstance(record, StepRecord):
            self._show_waiting()
            return None
        self._fill_layers(record)
        try:
            question = self.quiz.ask(record, self.kind_box.currentData(), self.layer_box.currentData())
        except MlpvizError as exc:  # m or v asked of a step whose optimizer keeps none
            self.question_label.setText(str(exc))
            return None
        sample = self.tr(" (sample {0})").format(question.sample + 1) if record.batch_size > 1 else ""
        self.question_label.setText(QUESTIONS[question.kind].format(question.name, sample))
        self.hint_label.setText(self.tr("Formula: {0}").format(question.hint))
        self.verdict_label.clear()  # the last verdict is not about this question: it moves beside the score
        self.formula_label.clear()
        self._show_score()
        self.answer_edit.clear()
        self.answer_edit.setEnabled(True)
        self.answer_edit.setFocus()
        QTimer.singleShot(0, self._bring_question_into_view)  # once the new texts are laid out
        return question

    def _bring_question_into_view(self) -> None:
        """In a scrolled dock, scroll back up to the question and its answer box."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:
            area.ensureWidgetVisible(self.answer_edit)
            area.ensureWidgetVisible(self.question_label)

    def answer(self) -> None:
        question = self.quiz.current
        if question is None:
            return
        try:
            verdict = self.quiz.check(self.answer_edit.text())
        except MlpvizError as exc:
            self.verdict_label.setText(str(exc))
            return
        word = self.tr("Right") if verdict.right else self.tr("Not quite")
        self.verdict_label.setText(self.tr(
            "{0}: {1} = {2:.9g} (right within {3:g} % or rounded right to the digits typed); you typed {4:.9g}.").format(
            word, question.symbol, verdict.expected, self.quiz.relative * 100, verdict.given))
        self.formula_label.setText(verdict.formula)
        self.answer_edit.setEnabled(False)
        self.last_verdict = self.tr("{0}: {1} = {2:.6g}").format(word, question.symbol, verdict.expected)
        self._show_score()
        self.answered.emit(verdict.right)

    def drop_question(self, _asked=None) -> None:
        """The question was withdrawn unanswered (Step pressed while it waited): say its answer, count nothing."""
        question = self.quiz.current
        if question is None:
            return
        self.quiz.withdraw()
        self.verdict_label.setText(self.tr("Skipped: the answer was {0} = {1:.9g}.").format(question.symbol,
                                                                                         question.answer))
        self.formula_label.setText(question.formula)
        self.answer_edit.clear()
        self.answer_edit.setEnabled(False)
        self.last_verdict = self.tr("Skipped: {0} = {1:.6g}").format(question.symbol, question.answer)
        self._show_score()

    def forget_question(self, *_args) -> None:
        """The network was replaced: a question about the old one would be graded against numbers no longer shown."""
        self.quiz.withdraw()
        self.verdict_label.clear()
        self.formula_label.clear()
        self.hint_label.clear()
        self.answer_edit.clear()
        self.last_verdict = ""
        self._fill_layers(None)
        self._show_waiting()

    def set_score(self, asked: int, right: int) -> None:
        """The score as last left (a relaunch brings it back, see ``view_settings``)."""
        self.quiz.restore_score(asked, right)
        self._show_score()

    def reset_score(self) -> None:
        self.quiz.reset_score()
        self.last_verdict = ""
        self._show_score()

    def _show_score(self) -> None:
        score = self.tr("Score: {0} right of {1}").format(self.quiz.right, self.quiz.asked)
        waiting = self.quiz.current is not None and bool(self.last_verdict)
        self.score_label.setText(self.tr("{0} · last question: {1}").format(score, self.last_verdict) if waiting
                                 else score)

    def _show_waiting(self) -> None:
        self.question_label.setText(self.tr("Take a step: the quiz asks about the numbers of the last step."))
        self.answer_edit.setEnabled(False)
