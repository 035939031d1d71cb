"""Which knowledge base and product list this computer uses: the bundled ones, or a pharmacy's
own approved folders named in a site file.

Site files are looked for in this order; the first one found decides:

1. the machine-wide site policy IT puts where only administrators can write
   (``paths.machine_site_paths``). While it exists nothing a user can change (the environment, a
   site file beside a per-user install, the user's own site file) can name another knowledge base;
   those are listed as ignored and the window says the policy is set by IT;
2. the file named by ``IVIGDESK_SITE_CONFIG``;
3. ``ivigdesk-site.ini`` beside the program;
4. the user's own ``ivigdesk-site.ini`` in their settings folder.

With none, the bundled data are used. IVIG Desk only ever reads site files, never writes them (the
program's own settings live in another file). A site file that cannot be read, is damaged, or names
a folder that fails its checks is refused by name: nothing is calculated, and IVIG Desk never falls
back to the bundled data on its own. Qt-free, for the window and the CLI.
"""

from __future__ import annotations

import configparser
import os
import re
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ivigdesk.config.paths import (
    ENV_SITE_CONFIG,
    SITE_FILE,
    UnknownFolder,
    machine_site_paths,
    program_folder,
    user_settings_path,
    user_site_path,
)
from ivigdesk.knowledge.errors import KnowledgeBaseError
from ivigdesk.quoting import quoted
from ivigdesk.safe_files import FileMissing, FileProblem, read_bounded, reason

if TYPE_CHECKING:
    from ivigdesk.knowledge.loader import KnowledgeBase
    from ivigdesk.knowledge.products import ProductCatalogue

SECTION = "site"
KEYS = ("knowledge_folder", "knowledge_sha256", "products_folder", "products_sha256", "use_bundled")
MAX_CONFIG_BYTES = 64 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_LEGACY_SECTION = re.compile(r"^\s*\[site\]\s*$", re.MULTILINE)
_YES = {"yes", "true", "1"}


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
    """The knowledge base and product list to use, the file that chose them (None: bundled),
    whether that file is IT's machine-wide policy, and the user-changeable files it overrode."""

    knowledge: DataSource = DataSource()
    products: DataSource = DataSource()
    config_file: Path | None = None
    set_by_it: bool = False
    ignored: tuple[Path, ...] = field(default=())

    def describe(self) -> str:
        if self.config_file is None:
            return "bundled with IVIG Desk"
        whose = "the bundled copy" if not (self.knowledge.local or self.products.local) else "your pharmacy's"
        if self.set_by_it:
            return f"{whose}, set by IT's site policy in {self.config_file}"
        return f"{whose}, set in {self.config_file}"

    def folders(self) -> str:
        """Where each data set is read from, in words."""
        return "; ".join(
            f"{what}: {source.folder if source.folder is not None else 'bundled with IVIG Desk'}"
            for what, source in (("knowledge base", self.knowledge), ("products", self.products))
        )


def _is_file(path: Path) -> bool:
    """Whether ``path`` exists as a file; a file that is there but cannot be reached is refused."""
    try:
        return path.is_file()
    except OSError as error:
        raise SiteConfigError(f"{path}: cannot be read ({reason(error)})") from error


def _policy_present(path: Path) -> bool:
    """Whether anything is at a machine-wide policy path. Only nothing at all is "no policy":
    anything there that is not a regular file (a dangling link to a share not mounted, a folder, a
    link loop, a place that cannot be reached) is refused by name, so a broken policy fails closed
    and no user's choice takes its place."""
    what = "the machine-wide site policy"
    try:
        path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise SiteConfigError(f"{path}: {what} cannot be reached ({reason(error)})") from error
    try:
        mode = path.stat().st_mode
    except OSError as error:  # a link whose target is gone or unreachable
        raise SiteConfigError(
            f"{path}: {what} is there but cannot be read ({reason(error)}; a link to a share that is not connected?)"
        ) from error
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not an ordinary file"
        raise SiteConfigError(f"{path}: {what} is {kind}, so it cannot be read")
    return True


def read_ini(path: Path) -> configparser.ConfigParser:
    """Read an INI file strictly enough to notice damage; raise SiteConfigError naming it."""
    try:
        raw = read_bounded(path, MAX_CONFIG_BYTES)
    except FileMissing as problem:
        raise SiteConfigError(f"{path}: there is no such file") from problem
    except FileProblem as problem:
        raise SiteConfigError(f"{path}: {problem.reason}") from problem
    return parse_ini(path, raw)


def parse_ini(path: Path, raw: bytes) -> configparser.ConfigParser:
    """Parse the bytes of the INI file at ``path``; damage (not text, binary zeros, not INI, a
    repeated key) raises SiteConfigError naming it."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SiteConfigError(f"{path}: the file is damaged (not text at byte {error.start})") from error
    if "\x00" in text:
        raise SiteConfigError(f"{path}: the file is damaged (it holds binary zeros)")
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as error:
        first = str(error).splitlines()[0]
        raise SiteConfigError(f"{path}: the file is damaged ({first})") from error
    return parser


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':  # a value quoted by hand
        value = value[1:-1]
    return value


def _choice(path: Path, section: Mapping[str, str], set_by_it: bool) -> SiteChoice:
    unknown = sorted(set(section) - set(KEYS))
    if unknown:
        raise SiteConfigError(
            f"{path}: [{SECTION}] has unknown setting {quoted(unknown[0])} (expected one of: {', '.join(KEYS)})"
        )
    values = {key: value for key in KEYS if key in section and (value := _unquote(section[key]))}
    bundled = values.pop("use_bundled", "no").lower()
    if bundled not in _YES | {"no", "false", "0"}:
        raise SiteConfigError(f"{path}: use_bundled must be yes or no, not {quoted(bundled)}")
    sources = {}
    for kind in ("knowledge", "products"):
        folder = values.get(f"{kind}_folder")
        pin = values.get(f"{kind}_sha256", "").lower() or None
        if pin is not None and not _SHA256.match(pin):
            raise SiteConfigError(f"{path}: {kind}_sha256 must be 64 hexadecimal digits")
        if pin is not None and folder is None:
            raise SiteConfigError(f"{path}: {kind}_sha256 is set but {kind}_folder is not")
        if folder and set_by_it:
            _check_machine_folder(path, f"{kind}_folder", folder)
        resolved = (path.parent / Path(folder).expanduser()) if folder else None
        sources[kind] = DataSource(resolved, pin)
    named = sources["knowledge"].local or sources["products"].local
    if bundled in _YES and named:
        raise SiteConfigError(f"{path}: use_bundled = yes cannot be combined with a folder")
    if bundled not in _YES and not named:
        raise SiteConfigError(f"{path}: names neither knowledge_folder nor products_folder (nor use_bundled = yes)")
    return SiteChoice(sources["knowledge"], sources["products"], path, set_by_it)


def _check_machine_folder(path: Path, key: str, folder: str) -> None:
    """IT's policy names a folder by its full path: ``~`` would be each user's own home folder and a
    relative path would depend on where the program is started, so the user would choose it."""
    if folder.startswith("~"):
        raise SiteConfigError(
            f"{path}: {key} = {quoted(folder)} starts with ~ (each user's home folder); a machine-wide "
            "policy must give the folder's full path"
        )
    if not Path(folder).is_absolute():
        raise SiteConfigError(
            f"{path}: {key} = {quoted(folder)} is not a full path; a machine-wide policy must give the "
            "folder's full path (such as \\\\server\\share\\knowledge, C:\\IVIG\\knowledge or /srv/ivig/knowledge)"
        )


def _from_file(path: Path, set_by_it: bool = False) -> SiteChoice:
    parser = read_ini(path)
    if not parser.has_section(SECTION):
        raise SiteConfigError(f"{path}: has no [{SECTION}] section")
    return _choice(path, parser[SECTION], set_by_it)


def holds_legacy_site_section(settings: Path) -> bool:
    """Whether the program's own settings file still holds a [site] section, where earlier
    versions read it (unreadable or absent: no)."""
    try:
        raw = read_bounded(settings, MAX_CONFIG_BYTES)
    except FileProblem:
        return False
    return bool(_LEGACY_SECTION.search(raw.decode("utf-8", "replace")))


def find_site_choice(
    environ: Mapping[str, str] = os.environ,
    program: Path | None = None,
    user_site: Path | None = None,
    machine: list[Path] | None = None,
    settings: Path | None = None,
) -> SiteChoice:
    """Find the site configuration in force (see the module docstring); bundled data if none.

    The arguments default to this computer's real places; tests pass their own."""
    program = program if program is not None else program_folder()
    if machine is None:
        try:
            machine = machine_site_paths(program)
        except UnknownFolder as error:
            raise SiteConfigError(f"the machine-wide site policy cannot be looked for: {error}") from error
    user_site = user_site if user_site is not None else user_site_path(environ)
    settings = settings if settings is not None else user_settings_path(environ)
    named = environ.get(ENV_SITE_CONFIG)
    user_choices = [Path(named)] if named else []
    user_choices += [p for p in (program / SITE_FILE if program is not None else None, user_site) if p is not None]
    policies = [path for path in machine if _policy_present(path)]
    if len(policies) > 1:
        raise SiteConfigError(f"{policies[0]} and {policies[1]}: two machine-wide site policies; IT must keep only one")
    if policies:
        ignored = tuple(path for path in user_choices if path not in policies and _exists_quietly(path))
        return replace(_from_file(policies[0], set_by_it=True), ignored=ignored)
    if named:
        path = Path(named)
        if not _is_file(path):
            raise SiteConfigError(f"{path}: named by {ENV_SITE_CONFIG} but there is no such file")
        return _from_file(path)
    for path in user_choices:
        if _is_file(path):
            return _from_file(path)
    if holds_legacy_site_section(settings):
        raise SiteConfigError(
            f"{settings}: holds a [site] section, which IVIG Desk no longer reads there because the program "
            f"rewrites that file. Move the section into {user_site} (or ask IT to set it), then start again"
        )
    return SiteChoice()


def _exists_quietly(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return True  # there, but unreachable: still worth saying it was ignored


def load_choice(choice: SiteChoice) -> tuple[KnowledgeBase, ProductCatalogue]:
    """Load both data sets as chosen, each checked against its manifest (and pin, if set)."""
    from ivigdesk.knowledge.loader import load_knowledge_base
    from ivigdesk.knowledge.products import PRODUCTS_FILE, load_product_catalogue

    for kind, source in (("knowledge base", choice.knowledge), ("product list", choice.products)):
        if source.folder is None:
            continue
        try:
            reachable = source.folder.is_dir()
        except OSError as error:
            raise KnowledgeBaseError(
                str(source.folder), f"the {kind} folder set in {choice.config_file} cannot be read ({reason(error)})"
            ) from error
        if not reachable:
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
