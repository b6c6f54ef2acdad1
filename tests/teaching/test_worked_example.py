"""Worked examples: the published 2-2-2 numbers, every number from the record, and the three formats."""

from __future__ import annotations

import re
import shutil
import subprocess
from xml.etree import ElementTree

import numpy as np
import pytest

from mlpviz.app.presets import worked_example_222
from mlpviz.engine import Architecture, init_params, train_step
from mlpviz.engine.explain import MEAN
from mlpviz.teaching.export import format_for, write_worked_step
from mlpviz.teaching.render_text import equation_text
from mlpviz.teaching.worked_step import Maths, Text, worked_step
from mlpviz.teaching.write_html import html
from mlpviz.teaching.write_latex import latex
from mlpviz.teaching.write_markdown import markdown


def step_222():
    arch, params, x, y, lr = worked_example_222()
    return train_step(arch, params, x, y, lr)


def equations(doc):
    return [b.equation for b in doc.blocks if isinstance(b, Maths)]


def test_markdown_of_the_222_example_has_the_published_numbers():
    text = markdown(worked_step(step_222()))
    assert "= 0.298371109$" in text  # E_total
    assert re.search(r"w'_\{\\mathrm\{h1\.1\}\\to \\mathrm\{y1\}\} = .* = 0\.35891648\$", text)  # w5'
    assert re.search(r"w'_\{\\mathrm\{x1\}\\to \\mathrm\{h1\.1\}\} = .* = 0\.149780716\$", text)  # w1'
    assert text.count("$") % 2 == 0


def test_the_walk_is_in_the_order_worked_by_hand():
    lines = [equation_text(e) for e in equations(worked_step(step_222()))]
    firsts = [next(i for i, line in enumerate(lines) if line.startswith(p))
              for p in ("x_1 =", "z_h1.1 =", "a_h1.1 =", "z_y1 =", "C =", "δ_y1 =", "δ_h1.1 =", "∂C/∂w_x1→h1.1",
                        "w'_x1→h1.1", "C' =")]
    assert firsts == sorted(firsts)
    assert "a_h1.1 = σ(z_h1.1) = σ(0.3775) = 0.593269992" in lines
    assert "δ_h1.1 = (Σ_k w_h1.1→k·δ_k)·f'_h1.1 = (0.4·0.138498562 + 0.5·(-0.0380982365))·0.241300709 = 0.00877135469" in lines


def test_every_result_is_the_recorded_number():
    rec = step_222()
    results = {equation_text(e).split(" = ")[0]: e.value for e in equations(worked_step(rec))}
    assert results["z_h1.2"] == rec.zs[0][0, 1]
    assert results["δ_y2"] == rec.deltas[1][0, 1]
    assert results["∂C/∂w_h1.2→y1"] == rec.grad_weights[1][1, 0]
    assert results["b'_y2"] == rec.params_after.biases[1][1]
    assert results["C"] == rec.loss


def _batch_record(sizes=(2, 3, 2), hidden="tanh", output="softmax", loss="ce", b=3, **kw):
    arch = Architecture(sizes, hidden, output, loss)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((b, sizes[0]))
    y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], b)] if loss == "ce" else rng.random((b, sizes[-1]))
    return train_step(arch, init_params(arch, "xavier", 0), x, y, 0.3, **kw)


def test_a_batch_averages_the_gradient_and_names_the_sample():
    rec = _batch_record()
    doc = worked_step(rec, sample=2)
    assert any("sample 3 of 3" in b.text for b in doc.blocks if isinstance(b, Text))
    lines = [equation_text(e) for e in equations(doc)]
    grad = next(line for line in lines if line.startswith("∂C/∂w_x1→h1.1"))
    assert "1/3·Σ_s x_1·δ_h1.1" in grad and ")/3 = " in grad
    z = next(line for line in lines if line.startswith("z_h1.1"))
    assert z.endswith(f"= {rec.zs[0][2, 0]:.9g}")
    mean_doc = worked_step(rec, sample=MEAN)
    assert any(equation_text(e).startswith("mean(z_h1.1) =") for e in equations(mean_doc))


def test_momentum_and_weight_decay_are_written_out():
    rec = _batch_record(output="sigmoid", loss="mse", momentum=0.9, weight_decay=0.01)
    lines = [equation_text(e) for e in equations(worked_step(rec))]
    assert any(line.startswith("v_x1→h1.1 = μ·v_x1→h1.1→prev") for line in lines)
    assert any(line.startswith("∂C/∂w_x1→h1.1 = 1/3·Σ_s x_1·δ_h1.1 + λ·w_x1→h1.1") for line in lines)


def test_a_large_network_writes_the_chosen_units_and_says_so():
    rec = _batch_record(sizes=(20, 8, 2), output="sigmoid", loss="bce")
    doc = worked_step(rec)
    notes = [b.text for b in doc.blocks if isinstance(b, Text)]
    assert any("more than 60" in n and "h1.1, y1" in n for n in notes)
    assert any("4 more weights into h1.1" in n for n in notes)
    lines = [equation_text(e) for e in equations(doc)]
    assert not any(line.startswith("z_h1.2") for line in lines)
    chosen = worked_step(rec, units=[(1, 4)])
    assert any(equation_text(e).startswith("z_h1.5") for e in equations(chosen))


def test_units_chosen_in_a_small_network_are_not_said_to_be_forced_by_its_size():
    arch, params, x, y, lr = worked_example_222()
    doc = worked_step(train_step(arch, params, x, y, lr), units=[(1, 1)])
    notes = [b.text for b in doc.blocks if isinstance(b, Text)]
    assert "Only the chosen units h1.2 and the weights into them are written out." in notes
    assert not any("more than" in n for n in notes)


@pytest.mark.parametrize("hidden,output,loss", [("relu", "sigmoid", "bce"), ("leaky_relu", "softmax", "mse"),
                                                ("sigmoid", "linear", "mse"), ("linear", "softmax", "ce")])
def test_every_pair_of_activation_and_loss_writes_out(hidden, output, loss, tmp_path):
    rec = _batch_record(hidden=hidden, output=output, loss=loss)
    doc = worked_step(rec, sample=1)
    for fmt in ("md", "tex", "html"):
        write_worked_step(tmp_path / f"step.{fmt}", doc)
        assert (tmp_path / f"step.{fmt}").read_text(encoding="utf-8").count("0.") > 20


def test_html_works_offline_and_keeps_exact_values():
    text = html(worked_step(step_222()))
    for maths in re.findall(r"<math.*?</math>", text):
        ElementTree.fromstring(maths)  # well-formed MathML
    assert "<math" in text and "http" not in text and "src=" not in text and "<script" not in text
    assert 'title="0.35891647971788465"' in text
    assert "<details><summary>exact values</summary>" in text


def test_html_formulas_scroll_only_sideways():
    """overflow-x: auto alone makes overflow-y auto too: Chromium gave every formula a scrollbar of its own."""
    text = html(worked_step(step_222()))
    style = text[text.index("<style>"):text.index("</style>")]
    for rule in re.findall(r"[^{}]+\{[^}]*\}", style):
        if "overflow-x: auto" in rule:
            assert "overflow-y: hidden" in rule, rule
    assert "overflow" not in re.search(r"math\[display=\"block\"\][^}]*\}", style).group(0)
    assert text.count('<div class="formula"><math') == text.count("<math")


def test_format_comes_from_the_suffix_or_is_refused():
    assert format_for("a.md") == "md" and format_for("b.HTML") == "html" and format_for("c.tex") == "tex"
    assert format_for("noext", "tex") == "tex"
    with pytest.raises(Exception, match="suffix"):
        format_for("a.docx")


def test_latex_compiles_with_pdflatex(tmp_path):
    rec = _batch_record(sizes=(2, 3, 2), hidden="relu", output="sigmoid", loss="bce")
    for name, doc in (("w222", worked_step(step_222())), ("batch", worked_step(rec, sample=1))):
        (tmp_path / f"{name}.tex").write_text(latex(doc), encoding="utf-8")
        if shutil.which("pdflatex") is None:
            pytest.skip("pdflatex is not installed")
        done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout[-2000:]
        assert (tmp_path / f"{name}.pdf").stat().st_size > 1000


def test_the_update_section_follows_adam_with_bias_correction_and_the_engines_new_weights():
    from mlpviz.engine import Architecture, init_params, train_step
    from mlpviz.engine.optimizers import make_optimizer
    from mlpviz.teaching.render_text import equation_text
    from mlpviz.teaching.worked_step import Heading, Maths, worked_step
    arch = Architecture((2, 2, 1), "tanh", "sigmoid", "bce")
    x, y, opt = [[0.5, -1.0], [1.0, 2.0]], [[1.0], [0.0]], make_optimizer("adam", {"beta1": 0.8})
    first = train_step(arch, init_params(arch, seed=1), x, y, 0.01, optimizer=opt)
    rec = train_step(arch, first.params_after, x, y, 0.01, optimizer=opt, state=first.state_after)
    doc = worked_step(rec, 0)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert any(h.startswith("Update (Adam): m = β₁·m + (1 − β₁)·g") for h in headings)
    lines = [equation_text(b.equation) for b in doc.blocks if isinstance(b, Maths)]
    hats = [line for line in lines if line.startswith("m̂_x1→h1.1 =")]
    assert hats and hats[0].endswith(f"{rec.state_after['m'][0] / (1 - 0.8**2):.9g}")
    new = [line for line in lines if line.startswith("w'_x1→h1.1 =")]
    assert new and float(new[0].split(" = ")[-1]) == float(f"{rec.params_after.weights[0][0, 0]:.9g}")


def test_the_title_names_the_step_and_that_it_runs_to_its_update():
    assert worked_step(step_222()).title == "One backprop step of a 2-2-2 network, worked out"
    doc = worked_step(step_222(), step=7)
    assert doc.title == "Step 7 of a 2-2-2 network, worked out up to the parameters after step 7's update"
    assert markdown(doc).startswith(f"# {doc.title}\n") and "\\title{Step 7 of a 2-2-2" in latex(doc)
