"""The window under a tampered knowledge base, a malformed local formulary, damaged settings and
an internal fault: a clear message, no dose on screen, and a window that stays usable."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from ivigdesk.knowledge.manifest import MANIFEST
from tests.conftest import edit_text, reseal
from tests.ui.conftest import choose, open_window


@pytest.fixture
def site(pharmacy, monkeypatch):
    """The approved local copy of both data sets, named by a site file through the environment."""
    ini = pharmacy / "ivigdesk-site.ini"
    ini.write_text("[site]\nknowledge_folder = knowledge\nproducts_folder = products\n", encoding="utf-8")
    monkeypatch.setenv("IVIGDESK_SITE_CONFIG", str(ini))
    return pharmacy


def dose_gbs_70kg(window, qtbot) -> None:
    choose(window, qtbot, "gbs", "gbs")
    window.inputs.product_rates.product.setCurrentIndex(0)  # no product: a bare concentration
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    qtbot.keyClicks(window.inputs.patient.weight, "70")


def assert_no_dose(window, *words: str) -> None:
    assert window.kb is None and window.plan is None
    assert not window.inputs.isEnabled() and not window.picker.isEnabled()
    assert window.picker.visible_ids() == []
    assert not window.copy_button.isEnabled() and not window.pdf_button.isEnabled()
    assert "INVALID" in window.kb_label.text()
    message = window.results.placeholder.text()
    assert "will not calculate" in message
    for word in words:
        assert word in message


def test_window_shows_which_knowledge_base_is_in_use(site, qtbot, kb):
    window = open_window(qtbot)
    assert window.kb_label.text().startswith("LOCAL Knowledge base 2026.11.2")
    assert kb.checksum[:12] in window.kb_label.text()
    assert str(site / "ivigdesk-site.ini") in window.kb_label.toolTip()
    dose_gbs_70kg(window, qtbot)
    assert window.results.day(0)["give"] == "28 g\n280 mL"  # 400 mg/kg × 70 kg (Table 2)
    assert window.plan.knowledge_base_origin == f"local: {site / 'knowledge'}"


def test_bundled_knowledge_base_is_labelled_as_such(window):
    assert window.kb_label.text().startswith("Knowledge base 2026.11.2")
    assert "bundled with IVIG Desk" in window.kb_label.toolTip()


def test_a_knowledge_base_failing_its_integrity_check_gives_no_dose(site, qtbot):
    edit_text(site / "knowledge" / "indications.yaml", "dose_per_kg: 400 mg/kg", "dose_per_kg: 800 mg/kg")
    window = open_window(qtbot)
    assert_no_dose(window, "indications.yaml", "does not match its checksum")


def test_a_malformed_local_formulary_gives_no_dose(site, qtbot):
    edit_text(site / "products" / "products.yaml", "millilitres: 20", "millilitres: -20")
    reseal(site / "products", "products.yaml")
    window = open_window(qtbot)
    assert_no_dose(window, "products.yaml:")


def test_a_result_on_screen_is_cleared_when_a_reload_fails(site, qtbot):
    window = open_window(qtbot)
    dose_gbs_70kg(window, qtbot)
    assert window.plan is not None
    (site / "knowledge" / MANIFEST).unlink()
    window.load_knowledge_base()
    assert_no_dose(window, "MANIFEST.sha256", "no checksum manifest")


def test_damaged_settings_are_reset_with_a_notice(isolated_settings, qtbot):
    isolated_settings.parent.mkdir(parents=True)
    isolated_settings.write_bytes(b"[policy]\nrounding=vials\n\x00\x00\xff\xfe\x1a power cut")
    window = open_window(qtbot)
    notice = window.findChild(QMessageBox, "settingsNotice")
    assert notice is not None and notice.isVisible()
    assert "reset to the defaults" in notice.text() and "damaged" in notice.text()
    assert isolated_settings.with_name("ivigdesk.ini.damaged").exists()
    policy = window.policy()
    assert (policy.weight_rule, str(policy.adjustment_factor), policy.rounding) == ("ontario", "0.4", "vials")
    dose_gbs_70kg(window, qtbot)
    assert window.results.day(0)["give"] == "28 g\n280 mL"
    assert isolated_settings.exists()  # new settings were saved in the settings folder


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("[policy]\nadjustment_factor=abc\n", "policy/adjustment_factor"),
        ("[policy]\ntolerance_percent=1e999\n", "policy/tolerance_percent"),
        ("[policy]\nweight_rule=guess\n", "policy/weight_rule"),
        ("[inputs]\nweight_unit=stone\n", "inputs/weight_unit"),
    ],
)
def test_a_bad_setting_is_dropped_with_a_notice(isolated_settings, qtbot, line, key):
    isolated_settings.parent.mkdir(parents=True)
    isolated_settings.write_text(line, encoding="utf-8")
    window = open_window(qtbot)
    notice = window.findChild(QMessageBox, "settingsNotice")
    assert notice is not None and key in notice.text()
    assert key.split("/")[1] not in isolated_settings.read_text(encoding="utf-8")
    assert window.policy().adjustment_factor == window.policy().__class__().adjustment_factor
    dose_gbs_70kg(window, qtbot)
    assert window.results.day(0)["give"] == "28 g\n280 mL"


def test_an_internal_fault_clears_the_result_is_logged_and_the_window_keeps_working(window, qtbot, monkeypatch):
    from ivigdesk import app
    from ivigdesk.dosing import calculate as calculate_module

    dose_gbs_70kg(window, qtbot)
    assert window.results.day(0)["give"] == "28 g\n280 mL"
    real = calculate_module.calculate
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    monkeypatch.setattr(calculate_module, "calculate", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    old_hook = sys.excepthook
    app.install_crash_handler(interactive=True)
    try:
        with qtbot.capture_exceptions() as caught:
            qtbot.keyClicks(window.inputs.patient.weight, "1")  # 701 kg would be refused; the fault comes first
            window.inputs.patient.weight.setText("71")
        assert caught and isinstance(caught[0][1], RuntimeError)
        assert window.plan is None and "unexpected error" in window.results.placeholder.text()
        sys.excepthook(*caught[0])  # what PySide6 does with an exception in a slot
    finally:
        sys.excepthook = old_hook
    assert shown and "boom" in shown[0]
    assert "RuntimeError: boom" in app.log_path().read_text(encoding="utf-8")
    monkeypatch.setattr(calculate_module, "calculate", real)
    window.inputs.patient.weight.setText("70")
    assert window.results.day(0)["give"] == "28 g\n280 mL"
