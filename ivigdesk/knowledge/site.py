"""Which knowledge base and product list this computer uses: the bundled ones, or a pharmacy's
own approved folders named in a site configuration file.

The site file is looked for, in order: the path in ``IVIGDESK_SITE_CONFIG``; ``ivigdesk-site.ini``
beside the program (set by IT); the ``[site]`` section of the user's settings file. A site file
that is named but cannot be read, or names a folder that fails its checks, is refused: IVIG Desk
never falls back to the bundled data without saying so. Qt-free, for the window and the CLI.
"""

from __future__ import annotations

import configparser
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ivigdesk.knowledge.errors import KnowledgeBaseError

if TYPE_CHECKING:
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.products import ProductCatalogue

ENV_SITE_CONFIG = "IVIGDESK_SITE_CONFIG"
SITE_FILE = "ivigdesk-site.ini"
SECTION = "site"
KEYS = ("knowledge_folder", "knowledge_sha256", "products_folder", "products_sha256")
MAX_CONFIG_BYTES = 64 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class SiteConfigError(Exception):
    """A site or settings file cannot be used; the message names the file and why."""


@dataclass(frozen=True)
class DataSource:
    """Where one data set comes from: ``folder`` None means the bundled copy."""

    folder: Path | None = None
    pinned_sha256: str | None = None

    @property
    def local(self) -> bool:
        return self.folder is not None


@dataclass(frozen=True)
class SiteChoice:
    """The knowledge base and product list to use, and the file that chose them (None: bundled)."""

    knowledge: DataSource = DataSource()
    products: DataSource = DataSource()
    config_file: Path | None = None

    def describe(self) -> str:
        if self.config_file is None:
            return "bundled with IVIG Desk"
        return f"your pharmacy's, set in {self.config_file}"

    def folders(self) -> str:
        """Where each data set is read from, in words."""
        return "; ".join(
            f"{what}: {source.folder if source.folder is not None else 'bundled with IVIG Desk'}"
            for what, source in (("knowledge base", self.knowledge), ("products", self.products))
        )


def user_settings_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The per-user settings file: where Qt's INI-format user settings live on each platform."""
    if sys.platform == "win32" and environ.get("APPDATA"):
        base = Path(environ["APPDATA"])
    else:
        base = Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "IVIG Desk" / "ivigdesk.ini"


def program_folder() -> Path | None:
    """The folder of the installed program (frozen builds only; a source checkout has none)."""
    return Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else None


def read_ini(path: Path) -> configparser.ConfigParser:
    """Read an INI file strictly enough to notice damage; raise SiteConfigError naming it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SiteConfigError(f"{path}: cannot be read ({error.strerror or error})") from error
    if len(raw) > MAX_CONFIG_BYTES:
        raise SiteConfigError(f"{path}: the file is {len(raw):,} bytes, far too large for a settings file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SiteConfigError(f"{path}: the file is damaged (not text at byte {error.start})") from error
    if "\x00" in text:
        raise SiteConfigError(f"{path}: the file is damaged (it holds binary zeros)")
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case, as in Qt
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as error:
        first = str(error).splitlines()[0]
        raise SiteConfigError(f"{path}: the file is damaged ({first})") from error
    return parser


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':  # Qt quotes values holding commas
        value = value[1:-1].replace("\\\\", "\\")
    return value


def _choice(path: Path, section: Mapping[str, str]) -> SiteChoice:
    unknown = sorted(set(section) - set(KEYS))
    if unknown:
        raise SiteConfigError(
            f"{path}: [{SECTION}] has unknown setting {unknown[0]!r} (expected one of: {', '.join(KEYS)})"
        )
    unquoted = {key: _unquote(section[key]) for key in KEYS if key in section}
    values = {key: value for key, value in unquoted.items() if value}
    sources = {}
    for kind in ("knowledge", "products"):
        folder = values.get(f"{kind}_folder")
        pin = values.get(f"{kind}_sha256", "").lower() or None
        if pin is not None and not _SHA256.match(pin):
            raise SiteConfigError(f"{path}: {kind}_sha256 must be 64 hexadecimal digits")
        if pin is not None and folder is None:
            raise SiteConfigError(f"{path}: {kind}_sha256 is set but {kind}_folder is not")
        resolved = (path.parent / Path(folder).expanduser()) if folder else None
        sources[kind] = DataSource(resolved, pin)
    return SiteChoice(sources["knowledge"], sources["products"], path)


def find_site_choice(
    environ: Mapping[str, str] = os.environ, program: Path | None = None, user_settings: Path | None = None
) -> SiteChoice:
    """Find the site configuration in force (see the module docstring); bundled data if none."""
    program = program if program is not None else program_folder()
    named = environ.get(ENV_SITE_CONFIG)
    if named:
        path = Path(named)
        if not path.is_file():
            raise SiteConfigError(f"{path}: named by {ENV_SITE_CONFIG} but there is no such file")
        candidates = [path]
    else:
        candidates = [program / SITE_FILE] if program is not None and (program / SITE_FILE).is_file() else []
    if candidates:  # a site file IT put in place must say something usable
        path = candidates[0]
        parser = read_ini(path)
        if not parser.has_section(SECTION):
            raise SiteConfigError(f"{path}: has no [{SECTION}] section")
        choice = _choice(path, parser[SECTION])
        if not (choice.knowledge.local or choice.products.local):
            raise SiteConfigError(f"{path}: names neither knowledge_folder nor products_folder")
        return choice
    user = user_settings if user_settings is not None else user_settings_path(environ)
    if user.is_file():
        parser = read_ini(user)
        if parser.has_section(SECTION):
            choice = _choice(user, parser[SECTION])
            if choice.knowledge.local or choice.products.local:
                return choice
    return SiteChoice()


def load_choice(choice: SiteChoice) -> tuple[KnowledgeBase, ProductCatalogue]:
    """Load both data sets as chosen, each checked against its manifest (and pin, if set)."""
    from ivigdesk.knowledge.loader import load_knowledge_base
    from ivigdesk.knowledge.products import PRODUCTS_FILE, load_product_catalogue

    for kind, source in (("knowledge base", choice.knowledge), ("product list", choice.products)):
        if source.folder is not None and not source.folder.is_dir():
            raise KnowledgeBaseError(
                str(source.folder), f"the {kind} folder set in {choice.config_file} cannot be found or reached"
            )
    kb = load_knowledge_base(choice.knowledge.folder)
    if choice.knowledge.folder is not None:
        kb = replace(kb, origin=f"local: {choice.knowledge.folder}")
    catalogue = load_product_catalogue(choice.products.folder)
    for source, checksum, name in (
        (choice.knowledge, kb.checksum, "the knowledge base"),
        (choice.products, catalogue.checksum, PRODUCTS_FILE),
    ):
        if source.pinned_sha256 is not None and checksum != source.pinned_sha256:
            raise KnowledgeBaseError(
                name if name == PRODUCTS_FILE else str(source.folder),
                f"its checksum {checksum[:12]}… is not the approved {source.pinned_sha256[:12]}… "
                f"pinned in {choice.config_file}",
            )
    return kb, catalogue
