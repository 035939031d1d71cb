"""Issue 23 in the window: rate ramps that never jump, no fastest rate above a product's label,
and no word about a product's maximum when no product is chosen. Each value is worked by hand from
the label quoted in resources/products/products.yaml (mL/h = mL/kg/h × kg)."""

from __future__ import annotations

from tests.ui.conftest import choose


def fastest(window) -> str:
    """The key strip's "Fastest rate" value and its detail, as shown."""
    labels = [(name.text(), value.text()) for name, value in window.results.key.facts if name.isVisible()]
    return next(value for name, value in labels if "Fastest rate" in name)


def kawasaki_18(window, qtbot, product: str) -> None:
    choose(window, qtbot, "kawa", "kawasaki")
    qtbot.keyClicks(window.inputs.patient.weight, "18")
    qtbot.keyClicks(window.inputs.patient.age, "4")
    window.inputs.product_rates.product.setCurrentIndex(window.inputs.product_rates.product.findData(product))


def test_intratect_shows_no_pump_rate_until_its_smpc_rates_are_entered(window, qtbot):
    # Kawasaki 18 kg, 36 g in 720 mL of Intratect 50 g/L: 720 ÷ 8 h = 90 mL/h is above the SmPC maximum
    # issue 23 quotes (1.9 mL/kg/h × 18 = 34.2 mL/h) and Intratect's rates are not confirmed here
    kawasaki_18(window, qtbot, "intratect-50")
    assert window.plan is not None
    shown = fastest(window)
    assert "set by the product&#x27;s SmPC" in shown or "set by the product's SmPC" in shown
    assert "section 4.2" in shown
    assert window.results.day(0)["rate"] == "set by the product's SmPC"
    assert "90 mL/h" not in window.results.part("working") + window.results.part("days")
    assert "no product is chosen" not in window.results.part("days")  # no "*" footnote: a product is chosen
    # the SmPC's rates typed in: 1.4 × 18 = 25.2 mL/h for 30 min, then at most 1.9 × 18 = 34.2 mL/h
    qtbot.keyClicks(window.inputs.product_rates.initial_rate, "1.4")
    qtbot.keyClicks(window.inputs.product_rates.maximum_rate, "1.9")
    assert "34.2 mL/h (1.9 mL/kg/h)" in fastest(window)
    assert window.results.day(0)["rate"] == "34.2 mL/h\n1.9 mL/kg/h"
    assert "25.2 mL/h (1.4 mL/kg/h) for 30 min" in window.results.part("schedule")


def test_octagam_10_ramp_in_the_window_doubles_every_30_minutes(window, qtbot):
    # ITP, 70 kg, Octagam 10 %: 700 mL; 42 mL/h (0.6 mL/kg/h) for 30 min, 84 mL/h (1.2) for 30 min, then
    # the 8-hour rule's 87.5 mL/h (1.25 mL/kg/h) for 436.8 min (shown rounded up, 437 min)
    choose(window, qtbot, "ITP", "lupus-itp")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.product.setCurrentIndex(window.inputs.product_rates.product.findData("octagam-10"))
    schedule = window.results.part("schedule")
    assert "42 mL/h (0.6 mL/kg/h) for 30 min (21 mL)" in schedule
    assert "84 mL/h (1.2 mL/kg/h) for 30 min (42 mL)" in schedule
    assert "87.5 mL/h (1.25 mL/kg/h) for 437 min until the bag is empty (637 mL)" in schedule
    assert "steps from the US prescribing information" in schedule


def test_no_product_says_nothing_about_a_product_maximum(window, qtbot):
    # Kawasaki 18 kg at 10 %, no product: 360 mL ÷ 8 h = 45 mL/h (2.5 mL/kg/h)
    choose(window, qtbot, "kawa", "kawasaki")
    qtbot.keyClicks(window.inputs.patient.weight, "18")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    shown = fastest(window)
    assert "45 mL/h (2.5 mL/kg/h)" in shown and "no product is chosen" in shown
    assert "not confirmed" not in shown and "not confirmed" not in window.results.part("days")


def test_the_rate_fields_follow_the_core_rule_for_the_indication(window, qtbot, monkeypatch):
    """Asked again when the diagnosis changes, with the diagnosis's one recalculation and no
    other (a product whose maximum rate is confirmed for dm-pm only, as a listed exception)."""
    from ivigdesk.knowledge.products import Product

    monkeypatch.setattr(Product, "rates_to_enter", lambda self, indication_id=None: indication_id != "dm-pm")
    part = window.inputs.product_rates
    part.product.setCurrentIndex(part.product.findData("octagam-10"))
    choose(window, qtbot, "gbs", "gbs")
    assert part.initial_rate.isEnabled() and part.maximum_rate.isEnabled() and part.initial_minutes.isEnabled()
    window.picker.search.setText("")
    recalculations: list[int] = []
    window.inputs.changed.connect(lambda: recalculations.append(1))
    window.picker.select("dm-pm")
    assert not part.initial_rate.isEnabled() and not part.maximum_rate.isEnabled()
    assert part.initial_rate.placeholderText() == "from the product list"
    assert recalculations == [1]


def test_the_product_part_gives_a_product_or_a_typed_concentration(qtbot):
    from ivigdesk.knowledge.products import load_product_catalogue
    from ivigdesk.ui.qt_inputs_product import ProductPart

    part = ProductPart()
    qtbot.addWidget(part)
    part.set_catalogue(load_product_catalogue())
    part.concentration.setCurrentText("5 %")
    assert part.raw() == {"product_id": None, "concentration": "5 %", "initial_rate": "", "initial_minutes": "30",
                          "maximum_rate": "", "rate_unit": "mL/kg/h"}  # fmt: skip
    assert part.initial_rate.placeholderText() == "choose a product first"
    emitted: list[int] = []
    part.changed.connect(lambda: emitted.append(1))
    part.product.setCurrentIndex(part.product.findData("intratect-50"))  # no maximum rate listed: enter the SmPC's
    part.initial_rate.setText("1.4")
    part.set_indication("kawasaki")  # the rule asked again; no recalculation of its own
    assert emitted == [1, 1]
    assert part.raw()["product_id"] == "intratect-50" and part.raw()["concentration"] == ""
    assert part.raw()["initial_rate"] == "1.4" and not part.concentration.isEnabled()
    assert part.remembered() == ("intratect-50", "5 %")  # the pharmacy's stock, never a unit
