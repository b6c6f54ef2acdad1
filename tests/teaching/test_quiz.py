"""The quiz: questions answered by the engine's numbers, both decimal marks, tolerance and score."""

from __future__ import annotations

import pytest

from mlpviz.app.presets import worked_example_222
from mlpviz.engine import MlpvizError, train_step
from mlpviz.teaching.answer import AnswerError, parse_answer, typed_precision
from mlpviz.teaching.quiz import KINDS, Quiz, is_right, make_question


def step_222():
    arch, params, x, y, lr = worked_example_222()
    return train_step(arch, params, x, y, lr)


@pytest.mark.parametrize("text,value", [("0.5", 0.5), ("0,5", 0.5), (" -1,25 ", -1.25), ("−0.5", -0.5),
                                        (".5", 0.5), ("3", 3.0), ("1e-3", 1e-3), ("2,5E2", 250.0), ("+7.", 7.0)])
def test_answers_read_with_either_decimal_mark(text, value):
    assert parse_answer(text) == value


@pytest.mark.parametrize("text,message", [("", "type a number"), ("abc", "is not a number"),
                                          ("1,234.5", "more than one decimal mark"), ("0.5.1", "more than one"),
                                          ("1e999", "too large"), ("nan", "is not a number"), ("0x10", "not a number")])
def test_garbage_is_refused_with_a_reason(text, message):
    with pytest.raises(AnswerError, match=message):
        parse_answer(text)


def test_questions_take_the_engine_numbers_and_fill_in_the_formula():
    rec = step_222()
    q = make_question(rec, "new", layer=2, index=0, row=0)  # w5 of the published example
    assert q.name == "w(h1.1→y1)" and q.answer == rec.params_after.weights[1][0, 0]
    assert q.formula.endswith("= 0.4 − 0.5·0.0821670406 = 0.35891648")
    assert q.hint == "w'_h1.1→y1 = w_h1.1→y1 − η·∂C/∂w_h1.1→y1" and q.symbol == "w'_h1.1→y1"
    q = make_question(rec, "delta", layer=1, index=1)
    assert q.answer == rec.deltas[0][0, 1] and q.prompt == "What is δ = ∂C/∂z of h1.2 (sample 1)?"
    assert make_question(rec, "grad", layer=1, index=1, row=-1).name == "b(h1.2)"
    assert make_question(rec, "z", layer=2, index=1).answer == rec.zs[1][0, 1]
    assert make_question(rec, "a", layer=1, index=0).answer == rec.activations[1][0, 0]


def test_right_within_one_percent_or_to_the_digits_typed_and_the_score_counts():
    rec = step_222()
    quiz = Quiz()
    quiz.current = make_question(rec, "new", 2, 0, 0)  # 0.35891648
    v = quiz.check("0,3589")
    assert v.right and v.expected == rec.params_after.weights[1][0, 0] and v.formula.endswith("0.35891648")
    quiz.ask(rec, "z", 1)  # 0.3775 (h1.1) or 0.3925 (h1.2)
    assert not quiz.check("0.36").right  # off by more than 1 % and wrong in its second digit
    assert (quiz.asked, quiz.right) == (2, 1)
    quiz.reset_score()
    assert (quiz.asked, quiz.right) == (0, 0)


@pytest.mark.parametrize("typed,right", [("0", False), ("-0.0005", False), ("0.0014", False), ("0.0012", False),
                                         ("0.0004", False), ("0.00044", True), ("0.000439", True),
                                         ("4.39e-4", True), ("0,000438568", True), ("0.000438", True), ("0.000430", False),
                                         ("0.0004386", True), ("0.000435", True)])
def test_a_small_number_is_judged_by_its_relative_error_and_its_digits_never_an_absolute_floor(typed, right):
    rec = step_222()
    quiz = Quiz()  # 1 %
    quiz.current = make_question(rec, "grad", 1, 0, 0)  # ∂C/∂w1 = 0.000438567734, every first-layer gradient < 0.001
    assert quiz.current.answer == pytest.approx(0.000438567734)
    assert quiz.check(typed).right is right


@pytest.mark.parametrize("text,digits,unit", [("0.000439", 3, 1e-6), ("0,44", 2, 0.01), ("4.39e-4", 3, 1e-6),
                                              ("0", 0, 1.0), ("-12.50", 4, 0.01), ("1200", 4, 1.0)])
def test_the_digits_typed_and_the_unit_of_the_last_one(text, digits, unit):
    d, u = typed_precision(text)
    assert d == digits and u == pytest.approx(unit)


def test_one_digit_is_judged_by_relative_error_alone_and_zero_is_right_only_for_zero():
    assert not is_right("0.4", 0.44, 0.01) and is_right("0.44", 0.4449, 0.0) and not is_right("0.44", 0.4451, 0.0)
    assert is_right("0", 0.0, 0.01) and not is_right("0", 1e-12, 0.01)


def test_garbage_and_answers_without_a_question_are_not_counted():
    quiz = Quiz(seed=0)
    with pytest.raises(MlpvizError, match="no question"):
        quiz.check("1")
    quiz.ask(step_222())
    with pytest.raises(AnswerError):
        quiz.check("one half")
    assert quiz.current is not None and quiz.asked == 0
    quiz.check("0")
    assert quiz.current is None and quiz.asked == 1


def test_tolerance_is_settable_and_checked():
    rec = step_222()
    quiz = Quiz(relative=0.0)
    quiz.current = make_question(rec, "new", 2, 0, 0)  # 0.35891648
    assert not quiz.check("0.3588").right
    quiz.current = make_question(rec, "new", 2, 0, 0)
    assert quiz.check("0.3589").right  # rounded right to the 4 digits typed
    quiz.current = make_question(rec, "new", 2, 0, 0)
    assert quiz.check(repr(float(rec.params_after.weights[1][0, 0]))).right
    with pytest.raises(MlpvizError, match="tolerance"):
        quiz.set_tolerance(-0.1)


def test_random_questions_are_seeded_and_respect_kind_and_layer():
    rec = step_222()
    first, second = Quiz(seed=4), Quiz(seed=4)
    asked = [(q.kind, q.layer, q.index, q.row) for q in (first.ask(rec) for _ in range(5))]
    assert asked == [(q.kind, q.layer, q.index, q.row) for q in (second.ask(rec) for _ in range(5))]
    assert len(set(asked)) > 1
    quiz = Quiz(seed=1)
    kinds = {quiz.ask(rec).kind for _ in range(60)}
    assert kinds == set(KINDS) - {"m", "v"}  # an SGD step: no Adam moments to ask for
    assert all(quiz.ask(rec, kind="delta", layer=1).layer == 1 for _ in range(10))
    with pytest.raises(MlpvizError, match="layer 3"):
        quiz.ask(rec, layer=3)


def test_a_verdict_is_a_plain_python_bool_for_qt_signals():
    """A numpy bool in `answered.emit(verdict.right)` raised a TypeError in the panel."""
    import numpy as np

    from mlpviz.engine import Architecture, init_params
    from mlpviz.teaching.quiz import Quiz

    arch = Architecture((2, 2, 1), "sigmoid", "sigmoid", "bce")
    record = train_step(arch, init_params(arch, "normal", 0), [[0.1, 0.2]], [[1.0]], 0.5)
    quiz = Quiz(seed=1)
    question = quiz.ask(record)
    verdict = quiz.check(repr(float(question.answer)))
    assert type(verdict.right) is bool and verdict.right


def test_adams_m_and_v_are_asked_with_their_update_and_only_of_adam_steps():
    import numpy as np

    from mlpviz.engine import Architecture, init_params
    from mlpviz.engine.optimizers import make_optimizer
    from mlpviz.teaching.quiz import Quiz, kinds_for, make_question

    arch = Architecture((2, 3, 1), "tanh", "sigmoid", "bce")
    x, y = np.array([[0.5, -1.0], [1.0, 0.25]]), np.array([[1.0], [0.0]])
    first = train_step(arch, init_params(arch, "normal", 1), x, y, 0.01, optimizer=make_optimizer("adam"))
    record = train_step(arch, first.params_after, x, y, 0.01, optimizer=make_optimizer("adam"), state=first.state_after)
    assert set(kinds_for(record)) >= {"m", "v"}
    m = make_question(record, "m", 1, 2, row=1)  # W0[1, 2]: x2 → h1.3
    v = make_question(record, "v", 2, 0, row=-1)  # the bias of y1
    assert m.answer == record.state_after["m"][1 * 3 + 2] and m.symbol.startswith("m")
    assert v.answer == record.state_after["v"][9 + 3]  # after W0 (6), b0 (3) and W1 (3)
    assert "β₁" in m.hint and "β₂" in v.hint
    assert "Adam's first moment m" in m.prompt and m.name == "w(x2→h1.3)"
    quiz = Quiz(seed=0)
    quiz.current = m
    assert quiz.check(f"{m.answer:.8g}").right
    sgd = train_step(arch, init_params(arch), x, y, 0.1)
    assert "m" not in kinds_for(sgd) and "v" not in kinds_for(sgd)
    with pytest.raises(MlpvizError, match="keeps no m"):
        make_question(sgd, "m", 1, 0, row=0)
    asked = {Quiz(seed=s).ask(record).kind for s in range(60)}
    assert {"m", "v"} <= asked  # a random question of an Adam step may ask for them
    assert not {"m", "v"} & {Quiz(seed=s).ask(sgd).kind for s in range(60)}
