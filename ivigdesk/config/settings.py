"""The user's settings, Qt-free: every key with its default and allowed values, checked when read
and written atomically by IVIG Desk alone (the window and ``ivigdesk-calc`` take their choices
from here).

The file is INI text at ``paths.user_settings_path``. Reading never trusts it: a damaged file is
moved aside and the defaults used, a value outside its choices is dropped, and the user is told
either way. Writing rewrites the whole file through a temporary file; a failure (a read-only
folder, a folder that is a file, a full disk) is reported and the session goes on with what it
has. A section IVIG Desk does not own (such as a ``[site]`` left by an earlier version, which the
site lookup refuses until it is moved) is kept exactly as it was. No unit that changes a dose is
ever remembered: weight and height start in kg and cm at every launch.
"""

from __future__ import annotations

import base64
import binascii
import configparser
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ivigdesk.config.site import MAX_CONFIG_BYTES, SiteConfigError, holds_legacy_site_section, parse_ini
from ivigdesk.dosing.policy_choices import (
    DEFAULT_FACTOR,
    DEFAULT_ROUNDING,
    DEFAULT_RULE,
    DEFAULT_TOLERANCE_PERCENT,
    FACTORS,
    ROUNDING_IDS,
    TOLERANCES,
    WEIGHT_RULE_IDS,
)
from ivigdesk.safe_files import FileProblem, read_bounded, reason, write_atomically

if TYPE_CHECKING:
    from ivigdesk.dosing.request import Settings

DAMAGED_SUFFIX = ".damaged"
MAX_TEXT = 1000


@dataclass(frozen=True)
class Key:
    """One setting: where it lives, its default and, where it has them, its allowed values."""

    section: str
    name: str
    default: str
    choices: tuple[str, ...] | None = None  # None: free text, checked where it is used
    label: str = ""

    @property
    def path(self) -> str:
        return f"{self.section}/{self.name}"


WEIGHT_RULE = Key("policy", "weight_rule", DEFAULT_RULE, WEIGHT_RULE_IDS, "Dosing-weight rule")
FACTOR = Key("policy", "adjustment_factor", str(DEFAULT_FACTOR), tuple(str(f) for f in FACTORS), "Adjustment factor")
ROUNDING = Key("policy", "rounding", DEFAULT_ROUNDING, ROUNDING_IDS, "Rounding")
TOLERANCE = Key(
    "policy", "tolerance_percent", str(DEFAULT_TOLERANCE_PERCENT), tuple(str(t) for t in TOLERANCES), "Tolerance"
)
PRODUCT = Key("inputs", "product", "")
CONCENTRATION = Key("inputs", "concentration", "")
GEOMETRY = Key("window", "geometry", "")
SAVE_FOLDER = Key("worksheet", "folder", "")
PAPER = Key("worksheet", "paper", "auto", ("auto", "A4", "Letter"), "Paper size")
KEYS = (WEIGHT_RULE, FACTOR, ROUNDING, TOLERANCE, PRODUCT, CONCENTRATION, GEOMETRY, SAVE_FOLDER, PAPER)
# settings earlier versions kept, and why they are no longer used
OBSOLETE = {
    "inputs/weight_unit": "a remembered unit could turn the next patient's 70 kg into 70 lb; weight is entered "
    "in kg at every launch (choose lb for one patient if needed)",
}
OWNED_SECTIONS = frozenset(key.section for key in KEYS)


def policy_from(values: dict[str, str]) -> Settings:
    """The pharmacy policy from checked values (key path → text); missing keys take their default."""
    from ivigdesk.dosing.request import Settings

    def value(key: Key) -> str:
        return values.get(key.path, key.default)

    return Settings(
        weight_rule=value(WEIGHT_RULE),
        adjustment_factor=Decimal(value(FACTOR)),
        rounding=value(ROUNDING),
        tolerance_percent=Decimal(value(TOLERANCE)),
    )


def _problem(key: Key, value: str) -> str | None:
    """Why ``value`` cannot be used for ``key``, or None."""
    if key.choices is not None:
        return None if value in key.choices else f"is not one of {', '.join(key.choices)}"
    if value.startswith("@") or len(value) > MAX_TEXT or any(ch in value for ch in "\r\n\x00"):
        return "is in a form IVIG Desk cannot read (perhaps written by an earlier version)"
    return None


class SettingsStore:
    """The settings file, read once and checked, and written on every change. ``path`` None gives
    the defaults and touches no file (the self-test, which must leave the user's settings alone).
    ``notices`` collects, in words, what the user should be told; the window shows and empties it."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.writable = path is not None
        self.notices: list[str] = []
        self._values: dict[str, str] = {}
        self._foreign: dict[str, dict[str, str]] = {}
        if path is not None:
            self._load()

    # -- reading ------------------------------------------------------------------------------

    def _load(self) -> None:
        assert self.path is not None
        try:
            if not self.path.exists():
                return
            raw = read_bounded(self.path, MAX_CONFIG_BYTES)
        except OSError as error:
            self._cannot_read(f"{self.path}: {reason(error)}")
            return
        except FileProblem as problem:
            self._cannot_read(str(problem))
            return
        try:
            parser = parse_ini(self.path, raw)
        except SiteConfigError as error:
            self._damaged(error)
            return
        for section in parser.sections():
            if section not in OWNED_SECTIONS:
                self._foreign[section] = dict(parser[section])
        dropped = False
        for path, obsolete in OBSOLETE.items():
            section, _, name = path.partition("/")
            if parser.has_option(section, name):
                dropped = True
                self.notices.append(f"The setting {path} is no longer used: {obsolete}.")
        for key in KEYS:
            if not parser.has_option(key.section, key.name):
                continue
            value = parser.get(key.section, key.name).strip().strip('"')
            if (why := _problem(key, value)) is not None:
                dropped = True
                self.notices.append(f"The setting {key.path} = “{value[:40]}” {why}; the default is used.")
                continue
            self._values[key.path] = value
        if dropped:
            self.save()  # the file no longer holds what was dropped

    def _cannot_read(self, error: str) -> None:
        self.writable = False  # never overwrite what could not be read
        self.notices.append(
            f"Your IVIG Desk settings could not be read, so the defaults are used and nothing will be saved "
            f"this session: {error}."
        )

    def _damaged(self, error: SiteConfigError) -> None:
        assert self.path is not None
        if holds_legacy_site_section(self.path):
            self.writable = False  # keep the [site] section where the site lookup will refuse it by name
            self.notices.append(f"Your IVIG Desk settings are damaged and were left as they are: {error}.")
            return
        aside = self.path.with_name(self.path.name + DAMAGED_SUFFIX)
        try:
            self.path.replace(aside)
            kept = f"The damaged file was kept as {aside}."
        except OSError as move_error:
            self.writable = False
            kept = f"It could not be moved aside ({reason(move_error)}), so settings will not be saved."
        self.notices.append(
            f"Your IVIG Desk settings could not be read and have been reset to the defaults: {error}. {kept} "
            "Check Settings (weight rule, rounding)."
        )

    # -- using --------------------------------------------------------------------------------

    def get(self, key: Key) -> str:
        return self._values.get(key.path, key.default)

    def policy(self) -> Settings:
        return policy_from(self._values)

    def saved_geometry(self) -> bytes | None:
        """Where the window was last closed (``QWidget.saveGeometry``'s bytes), or None if there
        is no readable place: the window then opens centred."""
        text = self.get(GEOMETRY).strip()
        try:
            return base64.b64decode(text, validate=True) if text else None
        except (binascii.Error, ValueError):
            return None

    def set(self, key: Key, value: str) -> bool:
        """Set and save ``key``; False (with a notice) if the value is refused or cannot be saved.
        In this session the new value holds either way, unless it was refused."""
        if (why := _problem(key, value)) is not None:
            self.notices.append(f"The setting {key.path} = “{value[:40]}” {why}; it was not changed.")
            return False
        if self.get(key) == value:
            return True
        self._values[key.path] = value
        return self.save()

    def save(self) -> bool:
        if not self.writable or self.path is None:
            return False
        try:
            _make_folder(self.path.parent)
            write_atomically(self.path, self.text().encode("utf-8"), _too_large)
        except FileProblem as error:
            self.writable = False  # say it once; the session keeps its settings in memory
            self.notices.append(
                f"Your IVIG Desk settings cannot be saved ({error}); changes last until IVIG Desk closes."
            )
            return False
        return True

    def text(self) -> str:
        """The file as IVIG Desk writes it: its own sections, then any others exactly as read."""
        parser = configparser.ConfigParser(interpolation=None)
        parser.optionxform = str  # type: ignore[assignment,method-assign]
        for key in KEYS:
            if key.path in self._values:
                if not parser.has_section(key.section):
                    parser.add_section(key.section)
                parser.set(key.section, key.name, self._values[key.path])
        for section, values in self._foreign.items():
            parser[section] = values
        out = io.StringIO()
        out.write("; IVIG Desk settings, written by IVIG Desk. Which knowledge base to use is set in\n")
        out.write("; ivigdesk-site.ini, never here.\n")
        parser.write(out)
        return out.getvalue()


def _make_folder(folder: Path) -> None:
    """Make the settings folder (and those above it); a refusal in words naming the one in the way
    (never Python's "[Errno 17] File exists: …")."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as error:  # a file where a folder should be
        blocking = next((p for p in (folder, *folder.parents) if p.exists() and not p.is_dir()), folder)
        raise FileProblem(blocking, "this is a file, where IVIG Desk needs a folder") from error
    except OSError as error:
        where = Path(error.filename) if error.filename else folder
        raise FileProblem(where, f"the folder cannot be made ({reason(error)})") from error


def _too_large(data: bytes) -> str | None:
    return "the settings would be too large" if len(data) > MAX_CONFIG_BYTES else None
