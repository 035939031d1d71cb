"""ivigdesk-calc: list, readable and JSON plans, and one clear line with exit 2 for bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date

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
    assert rows[-2].split()[:4] == ["BLACK", "cfs", "any", "not-approved"]
    assert rows[-1].split()[:4] == ["UNLISTED", "obstetric-aps", "pregnancy-related", "not-approved"]


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


@pytest.mark.slow
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


def test_json_obese_adult_with_product_rounding_schedule_and_dates(capsys):
    code = run(
        [
            *("--indication", "gbs", "--weight", "100 kg", "--height", "175 cm", "--sex", "male"),
            *("--product", "octagam-10", "--start-date", "2028-02-27", "--json"),
        ],
        today=date(2028, 2, 1),  # start dates are accepted within a year of today
    )
    out, _ = capsys.readouterr()
    assert code == 0
    data = json.loads(out)
    # hand-worked: IBW 50 + 2.3 × (68.898 − 60) = 70.46; BMI 32.7; DDW 70.46 + 0.4 × 29.54 = 82.28
    assert data["ibw_kg"] == pytest.approx(70.4646, abs=1e-4)
    assert data["bmi"] == pytest.approx(32.653, abs=1e-3)
    assert data["dosing_weight_kg"] == pytest.approx(82.2787, abs=1e-4)
    assert data["weight_basis"] == "Dose-determining weight"
    assert data["weight_kg"] == 100  # the existing field keeps its meaning: the weight entered
    # 82.28 kg × 0.4 g/kg = 32.91 g a day; 33 g = 20 + 5 + 2 × 4 vials of Octagam 10 %
    assert data["days"][0]["dose_g"] == pytest.approx(32.9115, abs=1e-4)
    assert data["days"][0]["rounded_dose_g"] == 33
    assert data["days"][0]["vials"] == [{"grams": 20, "count": 1}, {"grams": 5, "count": 1}, {"grams": 2, "count": 4}]
    # 2 g/kg course: at least 8 h, never above 329.1 mL ÷ 8 h = 41.14 mL/h, so one step for 330 mL
    assert data["days"][0]["rate_steps"][0]["ml_per_h"] == pytest.approx(41.139, abs=1e-3)
    assert data["total_dose_on_actual_weight_g"] == 200
    assert [d["date"] for d in data["days"]] == ["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01", "2028-03-02"]


def test_products_listing_and_unconfirmed_rates(capsys):
    code, out, _ = calc(capsys, "products")
    assert code == 0 and "kiovig" in out and "rates unconfirmed" in out
    code, out, _ = calc(capsys, "--indication", "gbs", "--weight", "70", "--product", "kiovig", "--json")
    data = json.loads(out)
    assert data["days"][0]["rate_steps"] == [] and "not confirmed" in data["schedule_note"]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--height", "175 kg"), "not a unit of height"),
        (("--height", "17"), "outside the accepted"),
        (("--product", "nope"), "There is no product"),
        (("--product", "octagam-10", "--concentration", "5%"), "not 5 %"),
        (("--start-date", "31/01/2028"), "YYYY-MM-DD"),
        (("--initial-rate", "0.5 mL/kg/h"), "give both"),
        (("--tolerance", "nan"), "invalid choice"),
        (("--factor", "0.5"), "invalid choice"),  # only the factors the window offers
    ],
)
def test_new_inputs_are_refused_clearly(capsys, argv, words):
    base = ("--indication", "gbs", "--weight", "70 kg")
    extra = () if "--product" in argv or "--concentration" in argv else ("--concentration", "10%")
    code, out, err = calc(capsys, *base, *extra, *argv)
    assert code == 2 and out == "" and words in err and err.count("\n") == 1


# -- output on any console, refusals on one line (each failed before: tracebacks, exit 1) --------

GBS = ["--indication", "gbs", "--weight", "70", "--concentration", "10%"]


def cli(*argv: str, stdout=subprocess.PIPE, env=None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ivigdesk.cli", *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.slow
def test_a_cp1252_console_gets_a_readable_plan(tmp_path):
    done = cli(*GBS, env={"PYTHONIOENCODING": "cp1252"})
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("cp1252")
    assert "70 kg × 400 mg/kg = 28 g per day" in text  # × exists in cp1252 and is kept
    json_done = cli(*GBS, "--json", env={"PYTHONIOENCODING": "cp1252"})
    assert json_done.stdout == cli(*GBS, "--json", env={"PYTHONIOENCODING": "utf-8"}).stdout  # UTF-8 whatever
    assert json.loads(json_done.stdout.decode("utf-8"))["total_dose_g"] == 140


def test_json_is_utf8_with_newlines_on_a_cp1252_crlf_console(monkeypatch):
    # what Windows gives a piped ivigdesk-calc: a cp1252 text layer that writes CRLF
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="cp1252", errors="strict", newline="\r\n")
    monkeypatch.setattr(sys, "stdout", console)
    argv = ["--indication", "dm-pm", "--weight", "110 kg", "--height", "165 cm", "--sex", "female", "--age", "54"]
    assert run([*argv, "--days", "5", "--concentration", "10%", "--json"]) == 0
    data = raw.getvalue()
    assert b"\r" not in data and data.endswith(b"}\n")
    text = data.decode("utf-8")  # strict: not one cp1252 byte
    assert any(ord(ch) > 0xFF for ch in text), "the plan should carry a character cp1252 lacks"
    assert json.loads(text)["indication"]


def test_a_character_the_console_lacks_becomes_its_plain_twin():
    from ivigdesk.cli import _plain_text

    error = UnicodeEncodeError("cp1252", "a − b ≥ c ⚠", 2, 3, "cannot encode")
    assert _plain_text(error) == ("-", 3)


@pytest.mark.slow
def test_a_full_disk_on_standard_output_is_one_line_and_exit_1():
    with open("/dev/full", "wb") as full:
        done = cli(*GBS, stdout=full)
    assert done.returncode == 1
    err = done.stderr.decode()
    assert err.count("\n") == 1 and "could not be written" in err and "Traceback" not in err


@pytest.mark.slow
def test_a_closed_standard_output_is_one_line_and_exit_1():
    done = subprocess.run(
        f"{sys.executable} -m ivigdesk.cli {' '.join(GBS)} >&-", shell=True, capture_output=True, text=False
    )
    assert done.returncode == 1
    err = done.stderr.decode()
    assert err.count("\n") == 1 and "standard output is closed" in err


@pytest.mark.parametrize("weight", ["70\nkg\n2", "70 kg\u202e", "70 kg\x1b[31m", "70\x00"])
def test_user_text_in_a_refusal_keeps_it_on_one_line(capsys, weight):
    code, out, err = calc(capsys, "--indication", "gbs", "--weight", weight, "--concentration", "10%")
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert "\u202e" not in err and "\x1b" not in err and "\x00" not in err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--weight", "70 (kg"), "not a unit"),
        (("--weight", "70 kg)"), "not a unit"),
        (("--weight", "70 kg."), "not a unit"),
        (("--weight", "70 kg,"), "not a unit"),
        (("--weight", "70 kg\u0301"), "not a unit"),
        (("--weight", "70 kg**2/kg"), "not a unit"),
        (("--height", "5 ft # 10 in"), "not a unit"),
        (("--start-date", "2027-W01-1"), "YYYY-MM-DD"),
        (("--start-date", "20270105"), "YYYY-MM-DD"),
        (("--start-date", "9999-12-31"), "more than a year from today"),
        (("--start-date", "2027-02-30"), "not a date on the calendar"),
    ],
)
def test_inputs_that_were_silently_misread_are_refused(capsys, argv, words):
    base = {"--indication": "gbs", "--weight": "70", "--concentration": "10%"}
    base.update(dict(zip(argv[::2], argv[1::2], strict=True)))
    code = run([item for pair in base.items() for item in pair])
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and words in err and err.count("\n") == 1, err


def test_json_carries_risks_product_attributes_sourced_warnings_notes_and_guidance(capsys):
    code, out, _ = calc(
        capsys, "--indication", "lupus-nephritis", "--weight", "70", "--product", "octagam-10",
        "--risk", "diabetes", "--json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    # lupus nephritis carries renal impairment; diabetes was entered
    assert {(r["risk"], r["why"].startswith("the diagnosis")) for r in data["patient_risks"]} >= {
        ("renal", True),
        ("diabetes", False),
    }
    product = data["product_attributes"]
    assert product["iga_most_micrograms_per_ml"] == 400 and product["iga_source"]  # Octagam 10 % SmPC section 2
    at_risk = product["maximum_ml_per_kg_h_for_patients_at_risk"]  # 0.03 mL/kg/min = 1.8 mL/kg/h
    assert at_risk["ml_per_kg_h"] == 1.8 and set(at_risk["risks"]) == {"renal", "thrombosis"}
    maltose = next(w for w in data["warnings_with_sources"] if "contains maltose" in w["text"])
    assert maltose["source"] and "This patient: diabetes" in maltose["text"]
    assert data["newer_guidance"] and data["circumstance_text"]
    # every rate has its rate per kg: 70 kg × 1.8 mL/kg/h (Octagam's at-risk maximum) = 126 mL/h at most
    day = data["days"][0]
    assert all(step["ml_per_kg_h"] is not None for step in day["rate_steps"])
    assert day["max_rate_ml_per_kg_h"] <= 1.8


def test_json_has_the_regimen_note_the_source_gives(capsys):
    code, out, _ = calc(
        capsys, "--indication", "lupus-chb", "--weight", "70", "--concentration", "5%",
        "--regimen", "uk-dh-400mg-per-kg", "--json",
    )  # fmt: skip
    assert code == 0
    assert "The review gives no schedule" in json.loads(out)["regimen_note"]


# -- issue 23: rate ramps and maxima in the JSON, worked by hand from the cited labels ------------


def test_json_octagam_10_steps_double_from_the_us_label(capsys):
    # 70 kg ITP, 700 mL: 0.01 mL/kg/min = 0.6 mL/kg/h = 42 mL/h for 30 min, 0.02 → 1.2 mL/kg/h = 84 mL/h,
    # then the 8-hour rule's 700 ÷ 8 = 87.5 mL/h (1.25 mL/kg/h) for 637 mL = 436.8 min
    code, out, _ = calc(capsys, "--indication", "lupus-itp", "--weight", "70", "--product", "octagam-10", "--json")
    day = json.loads(out)["days"][0]
    assert code == 0
    assert day["rate_steps"] == [
        {"ml_per_h": 42, "ml_per_kg_h": 0.6, "minutes": 30},
        {"ml_per_h": 84, "ml_per_kg_h": 1.2, "minutes": 30},
        {"ml_per_h": 87.5, "ml_per_kg_h": 1.25, "minutes": 436.8},
    ]
    assert day["schedule_is_lower_bound"] is False and day["untimed_ml"] == 0
    assert "US prescribing information, section 2.3" in day["rate_steps_from"]


def test_json_intratect_gives_no_rate_until_its_smpc_rates_are_entered(capsys):
    base = ("--indication", "lupus-itp", "--weight", "70", "--product", "intratect-50", "--json")
    code, out, _ = calc(capsys, *base)
    data = json.loads(out)
    day = data["days"][0]
    # 1400 mL ÷ 8 h = 175 mL/h would pass the SmPC's maximum: nothing is given instead
    assert code == 0 and (day["max_rate_ml_per_h"], day["max_rate_ml_per_kg_h"], day["rate_steps"]) == (None, None, [])
    assert data["product_attributes"]["iga_most_micrograms_per_ml"] == 900
    assert "section 2" in data["product_attributes"]["iga_source"]
    assert "175" not in out
    code, text, _ = calc(capsys, *base[:-1])  # the plain text says no number either
    assert code == 0 and "175" not in text and "Fastest rate: set by the product's SmPC" in text
    # entered from the SmPC: 1.4 mL/kg/h × 70 = 98 mL/h for 30 min, at most 1.9 × 70 = 133 mL/h
    code, out, _ = calc(capsys, *base, "--initial-rate", "1.4 mL/kg/h", "--maximum-rate", "1.9 mL/kg/h")
    day = json.loads(out)["days"][0]
    assert [(s["ml_per_h"], s["ml_per_kg_h"]) for s in day["rate_steps"]] == [(98, 1.4), (133, 1.9)]
    assert (day["max_rate_ml_per_h"], day["max_rate_set_by"]) == (133, "user")


def test_json_kawasaki_18_kg_on_intratect_at_most_34_2_ml_per_hour(capsys):
    # 18 kg: 1.4 × 18 = 25.2 mL/h for 30 min; at most 1.9 × 18 = 34.2 mL/h (720 ÷ 8 h = 90 mL/h is never shown)
    code, out, _ = calc(
        capsys, "--indication", "kawasaki", "--weight", "18", "--age", "4", "--product", "intratect-50",
        "--initial-rate", "1.4 mL/kg/h", "--maximum-rate", "1.9 mL/kg/h", "--json",
    )  # fmt: skip
    day = json.loads(out)["days"][0]
    assert code == 0 and day["max_rate_ml_per_h"] == 34.2
    assert [s["ml_per_h"] for s in day["rate_steps"]] == [25.2, 34.2]
    assert "90" not in str(day["max_rate_ml_per_h"])
    # and in the words the user reads (JSON working and the plain text): 720 ÷ 8 h = 90 mL/h only "to meet
    # the rule's time", then the entered maximum and the longer time, 1271.05 min = 21 h 12 min (rounded up)
    capped = (
        "the label allows at most 34.2 mL/h (1.9 mL/kg/h × 18 kg; the maximum entered from the SmPC), "
        "so the infusion takes longer: 21 h 12 min"
    )
    assert capped in json.loads(out)["arithmetic"]
    code, text, _ = calc(
        capsys, "--indication", "kawasaki", "--weight", "18", "--age", "4", "--product", "intratect-50",
        "--initial-rate", "1.4 mL/kg/h", "--maximum-rate", "1.9 mL/kg/h",
    )  # fmt: skip
    assert code == 0 and capped in text
    assert "at most 90 mL/h" not in text and "720 mL ÷ 8 h = 90 mL/h to meet the rule's time" in text


def test_no_product_never_says_product_maximum_not_confirmed(capsys):
    code, out, _ = calc(capsys, "--indication", "gbs", "--weight", "70", "--concentration", "10%")
    assert code == 0 and "35 mL/h (0.5 mL/kg/h), meets the minimum duration; no product chosen" in out
    assert "maximum not confirmed" not in out


def test_every_field_a_refusal_names_points_at_flags_the_command_line_has():
    from ivigdesk.cli import _flags, _parser
    from ivigdesk.dosing.fields import Field

    known = _parser()._option_string_actions
    for field in Field:
        for flag in _flags(field).split(", "):
            assert flag in known, f"{field.value} points at {flag}, which ivigdesk-calc does not have"
