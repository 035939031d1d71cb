"""Where IVIG Desk's configuration files are, per user and per machine, on each platform."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path, PureWindowsPath

APP_FOLDER = "IVIG Desk"
SETTINGS_FILE = "ivigdesk.ini"  # the program's own settings: written by IVIG Desk
SITE_FILE = "ivigdesk-site.ini"  # which knowledge base and product list: never written by IVIG Desk
ENV_SITE_CONFIG = "IVIGDESK_SITE_CONFIG"


def user_config_folder(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Path:
    """``%APPDATA%\\IVIG Desk`` on Windows, ``$XDG_CONFIG_HOME/IVIG Desk`` (``~/.config``) elsewhere."""
    if platform == "win32" and environ.get("APPDATA"):
        return Path(environ["APPDATA"]) / APP_FOLDER
    return Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / APP_FOLDER


def user_settings_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The per-user settings file the program reads and writes."""
    return user_config_folder(environ) / SETTINGS_FILE


def user_site_path(environ: Mapping[str, str] = os.environ) -> Path:
    """The user's own site file: read, never written, by the program."""
    return user_config_folder(environ) / SITE_FILE


def program_folder() -> Path | None:
    """The folder of the installed program (frozen builds only; a source checkout has none)."""
    return Path(sys.executable).resolve().parent if getattr(sys, "frozen", False) else None


KnownFolder = Callable[[str], str | None]
"""Windows' own answer for a known folder (its GUID) or None: never the process environment."""

FOLDERID_PROGRAM_DATA = "62AB5D82-FDC1-4DC3-A9DD-070D1D495D97"
FOLDERID_PROGRAM_FILES = "905E63B6-C1BF-494E-B29C-65B732D3D21A"
FOLDERID_PROGRAM_FILES_X86 = "7C5A40EF-A0FB-4BFC-874A-C0F2E0B9FA8E"
FOLDERID_PROGRAM_FILES_X64 = "6D809377-6AF0-444B-8957-A3773F02200E"


class UnknownFolder(Exception):
    """Windows could not say where a machine-wide folder is; the machine policy cannot be found."""


def windows_known_folder(folder_id: str) -> str | None:
    """``SHGetKnownFolderPath`` (through ctypes) for a FOLDERID GUID; None if Windows has no such
    folder (e.g. Program Files x64 for a 32-bit process). Unlike %ProgramData% and %ProgramFiles%,
    which any user can set for their own process, only the machine's configuration decides it."""
    if sys.platform == "win32":
        import ctypes
        import uuid

        guid = (ctypes.c_byte * 16).from_buffer_copy(uuid.UUID(folder_id).bytes_le)
        found = ctypes.c_wchar_p()
        shell32, ole32 = ctypes.WinDLL("shell32"), ctypes.WinDLL("ole32")
        result = shell32.SHGetKnownFolderPath(ctypes.byref(guid), 0, None, ctypes.byref(found))
        try:
            return found.value if result == 0 and found.value else None
        finally:
            ole32.CoTaskMemFree(found)
    else:
        return None


def machine_install(
    program: Path | None, known_folder: KnownFolder = windows_known_folder, platform: str = sys.platform
) -> bool:
    """True when the program runs from a machine-wide install folder that only administrators can
    change (Windows: under Program Files or Program Files (x86), as Windows itself says)."""
    if program is None or platform != "win32":
        return False
    here = PureWindowsPath(str(program))
    ids = (FOLDERID_PROGRAM_FILES, FOLDERID_PROGRAM_FILES_X86, FOLDERID_PROGRAM_FILES_X64)
    roots = [known_folder(folder_id) for folder_id in ids]
    return any(root and here.is_relative_to(PureWindowsPath(root)) for root in roots)


def machine_site_paths(
    program: Path | None, known_folder: KnownFolder = windows_known_folder, platform: str = sys.platform
) -> list[Path]:
    """Where IT puts the machine-wide site policy, which only administrators can write and which
    overrides every per-user choice: ``<ProgramData>\\IVIG Desk`` (and the program folder of a
    machine-wide install) on Windows, where Windows (not the environment) says ProgramData is;
    /etc/ivigdesk on Linux, /Library/Application Support/IVIG Desk on macOS. Raises
    :class:`UnknownFolder` if Windows cannot say where ProgramData is."""
    if platform == "win32":
        program_data = known_folder(FOLDERID_PROGRAM_DATA)
        if not program_data:
            raise UnknownFolder("Windows did not say where the ProgramData folder is")
        paths = [Path(program_data) / APP_FOLDER / SITE_FILE]
        if program is not None and machine_install(program, known_folder, platform):
            paths.append(program / SITE_FILE)
        return paths
    if platform == "darwin":
        return [Path("/Library/Application Support") / APP_FOLDER / SITE_FILE]
    return [Path("/etc/ivigdesk") / SITE_FILE]
