"""The user's settings, read with suspicion and written atomically (``ivigdesk.config.settings``).
The defaults are the pharmacy policy's: Ontario's rule with factor 0.4, vial rounding, 10 %
tolerance (``dosing.policy_choices``)."""

from __future__ import annotations

import base64
from decimal import Decimal

import pytest

from ivigdesk.config.settings import (
    DAMAGED_SUFFIX,
    FACTOR,
    GEOMETRY,
    KEYS,
    PAPER,
    PRODUCT,
    ROUNDING,
    WEIGHT_RULE,
    SettingsStore,
    policy_from,
)


def written(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_the_defaults_and_writes_nothing(isolated_settings):
    store = SettingsStore(isolated_settings)
    policy = store.policy()
    assert (policy.weight_rule, policy.adjustment_factor, policy.rounding, policy.tolerance_percent) == (
        "ontario",
        Decimal("0.4"),
        "vials",
        Decimal(10),
    )
    assert store.get(PAPER) == "auto" and store.notices == [] and not isolated_settings.exists()


def test_the_self_tests_store_touches_no_file():
    store = SettingsStore(None)
    assert not store.writable and store.set(ROUNDING, "none") is False
    assert store.get(ROUNDING) == "none"  # held for the session


def test_policy_from_takes_each_checked_value_and_defaults_the_rest():
    policy = policy_from({WEIGHT_RULE.path: "actual", FACTOR.path: "0.3"})
    assert (policy.weight_rule, policy.adjustment_factor, policy.rounding) == ("actual", Decimal("0.3"), "vials")


def test_a_choice_is_saved_and_read_back(isolated_settings):
    assert SettingsStore(isolated_settings).set(ROUNDING, "nearest-5g") is True
    assert "rounding = nearest-5g" in isolated_settings.read_text(encoding="utf-8")
    assert SettingsStore(isolated_settings).policy().rounding == "nearest-5g"


def test_a_value_outside_its_choices_is_refused_and_not_changed(isolated_settings):
    store = SettingsStore(isolated_settings)
    assert store.set(FACTOR, "0.5") is False
    assert store.get(FACTOR) == "0.4"
    assert store.notices == ["The setting policy/adjustment_factor = “0.5” is not one of 0.4, 0.3; it was not changed."]


def test_a_bad_value_in_the_file_is_dropped_with_a_notice_and_the_file_rewritten(isolated_settings):
    written(isolated_settings, "[policy]\nrounding = nearest-7g\nweight_rule = actual\n")
    store = SettingsStore(isolated_settings)
    assert store.get(ROUNDING) == "vials" and store.get(WEIGHT_RULE) == "actual"
    assert store.notices == [
        "The setting policy/rounding = “nearest-7g” is not one of vials, fewest-vials, nearest-5g, none; "
        "the default is used."
    ]
    assert "nearest-7g" not in isolated_settings.read_text(encoding="utf-8")


def test_a_remembered_weight_unit_is_dropped(isolated_settings):
    written(isolated_settings, "[inputs]\nweight_unit = lb\nproduct = octagam-10\n")
    store = SettingsStore(isolated_settings)
    assert store.get(PRODUCT) == "octagam-10"
    assert len(store.notices) == 1 and store.notices[0].startswith("The setting inputs/weight_unit is no longer used")
    assert "weight_unit" not in isolated_settings.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["@Variant(\\0)", "x" * 1001])
def test_free_text_in_a_form_ivig_desk_cannot_read_is_dropped(isolated_settings, value):
    written(isolated_settings, f"[inputs]\nproduct = {value}\n")
    store = SettingsStore(isolated_settings)
    assert store.get(PRODUCT) == "" and "in a form IVIG Desk cannot read" in store.notices[0]


def test_a_damaged_file_is_moved_aside_and_the_defaults_used(isolated_settings):
    written(isolated_settings, "[policy]\nrounding = none\nrounding = vials\n")  # a repeated key
    store = SettingsStore(isolated_settings)
    aside = isolated_settings.with_name("ivigdesk.ini" + DAMAGED_SUFFIX)
    assert store.get(ROUNDING) == "vials" and aside.exists() and not isolated_settings.exists()
    assert "reset to the defaults" in store.notices[0] and f"kept as {aside}" in store.notices[0]


def test_a_section_ivig_desk_does_not_own_is_kept_as_it_was(isolated_settings):
    written(isolated_settings, "[elsewhere]\nKeep = this, exactly\n")
    SettingsStore(isolated_settings).set(PAPER, "A4")
    text = isolated_settings.read_text(encoding="utf-8")
    assert "[elsewhere]\nKeep = this, exactly\n" in text and "[worksheet]\npaper = A4\n" in text


def test_the_window_geometry_is_read_back_as_bytes_or_not_at_all(isolated_settings):
    store = SettingsStore(isolated_settings)
    assert store.saved_geometry() is None
    store.set(GEOMETRY, base64.b64encode(b"\x01\xd9\xd0\xcb").decode("ascii"))
    assert store.saved_geometry() == b"\x01\xd9\xd0\xcb"
    store.set(GEOMETRY, "not base64!")
    assert store.saved_geometry() is None


def test_every_key_has_a_default_among_its_choices():
    assert all(key.choices is None or key.default in key.choices for key in KEYS)


@pytest.mark.parametrize("depth", [0, 1])
def test_a_settings_folder_blocked_by_a_file_is_named_in_words(tmp_path, depth):
    from ivigdesk.config.settings import ROUNDING, SettingsStore

    blocker = tmp_path / "config"
    blocker.write_text("not a folder")
    path = blocker / "IVIG Desk" / "ivigdesk.ini" if depth else blocker / "ivigdesk.ini"
    store = SettingsStore(path)
    assert store.set(ROUNDING, "none") is False
    notice = store.notices[-1]
    assert f"{blocker}: this is a file, where IVIG Desk needs a folder" in notice
    assert "Errno" not in notice and "File exists" not in notice and "Not a directory" not in notice
