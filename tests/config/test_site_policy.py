"""Which knowledge base is used, and who may choose it.

- The site configuration lives in files IVIG Desk only reads (``ivigdesk-site.ini``), never in the
  settings file the program rewrites, so remembering a setting can no longer mangle a path
  (before: ``C:\\Users\\x\\kb`` became ``C:sersb``, a comma gained a space, ``;`` and what followed
  were dropped, quotes were stripped, and the next start refused to calculate).
- A site file that is unreadable or damaged stops the calculation; the bundled data are never used
  in its place (before: a stray byte in the settings moved them aside and the bundled data were used).
- IT's machine-wide policy wins over everything a user can change, and locks it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from ivigdesk.cli import run
from ivigdesk.config import paths
from ivigdesk.config.paths import SITE_FILE
from ivigdesk.config.site import SiteConfigError, find_site_choice, load_choice
from tests.ui.conftest import open_window

AWKWARD = ["Pharmacy kb,v2", "kb;v3 (approved)", 'kb "quoted" 2027', "kb # not a comment"]


def site_file(folder: Path, text: str, name: str = SITE_FILE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def dose_gbs(window, qtbot) -> None:
    window.picker.select("gbs")
    window.inputs.patient.weight.setText("70")
    window.inputs.product_rates.concentration.setCurrentText("10 %")


@pytest.mark.slow
@pytest.mark.parametrize("folder_name", AWKWARD)
def test_a_site_path_survives_a_full_read_remember_restart_cycle(pharmacy, isolated_settings, qtbot, folder_name):
    local = pharmacy.parent / folder_name
    (pharmacy / "knowledge").rename(local)
    site = site_file(isolated_settings.parent, f"[site]\nknowledge_folder = {local}\n")
    before = site.read_bytes()
    window = open_window(qtbot)
    assert window.kb is not None and window.kb.origin == f"local: {local}", window.kb_error
    dose_gbs(window, qtbot)
    product = window.inputs.product_rates.product
    product.setCurrentIndex(product.findData("octagam-10"))  # remembered
    next(
        a for a in window.findChildren(type(window.menuBar().actions()[0])) if a.text().startswith("Nearest")
    ).trigger()
    assert window.plan is not None and isolated_settings.exists()
    window.close()
    again = open_window(qtbot)
    assert site.read_bytes() == before  # IVIG Desk never wrote the site file
    assert "[site]" not in isolated_settings.read_text(encoding="utf-8")
    assert again.kb is not None and again.kb.origin == f"local: {local}"
    assert again.kb_label.text().startswith("LOCAL")
    assert again.policy().rounding == "nearest-5g"


def test_windows_paths_are_read_exactly_as_written(tmp_path):
    site = site_file(
        tmp_path, "[site]\nknowledge_folder = C:\\Users\\x\\kb\nproducts_folder = \\\\trust\\share\\ivig\n"
    )
    choice = find_site_choice({}, program=None, user_site=site)
    assert str(choice.knowledge.folder).endswith("C:\\Users\\x\\kb")
    assert str(choice.products.folder).endswith("\\\\trust\\share\\ivig")


def test_a_damaged_user_site_file_stops_the_calculation_in_the_window(pharmacy, isolated_settings, qtbot):
    site_file(isolated_settings.parent, f"[site]\nknowledge_folder = {pharmacy / 'knowledge'}\n")
    path = isolated_settings.with_name(SITE_FILE)
    path.write_bytes(path.read_bytes() + b"\xff")
    window = open_window(qtbot)
    assert window.kb is None and "INVALID" in window.kb_label.text()
    assert str(path) in window.results.placeholder.text() and "damaged" in window.results.placeholder.text()
    assert not window.inputs.isEnabled()
    assert path.exists() and not path.with_name(SITE_FILE + ".damaged").exists()  # never moved aside


def test_a_damaged_settings_file_resets_settings_but_keeps_the_pharmacys_data(pharmacy, isolated_settings, qtbot):
    site_file(isolated_settings.parent, f"[site]\nknowledge_folder = {pharmacy / 'knowledge'}\n")
    isolated_settings.write_bytes(b"[policy]\nrounding=nearest-5g\n\xff")
    window = open_window(qtbot)
    notice = window.findChild(QMessageBox, "settingsNotice")
    assert notice is not None and "reset to the defaults" in notice.text()
    assert window.kb is not None and window.kb.origin == f"local: {pharmacy / 'knowledge'}"
    assert window.kb_label.text().startswith("LOCAL")


def test_a_settings_value_qt_wrote_as_a_variant_is_dropped_with_a_notice(isolated_settings, qtbot):
    isolated_settings.parent.mkdir(parents=True)
    isolated_settings.write_text(
        "[inputs]\nproduct=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x18PySide::PyObjectWrapper\\0\\0\\0\\0)\n",
        encoding="utf-8",
    )
    window = open_window(qtbot)
    notice = window.findChild(QMessageBox, "settingsNotice")
    assert notice is not None and "inputs/product" in notice.text()
    assert window.kb is not None and window.inputs.isEnabled()  # the knowledge base still loads


@pytest.mark.parametrize("kind", ["read-only folder", "folder is a file"])
def test_settings_that_cannot_be_saved_give_a_notice_and_the_session_goes_on(isolated_settings, qtbot, kind):
    from tests.support.unprivileged import run_unprivileged

    folder = isolated_settings.parent
    folder.parent.mkdir(parents=True)
    if kind == "folder is a file":
        folder.write_text("not a folder")
        window = open_window(qtbot)
        dose_gbs(window, qtbot)
        window.inputs.product_rates.product.setCurrentIndex(window.inputs.product_rates.product.findData("octagam-10"))
        notice = window.findChild(QMessageBox, "settingsNotice")
        assert notice is not None and "cannot be saved" in notice.text()
        assert f"{folder}: this is a file, where IVIG Desk needs a folder" in notice.text()
        assert "Errno" not in notice.text() and "File exists" not in notice.text()
        assert window.plan is not None
        return
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code = (
            "from pathlib import Path; from ivigdesk.config.settings import SettingsStore, ROUNDING; "
            f"s = SettingsStore(Path({str(isolated_settings)!r})); print(s.set(ROUNDING, 'none')); "
            "print(s.policy().rounding); print(s.notices)"
        )
        done = run_unprivileged(["-c", code])
    finally:
        folder.chmod(0o755)
    saved, rounding, notices = done.stdout.splitlines()
    assert (saved, rounding) == ("False", "none"), done.stderr
    assert "cannot be saved" in notices and "permission denied" in notices


# -- IT's machine-wide policy --------------------------------------------------------------------


def test_the_machine_policy_wins_and_locks_out_every_user_choice(pharmacy, tmp_path, machine_policy, monkeypatch):
    site_file(machine_policy.parent, f"[site]\nknowledge_folder = {pharmacy / 'knowledge'}\n")
    env_file = site_file(tmp_path / "env", "[site]\nknowledge_folder = /elsewhere/env\n")
    program = tmp_path / "program"
    site_file(program, "[site]\nknowledge_folder = /elsewhere/program\n")
    user = site_file(tmp_path / "user", "[site]\nknowledge_folder = /elsewhere/user\n")
    choice = find_site_choice({"IVIGDESK_SITE_CONFIG": str(env_file)}, program=program, user_site=user)
    assert choice.config_file == machine_policy and choice.set_by_it
    assert choice.knowledge.folder == pharmacy / "knowledge"
    assert choice.ignored == (env_file, program / SITE_FILE, user)
    assert "set by IT" in choice.describe()
    # and a damaged user file cannot stop the calculation while IT's policy is in force
    user.write_bytes(b"\xff\x00")
    assert find_site_choice({}, program=None, user_site=user).config_file == machine_policy


def test_the_precedence_without_a_machine_policy(tmp_path):
    env_file = site_file(tmp_path / "env", "[site]\nknowledge_folder = /from/env\n")
    program = tmp_path / "program"
    site_file(program, "[site]\nknowledge_folder = /from/program\n")
    user = site_file(tmp_path / "user", "[site]\nknowledge_folder = /from/user\n")
    env = {"IVIGDESK_SITE_CONFIG": str(env_file)}
    assert find_site_choice(env, program=program, user_site=user).config_file == env_file
    assert find_site_choice({}, program=program, user_site=user).config_file == program / SITE_FILE
    assert find_site_choice({}, program=None, user_site=user).config_file == user
    assert find_site_choice({}, program=None, user_site=tmp_path / "none").config_file is None


def test_it_can_lock_every_user_to_the_bundled_data(machine_policy, tmp_path):
    site_file(machine_policy.parent, "[site]\nuse_bundled = yes\n")
    user = site_file(tmp_path / "user", "[site]\nknowledge_folder = /elsewhere\n")
    choice = find_site_choice({}, program=None, user_site=user)
    assert choice.set_by_it and not choice.knowledge.local and choice.ignored == (user,)
    assert load_choice(choice)[0].origin == "bundled"
    assert "the bundled copy, set by IT" in choice.describe()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[site]\nuse_bundled = yes\nknowledge_folder = /x\n", "cannot be combined"),
        ("[site]\nuse_bundled = maybe\n", "yes or no"),
    ],
)
def test_a_bad_machine_policy_is_refused(machine_policy, text, words):
    site_file(machine_policy.parent, text)
    with pytest.raises(SiteConfigError, match=words):
        find_site_choice({}, program=None)


def test_two_machine_policies_are_refused(tmp_path):
    first = site_file(tmp_path / "a", "[site]\nuse_bundled = yes\n")
    second = site_file(tmp_path / "b", "[site]\nuse_bundled = yes\n")
    with pytest.raises(SiteConfigError, match="only one"):
        find_site_choice({}, program=None, machine=[first, second])


def test_the_window_says_the_policy_is_set_by_it(pharmacy, machine_policy, isolated_settings, qtbot):
    site_file(machine_policy.parent, f"[site]\nknowledge_folder = {pharmacy / 'knowledge'}\n")
    user = site_file(isolated_settings.parent, "[site]\nknowledge_folder = /elsewhere\n")
    window = open_window(qtbot)
    assert "site policy set by IT" in window.kb_label.text()
    assert f"Ignored (the site policy is set by IT): {user}" in window.kb_label.toolTip()


def test_the_cli_obeys_the_machine_policy(pharmacy, machine_policy, tmp_path, monkeypatch, capsys):
    site_file(machine_policy.parent, f"[site]\nknowledge_folder = {pharmacy / 'knowledge'}\n")
    monkeypatch.setenv("IVIGDESK_SITE_CONFIG", str(site_file(tmp_path / "env", "[site]\nknowledge_folder = /x\n")))
    assert run(["--indication", "gbs", "--weight", "70", "--concentration", "10%", "--json"]) == 0
    assert f"local: {pharmacy / 'knowledge'}" in capsys.readouterr().out


def test_no_program_data_from_windows_is_a_refusal(monkeypatch):
    """If Windows cannot say where ProgramData is, the policy cannot be looked for: refused, not
    skipped (fail closed)."""
    import ivigdesk.config.site as site

    monkeypatch.setattr(
        site, "machine_site_paths", lambda program: paths.machine_site_paths(program, lambda _: None, "win32")
    )
    with pytest.raises(SiteConfigError, match="ProgramData"):
        site.find_site_choice()


# -- a broken machine policy fails closed; it names folders by their full path --------------------


def _user_site_to_pharmacy(tmp_path: Path, pharmacy: Path) -> Path:
    """The user's own site file, which a broken policy must not let through."""
    return site_file(tmp_path / "user", f"[site]\nknowledge_folder = {pharmacy / 'knowledge'}\n")


@pytest.mark.parametrize("kind", ["dangling link", "folder", "link loop"])
def test_a_machine_policy_that_is_not_a_file_is_refused_by_name(pharmacy, machine_policy, tmp_path, kind):
    if kind == "dangling link":  # a link to a share that is not mounted
        machine_policy.symlink_to(tmp_path / "unmounted-share" / SITE_FILE)
    elif kind == "folder":
        machine_policy.mkdir()
    else:
        machine_policy.symlink_to(machine_policy)
    user = _user_site_to_pharmacy(tmp_path, pharmacy)
    with pytest.raises(SiteConfigError) as caught:
        find_site_choice({}, program=None, user_site=user)
    assert str(machine_policy) in str(caught.value) and "machine-wide site policy" in str(caught.value)


def test_the_cli_calculates_nothing_under_a_broken_machine_policy(
    pharmacy, machine_policy, tmp_path, capsys, monkeypatch
):
    machine_policy.symlink_to(tmp_path / "unmounted-share" / SITE_FILE)
    monkeypatch.setenv("IVIGDESK_SITE_CONFIG", str(_user_site_to_pharmacy(tmp_path, pharmacy)))
    assert run(["--indication", "gbs", "--weight", "70", "--concentration", "10%"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and str(machine_policy) in err and "nothing is calculated" in err


def test_the_window_calculates_nothing_under_a_broken_machine_policy(machine_policy, qtbot):
    machine_policy.mkdir()
    window = open_window(qtbot)
    assert window.kb is None and not window.inputs.isEnabled()
    assert str(machine_policy) in window.results.placeholder.text()


@pytest.mark.parametrize("kind", ["unreadable file", "unreadable folder"])
def test_an_unreadable_machine_policy_is_refused_by_name(pharmacy, tmp_path, kind):
    """Permissions matter here, so this runs without root's right to ignore them."""
    from tests.support.unprivileged import run_unprivileged

    folder = tmp_path / "etc-ivigdesk"
    policy = site_file(folder, f"[site]\nknowledge_folder = {pharmacy / 'knowledge'}\n")
    user = _user_site_to_pharmacy(tmp_path, pharmacy)
    locked = policy if kind == "unreadable file" else folder
    locked.chmod(0)
    try:
        code = (
            "from pathlib import Path; from ivigdesk.config.site import find_site_choice, SiteConfigError\n"
            "try:\n"
            f"    c = find_site_choice({{}}, program=None, user_site=Path({str(user)!r}),\n"
            f"                         machine=[Path({str(policy)!r})])\n"
            "    print('USED', c.config_file)\n"
            "except SiteConfigError as e:\n"
            "    print('REFUSED', e)\n"
        )
        done = run_unprivileged(["-c", code])
    finally:
        locked.chmod(0o755)
    assert done.stdout.startswith("REFUSED"), done.stdout + done.stderr
    assert str(policy) in done.stdout and "permission denied" in done.stdout


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("~/kb", "starts with ~"),
        ("~pharmacist/kb", "starts with ~"),
        ("kb", "not a full path"),
        ("../kb", "not a full path"),
        ("./kb", "not a full path"),
    ],
)
def test_a_machine_policy_must_give_full_paths(machine_policy, value, words):
    for key in ("knowledge_folder", "products_folder"):
        site_file(machine_policy.parent, f"[site]\n{key} = {value}\n")
        with pytest.raises(SiteConfigError, match=words) as caught:
            find_site_choice({}, program=None)
        assert str(machine_policy) in str(caught.value) and key in str(caught.value)


def test_a_users_own_site_file_may_still_use_home_and_relative_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    user = site_file(tmp_path / "user", "[site]\nknowledge_folder = ~/kb\nproducts_folder = products\n")
    choice = find_site_choice({}, program=None, user_site=user)
    assert choice.knowledge.folder == tmp_path / "home" / "kb"
    assert choice.products.folder == tmp_path / "user" / "products"
