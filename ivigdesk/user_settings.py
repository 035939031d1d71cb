"""Check the per-user settings file before anything trusts it (Qt-free).

A damaged file (not text, binary zeros, not INI) is moved aside as ``ivigdesk.ini.damaged`` and
the defaults are used; a value outside its choices (a factor of "abc", a rule that does not
exist) is reported so the window can drop it. Either way the user is told, in words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ivigdesk.knowledge.site import SiteConfigError, read_ini

DAMAGED_SUFFIX = ".damaged"


def allowed_values() -> dict[str, tuple[str, ...]]:
    """Each checked setting and the values it may take."""
    from ivigdesk.dosing.body_weight import FACTORS, WEIGHT_RULES
    from ivigdesk.dosing.rounding import POLICIES

    return {
        "policy/weight_rule": tuple(WEIGHT_RULES),
        "policy/adjustment_factor": tuple(str(f) for f in FACTORS),
        "policy/rounding": tuple(POLICIES),
        "policy/tolerance_percent": ("5", "10"),
        "inputs/weight_unit": ("kg", "lb"),
    }


@dataclass
class SettingsCheck:
    """What was wrong with the settings file: words for the user, and keys to drop."""

    notices: list[str] = field(default_factory=list)
    bad_keys: list[str] = field(default_factory=list)


def check_user_settings(path: Path) -> SettingsCheck:
    """Check the settings file at ``path``; move a damaged one aside. Writes nothing else."""
    check = SettingsCheck()
    if not path.exists():
        return check
    try:
        parser = read_ini(path)
    except SiteConfigError as error:
        aside = path.with_name(path.name + DAMAGED_SUFFIX)
        try:
            path.replace(aside)
            kept = f"The damaged file was kept as {aside}."
        except OSError as move_error:
            kept = f"It could not be moved aside ({move_error.strerror}), so settings will not be saved."
        check.notices.append(
            f"Your IVIG Desk settings could not be read and have been reset to the defaults: {error}. {kept} "
            "Check Settings (weight rule, rounding) and, if your pharmacy uses its own knowledge base, "
            "ask for it to be set again."
        )
        return check
    for key, allowed in allowed_values().items():
        section, _, name = key.partition("/")
        if parser.has_option(section, name):
            value = parser.get(section, name).strip().strip('"')
            if value not in allowed:
                check.bad_keys.append(key)
                check.notices.append(
                    f"The setting {key} = “{value[:40]}” is not one of {', '.join(allowed)}; the default is used."
                )
    return check
