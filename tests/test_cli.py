"""ivigdesk-calc: list, readable and JSON plans, and one clear line with exit 2 for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from ivigdesk.cli import run


def calc(capsys, *argv):
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_prints_every_circumstance(capsys, kb):
    code, out, _ = calc(capsys, "list")
    assert code == 0
    rows = out.strip().splitlines()
    assert len(rows) == sum(len(i.circumstances) for i in kb.indications)
    assert rows[0].split()[:4] == ["RED", "kawasaki", "confirmed", "recommended"]
    assert rows[-1].split()[:4] == ["BLACK", "cfs", "any", "not-approved"]


def test_json_plan_for_dm_pm_in_pounds(capsys):
    code, out, _ = calc(
        capsys, "--indication", "dm-pm", "--weight", "154 lb", "--days", "5", "--concentration", "10%", "--json"
    )
    assert code == 0
    data = json.loads(out)
    # 154 lb = 69.85322498 kg; × 2 g/kg = 139.70644996 g; ÷ 5 = 27.941289992 g; × 10 = 279.41289992 mL
    assert data["indication"] == "dm-pm" and data["circumstance"] == "resistant-or-life-threatening"
    assert (data["colour"], data["status"], data["grade"], data["evidence"]) == ("blue", "recommended", "B", "IIa")
    assert data["weight_kg"] == pytest.approx(69.85322498)
    assert data["dosing_weight_kg"] == pytest.approx(69.85322498)
    assert data["total_dose_g"] == pytest.approx(139.70644996)
    assert [d["day"] for d in data["days"]] == [1, 2, 3, 4, 5]
    assert data["days"][0]["dose_g"] == pytest.approx(27.941289992)
    assert data["days"][0]["volume_ml"] == pytest.approx(279.41289992)
    assert data["days"][0]["min_duration_h"] == 8
    assert data["repeat"]["every_months"] == 1
    assert data["co_medication"] == []
    assert 52 in data["references"] and 21 in data["references"]


def test_json_kawasaki_co_medication(capsys):
    code, out, _ = calc(capsys, "--indication", "kawasaki", "--weight", "18 kg", "--concentration", "10%", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["co_medication"][0]["drug"] == "Aspirin"
    assert (data["co_medication"][0]["per_day_mg_min"], data["co_medication"][0]["per_day_mg_max"]) == (1440, 1800)
    assert data["co_medication"][0]["doses_per_day"] == [3, 4]


def test_json_without_a_dose(capsys):
    code, out, _ = calc(capsys, "--indication", "ra", "--weight", "70 kg", "--concentration", "10%", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["total_dose_g"] is None and data["days"] == [] and data["status"] == "not-approved"


def test_readable_plan(capsys):
    code, out, _ = calc(capsys, "--indication", "gbs", "--weight", "70 kg", "--concentration", "10%")
    assert code == 0
    assert "70 kg × 400 mg/kg = 28 g per day" in out
    assert "Priority: RED" in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--indication", "kawsaki", "--weight", "70", "--concentration", "10%"], "Did you mean “kawasaki”"),
        (
            ["--indication", "lupus-flare", "--weight", "70", "--concentration", "10%"],
            "refractory, acute-severe, critically-unwell",
        ),
        (["--indication", "gbs", "--weight", "", "--concentration", "10%"], "Enter the patient's weight"),
        (["--indication", "gbs", "--weight", "0", "--concentration", "10%"], "more than zero"),
        (["--indication", "gbs", "--weight", "-5 kg", "--concentration", "10%"], "more than zero"),
        (["--indication", "gbs", "--weight", "seventy", "--concentration", "10%"], "not a number"),
        (["--indication", "gbs", "--weight", "70 mL", "--concentration", "10%"], "not a unit of weight"),
        (["--indication", "gbs", "--weight", "400", "--concentration", "10%"], "1–250 kg"),
        (["--indication", "dm-pm", "--weight", "70", "--concentration", "10%", "--days", "6"], "from 2 to 5"),
        (["--indication", "dm-pm", "--weight", "70", "--concentration", "10%"], "Choose the number of days"),
        (["--indication", "gbs", "--weight", "70", "--concentration", "10 kg"], "not a unit of concentration"),
        (["--indication", "gbs", "--weight", "70", "--concentration", "10%", "--answer", "x=maybe"], "yes or"),
        (["--indication", "gbs", "--weight", "70"], "--concentration"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_plan(capsys, argv, words):
    code, out, err = calc(capsys, *argv)
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert words in err


def test_python_m_entry_point():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ivigdesk.cli",
            "--indication",
            "kawasaki",
            "--weight",
            "20 kg",
            "--concentration",
            "10%",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total_dose_g"] == 40
