"""The menus: titles from the first frame, actions just after; plan actions only with a plan;
a setting chosen applies at once."""

from __future__ import annotations

from tests.ui.conftest import choose


def test_the_plan_actions_wait_for_a_plan(window, qtbot):
    menus = window.menus
    assert menus.filled()
    assert [a.text() for a in menus.plan_actions] == [
        "&Copy plan", "&Save worksheet (PDF)…", "Print pre&view…", "&Print worksheet…",
    ]  # fmt: skip
    assert not any(action.isEnabled() for action in menus.plan_actions)
    choose(window, qtbot, "gbs", "gbs")
    qtbot.keyClicks(window.inputs.patient.weight, "70")
    window.inputs.product_rates.concentration.setCurrentText("10 %")
    assert all(action.isEnabled() for action in menus.plan_actions)
    assert window.copy_button.isEnabled() and window.pdf_button.isEnabled()


def test_each_setting_offers_its_choices_with_the_current_one_ticked(window):
    from ivigdesk.config.settings import KEYS

    for sub in (action.menu() for action in window.menus.settings.actions()):
        key = next(key for key in KEYS if key.label == sub.title())
        choices = sub.actions()
        assert [a.data()[1] for a in choices] == list(key.choices or ())
        assert [a.data()[1] for a in choices if a.isChecked()] == [window.store.get(key)]
        assert all(a.isCheckable() for a in choices)


def test_a_setting_chosen_is_stored_at_once(window):
    from ivigdesk.config.settings import ROUNDING

    sub = next(a.menu() for a in window.menus.settings.actions() if a.menu().title() == ROUNDING.label)
    other = next(a for a in sub.actions() if not a.isChecked())
    other.trigger()
    assert window.store.get(ROUNDING) == other.data()[1] and other.isChecked()  # the plan: test_qt_worksheet
