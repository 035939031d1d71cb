"""Where IVIG Desk's configuration files are, per user and per machine, on each platform."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
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


def machine_install(
    program: Path | None, environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> bool:
    """True when the program runs from a machine-wide install folder that only administrators can
    change (Windows: under %ProgramFiles% or %ProgramFiles(x86)%)."""
    if program is None or platform != "win32":
        return False
    here = PureWindowsPath(str(program))
    roots = [environ.get(name) for name in ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432")]
    return any(root and here.is_relative_to(PureWindowsPath(root)) for root in roots)


def machine_site_paths(
    program: Path | None, environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> list[Path]:
    """Where IT puts the machine-wide site policy, which only administrators can write and which
    overrides every per-user choice: %ProgramData%\\IVIG Desk (and the program folder of a
    machine-wide install) on Windows, /etc/ivigdesk on Linux, /Library/Application Support/IVIG Desk
    on macOS."""
    if platform == "win32":
        paths = [Path(environ.get("ProgramData") or r"C:\ProgramData") / APP_FOLDER / SITE_FILE]
        if program is not None and machine_install(program, environ, platform):
            paths.append(program / SITE_FILE)
        return paths
    if platform == "darwin":
        return [Path("/Library/Application Support") / APP_FOLDER / SITE_FILE]
    return [Path("/etc/ivigdesk") / SITE_FILE]
