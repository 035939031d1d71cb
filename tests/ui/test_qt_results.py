"""The result panel: only a placeholder in the first frame; a reason, never a stale plan."""

from __future__ import annotations

from ivigdesk.ui.qt_results import ResultsPanel
from tests.ui.conftest import choose


def test_the_first_frame_holds_only_the_placeholder(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    assert panel.placeholder.text() == "Loading the knowledge base…" and not hasattr(panel, "document")
    panel.clear("Choose a diagnosis to begin.")
    assert panel.plan is None and "Choose a diagnosis to begin." in panel.placeholder.text()
    panel.finish_setup()
    assert panel.document.isHidden() and panel.key.isHidden()


def test_a_plan_is_replaced_by_the_reason_there_is_none(window, qtbot):
    choose(window, qtbot, "gbs", "gbs")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    results = window.results
    assert results.plan is not None and results.day(0)["give"] == "28 g\n280 mL"  # 70 kg × 400 mg/kg, at 10 %
    assert not results.placeholder.isVisible()
    results.clear("No result: the weight is missing.")
    assert results.plan is None and results.day_rows() == 0 and results.part("working") == ""
    assert results.placeholder.isVisible() and not results.document.isVisible()
