"""Without a font for Chinese letters the app stays in English and names the package; it never draws boxes.

The machine has fonts-noto-cjk; a missing one is made by pointing fontconfig (in a subprocess)
at a folder holding only a Latin font.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LATIN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from mlpviz import i18n
    from mlpviz.ui.fonts import has_font_for, names_font_message, undrawable
    from mlpviz.ui.language_menu import start_language
    from mlpviz.ui.main_window import MainWindow
    settings = QSettings(sys.argv[1], QSettings.IniFormat)
    settings.setValue("view/language", "zh_CN")
    said = start_language(settings)
    window = MainWindow(settings=settings)
    window.language.choose("zh_CN")
    chosen = window.statusBar().currentMessage()
    import numpy as np
    from mlpviz.datasets import dataset_from_arrays
    x, y = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]), np.array([[0.0], [1.0], [0.0], [1.0]])
    window.session.set_data(dataset_from_arrays("pets", x, y, class_names=("猫", "狗")), window.session.arch)
    print(json.dumps({"said": said, "language": i18n.language(), "menu": window.file_menu.title(),
                      "chosen": chosen, "loaded": window.statusBar().currentMessage(),
                      "has_font": has_font_for("zh_CN"), "undrawable": undrawable(["猫", "cat"]),
                      "names": names_font_message(["猫"])}))
""")


def run_without_cjk_fonts(tmp_path) -> dict:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    if LATIN_FONT.exists():
        shutil.copy(LATIN_FONT, fonts)
    (tmp_path / "fonts.conf").write_text(
        f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{fonts}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    env = {**os.environ, "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(REPO), "LANG": "zh_CN.UTF-8", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "s.ini")], env=env, capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_without_a_chinese_font_the_app_stays_in_english_and_names_the_package(tmp_path):
    seen = run_without_cjk_fonts(tmp_path)
    assert not seen["has_font"]
    assert seen["language"] == "en" and seen["menu"] == "&File"  # no boxes: English until a font is there
    for said in (seen["said"], seen["chosen"]):  # at launch, and when 简体中文 is chosen
        assert "fonts-noto-cjk" in said and "fonts-wqy-microhei" in said
    assert "猫" in seen["undrawable"]
    assert "fonts-noto-cjk" in seen["loaded"] and "猫" in seen["loaded"]  # Chinese class names from a data file
    if LATIN_FONT.exists():
        assert "cat" not in seen["undrawable"]


def test_with_the_installed_cjk_font_chinese_is_drawable(qapp):
    from mlpviz.ui.fonts import drawable, has_font_for

    if not has_font_for("zh_CN"):
        pytest.skip("no CJK font on this machine (install fonts-noto-cjk)")
    assert drawable("猫 学习率 δ") and drawable("cat")
