"""Every CSV mlpviz writes: names quoted and never run as a spreadsheet formula (OWASP's CSV injection)."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from mlpviz.cli.main import main
from mlpviz.engine import Architecture, init_params
from mlpviz.io import Snapshot, save_snapshot
from mlpviz.io.csv_write import FORMULA_STARTS, csv_lines

HOSTILE = ["=cmd|' ∕C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", " =1+1", "a,b\nW0,=1+1",
           'say "hi"', "＝1+1"]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _safe(cell: str) -> bool:
    return not cell.lstrip(" \n")[:1] in FORMULA_STARTS and cell[:1] not in FORMULA_STARTS


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_stays_one_literal_cell(name):
    rows = _cells(csv_lines([["data", name], ["n", -0.5, 3]]))
    assert len(rows) == 2 and rows[0] == ["data", "'" + name] if not _safe(name) else rows[0] == ["data", name]
    assert rows[1] == ["n", "-0.5", "3"]  # numbers stay numbers, negative ones too


def test_the_snapshot_csv_names_its_data_file_as_text(tmp_path):
    arch = Architecture((2, 3, 1))
    for name in HOSTILE:
        snap = Snapshot(arch, init_params(arch, "he", 1), extra={"data": name, "note": name})
        save_snapshot(tmp_path / "s.csv", snap)
        rows = _cells((tmp_path / "s.csv").read_bytes().decode("utf-8"))
        assert all(_safe(c) or c.startswith("'") for row in rows for c in row if not _is_number(c)), name
        data = [row for row in rows if row and row[0] == "data"]
        assert len(data) == 1 and data[0][1].lstrip("'") == name and len(data[0]) == 2
        assert sum(1 for row in rows if row[:1] == ["W0"]) == 1  # no row injected


def test_train_export_writes_a_hostile_data_path_as_one_text_cell(tmp_path):
    shutil.copy(_xor(tmp_path), tmp_path / "=1+1,x.csv")
    out = tmp_path / "out.csv"
    assert main(["train", "--data", str(tmp_path / "=1+1,x.csv"), "--sizes", "2,3,1", "--steps", "2", "--quiet",
                 "--export", str(out)]) == 0
    rows = _cells(out.read_bytes().decode("utf-8"))
    data = [row for row in rows if row and row[0] == "data"]
    assert len(data) == 1 and len(data[0]) == 2 and data[0][1].endswith("=1+1,x.csv")
    assert all(_safe(c) or _is_number(c) or c.startswith("'") for row in rows for c in row)


def _xor(tmp_path):
    path = tmp_path / "xor.csv"
    path.write_text("x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    return path


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
