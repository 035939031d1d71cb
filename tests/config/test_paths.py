"""Where the configuration files are, per user and per machine, on each platform
(``ivigdesk.config.paths``)."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

from ivigdesk.config.paths import (
    FOLDERID_PROGRAM_DATA,
    FOLDERID_PROGRAM_FILES,
    FOLDERID_PROGRAM_FILES_X64,
    FOLDERID_PROGRAM_FILES_X86,
    UnknownFolder,
    machine_install,
    machine_site_paths,
    program_folder,
    user_config_folder,
    user_settings_path,
    user_site_path,
    windows_known_folder,
)

# -- per user -------------------------------------------------------------------------------------


def test_windows_keeps_the_users_files_under_appdata():
    environ = {"APPDATA": "C:\\Users\\x\\AppData\\Roaming", "XDG_CONFIG_HOME": "/ignored"}
    assert user_config_folder(environ, "win32") == Path("C:\\Users\\x\\AppData\\Roaming") / "IVIG Desk"


def test_elsewhere_the_users_files_follow_xdg_config_home():
    assert user_config_folder({"XDG_CONFIG_HOME": "/home/x/cfg"}, "linux") == Path("/home/x/cfg/IVIG Desk")
    # APPDATA means nothing off Windows, and Windows without APPDATA falls back the same way
    assert user_config_folder({"APPDATA": "/a", "XDG_CONFIG_HOME": "/b"}, "linux") == Path("/b/IVIG Desk")
    assert user_config_folder({"APPDATA": "", "XDG_CONFIG_HOME": "/b"}, "win32") == Path("/b/IVIG Desk")


def test_without_xdg_config_home_the_users_files_are_in_dot_config(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert user_config_folder({}, "linux") == tmp_path / ".config" / "IVIG Desk"
    assert user_config_folder({"XDG_CONFIG_HOME": ""}, "darwin") == tmp_path / ".config" / "IVIG Desk"


def test_the_settings_and_the_users_site_file_sit_side_by_side():
    environ = {"XDG_CONFIG_HOME": "/home/x/.config"}
    assert user_settings_path(environ) == Path("/home/x/.config/IVIG Desk/ivigdesk.ini")
    assert user_site_path(environ) == Path("/home/x/.config/IVIG Desk/ivigdesk-site.ini")


def test_a_source_checkout_has_no_program_folder_and_a_frozen_build_has_its_own(monkeypatch, tmp_path):
    assert program_folder() is None
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "ivigdesk"))
    assert program_folder() == tmp_path.resolve()


# -- per machine ----------------------------------------------------------------------------------

WINDOWS_FOLDERS = {
    FOLDERID_PROGRAM_DATA: "C:\\ProgramData",
    FOLDERID_PROGRAM_FILES: "C:\\Program Files",
    FOLDERID_PROGRAM_FILES_X86: "C:\\Program Files (x86)",
    FOLDERID_PROGRAM_FILES_X64: "C:\\Program Files",
}


def windows_says(folder_id: str) -> str | None:
    """A stand-in for SHGetKnownFolderPath on a standard Windows installation."""
    return WINDOWS_FOLDERS.get(folder_id)


@pytest.mark.parametrize(
    ("platform", "program", "expected"),
    [
        ("linux", None, ["/etc/ivigdesk/ivigdesk-site.ini"]),
        ("darwin", None, ["/Library/Application Support/IVIG Desk/ivigdesk-site.ini"]),
        (
            "win32",
            "C:\\Program Files\\IVIG Desk",
            ["C:\\ProgramData/IVIG Desk/ivigdesk-site.ini", "C:\\Program Files\\IVIG Desk/ivigdesk-site.ini"],
        ),
        (
            "win32",
            "C:\\Users\\x\\AppData\\Local\\Programs\\IVIG Desk",  # a per-user install: not IT's
            ["C:\\ProgramData/IVIG Desk/ivigdesk-site.ini"],
        ),
    ],
)
def test_machine_policy_places(platform, program, expected):
    paths = machine_site_paths(Path(program) if program else None, windows_says, platform)
    assert [str(p) for p in paths] == expected


def test_only_a_program_files_install_counts_as_machine_wide():
    assert machine_install(Path("C:\\Program Files (x86)\\IVIG Desk"), windows_says, "win32")
    assert machine_install(Path("C:\\Program Files\\IVIG Desk"), windows_says, "win32")
    assert not machine_install(Path("C:\\Users\\x\\AppData\\Local\\Programs\\IVIG Desk"), windows_says, "win32")
    assert not machine_install(Path("/opt/ivigdesk"), windows_says, "linux")


def test_windows_folders_come_from_windows_not_the_environment(monkeypatch):
    """Any user can set %ProgramData% and %ProgramFiles% for their own process: pointing them at
    a folder the user owns must not move IT's policy there, nor make a per-user install count as
    machine-wide."""
    monkeypatch.setenv("ProgramData", "C:\\Users\\x\\mine")
    monkeypatch.setenv("ProgramFiles", "C:\\Users\\x\\AppData\\Local\\Programs")
    monkeypatch.setenv("ProgramW6432", "C:\\Users\\x\\AppData\\Local\\Programs")
    asked: list[str] = []

    def known(folder_id: str) -> str | None:
        asked.append(folder_id)
        return windows_says(folder_id)

    user_install = Path("C:\\Users\\x\\AppData\\Local\\Programs\\IVIG Desk")
    paths = machine_site_paths(user_install, known, "win32")
    assert [str(p) for p in paths] == ["C:\\ProgramData/IVIG Desk/ivigdesk-site.ini"]
    assert FOLDERID_PROGRAM_DATA in asked and FOLDERID_PROGRAM_FILES in asked
    # the real lookup (ctypes, SHGetKnownFolderPath) is the default, and says nothing off Windows
    assert inspect.signature(machine_site_paths).parameters["known_folder"].default is windows_known_folder
    assert inspect.signature(machine_install).parameters["known_folder"].default is windows_known_folder
    if sys.platform != "win32":
        assert windows_known_folder(FOLDERID_PROGRAM_DATA) is None


def test_windows_without_a_program_data_folder_raises_unknown_folder():
    with pytest.raises(UnknownFolder, match="ProgramData"):
        machine_site_paths(None, lambda _: None, "win32")


def test_a_program_files_folder_windows_does_not_have_counts_for_nothing():
    only_x86 = {FOLDERID_PROGRAM_FILES_X86: "C:\\Program Files (x86)"}.get
    assert machine_install(Path("C:\\Program Files (x86)\\IVIG Desk"), only_x86, "win32")
    assert not machine_install(Path("C:\\Program Files\\IVIG Desk"), only_x86, "win32")
    assert not machine_install(None, windows_says, "win32")
