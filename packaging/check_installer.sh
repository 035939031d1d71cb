#!/usr/bin/env bash
# check_installer.sh [REPO_ROOT]
#
# Compiles REPO_ROOT/packaging/ivigdesk.iss with Inno Setup's compiler (ISCC.exe from the npm
# package "innosetup") under Wine, then runs the produced installer silently in both install
# modes in a throw-away Wine prefix and checks where everything lands and that the uninstaller
# removes it again while the user's settings survive. One PASS/FAIL line per check; exits 0 only
# if every check passed (1: a check failed, 2: the tools could not be set up).
#
# Needs Debian 12 (or similar) x86_64 and root (or sudo) the first time, to install: wine, wine64,
# wine32:i386 (ISCC.exe and every Inno Setup setup/uninstaller are 32-bit programs), Xvfb (Setup
# will not start without a display) and npm. Later runs install nothing.
#
# Environment (all optional):
#   INNOSETUP_VERSION  npm version of "innosetup" to use (default 6.4.1 = Inno Setup 6.4.1)
#   ISCC_HOME          where that npm package is kept (default ~/.cache/ivigdesk-innosetup)
#   KEEP_WORK=1        keep the temporary folder (Wine prefix, logs, installers) for inspection
#   SETUP_COPY_TO      a folder to copy the compiled setup (this version's) into
set -uo pipefail

REPO="$(cd "${1:-.}" 2>/dev/null && pwd)" || { echo "FAIL: no such repository folder: ${1:-.}"; exit 2; }
[ -f "$REPO/packaging/ivigdesk.iss" ] || { echo "FAIL: $REPO/packaging/ivigdesk.iss not found"; exit 2; }
INNOSETUP_VERSION="${INNOSETUP_VERSION:-6.4.1}"
ISCC_HOME="${ISCC_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/ivigdesk-innosetup}"
APP="IVIG Desk"
APPID_KEY='Software\Microsoft\Windows\CurrentVersion\Uninstall\{6B0E6C2A-6F0E-4C55-9E1B-1F7D2D0B7A31}_is1'
STEP_TIMEOUT="${STEP_TIMEOUT:-300}"   # seconds for any one Wine program: a dialog that nobody answers must not hang CI

PASSES=0; FAILS=0
pass() { echo "PASS: $*"; PASSES=$((PASSES + 1)); }
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
info() { echo "      $*"; }
check() { local what="$1"; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }

# ---------------------------------------------------------------- prerequisites (idempotent)
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
have_pkg() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'; }
missing=()
for p in wine wine64 wine32:i386 xvfb; do have_pkg "$p" || missing+=("$p"); done
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    echo "      installing: ${missing[*]}"
    aptlog="$(mktemp)"
    dpkg --print-foreign-architectures | grep -qx i386 || $SUDO dpkg --add-architecture i386
    # apt-get update can report a broken mirror index (exit 100) and still have what we need.
    $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq >"$aptlog" 2>&1 || { echo "      note: apt-get update reported:"; sed 's/^/        /' "$aptlog"; }
    apt_install() { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "$@" >"$aptlog" 2>&1; }
    if ! apt_install "${missing[@]}"; then
        # Seen here: the security mirror's i386 index failed to download ("Mirror sync in progress?"),
        # so an amd64 library had a newer (security) candidate than its i386 twin and the two
        # Multi-Arch: same halves could not be matched. Preferring the release's own versions for
        # the newly installed packages makes both halves the same version again.
        codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
        echo "      note: apt-get install failed; retrying with -t $codename:"; grep -E '^(E|W):' "$aptlog" | sed 's/^/        /'
        if [ -z "$codename" ] || ! apt_install -t "$codename" "${missing[@]}"; then
            echo "FAIL: apt-get install ${missing[*]}:"; grep -E '^(E|W):|^ ' "$aptlog" | sed 's/^/        /'
            rm -f "$aptlog"; exit 2
        fi
    fi
    rm -f "$aptlog"
fi
ISCC="$ISCC_HOME/node_modules/innosetup/bin/ISCC.exe"
if [ ! -f "$ISCC" ] || ! grep -q "\"version\": \"$INNOSETUP_VERSION\"" "$ISCC_HOME/node_modules/innosetup/package.json" 2>/dev/null; then
    mkdir -p "$ISCC_HOME"
    if ! npm install --prefix "$ISCC_HOME" --no-audit --no-fund --silent "innosetup@$INNOSETUP_VERSION" >/dev/null 2>"$ISCC_HOME/npm.err"; then
        echo "FAIL: npm install innosetup@$INNOSETUP_VERSION:"; sed 's/^/        /' "$ISCC_HOME/npm.err"; exit 2
    fi
fi
[ -f "$ISCC" ] || { echo "FAIL: ISCC.exe not found in the innosetup npm package ($ISCC)"; exit 2; }
pass "prerequisites: $(wine --version 2>/dev/null), wine32, Xvfb, ISCC.exe (npm innosetup@$INNOSETUP_VERSION)"

# ---------------------------------------------------------------- throw-away Wine prefix and display
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ivigdesk-installer-check.XXXXXX")"
mkdir -p "$WORK/home" "$WORK/logs"
export WINEPREFIX="$WORK/prefix" WINEARCH=win64 WINEDEBUG=-all
# no Mono/Gecko download prompts; no menu entries or file associations written into the real $HOME
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
XPID=""
cleanup() {
    wineserver -k >/dev/null 2>&1        # this prefix's wineserver only (WINEPREFIX is set)
    [ -n "$XPID" ] && kill "$XPID" 2>/dev/null && wait "$XPID" 2>/dev/null
    if [ -d "$WINEPREFIX" ] && [ "${KEEP_WORK:-0}" != 1 ]; then   # wineserver's socket folder for this prefix
        local dev ino sdir d; read -r dev ino < <(stat -c '%d %i' "$WINEPREFIX"); sdir="$(printf 'server-%x-%x' "$dev" "$ino")"
        for d in "${TMPDIR:-/tmp}"/wine-*/"$sdir"; do [ -d "$d" ] && rm -rf "$d" && rmdir "$(dirname "$d")" 2>/dev/null; done
    fi
    if [ "${KEEP_WORK:-0}" = 1 ]; then echo "      kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# our own Xvfb: Inno Setup's Setup exits 1 without a display
. "$(dirname "${BASH_SOURCE[0]}")/private_xvfb.sh"
start_private_xvfb 91 1024x768x24 "$WORK/logs/xvfb.log" || { echo "FAIL: could not start Xvfb"; exit 2; }

# every Wine program: its own HOME, a time limit, and the prefix's other processes awaited
w() {
    HOME="$WORK/home" timeout -k 10 "$STEP_TIMEOUT" wine "$@"; local rc=$?
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then    # timed out: something waits for a click that never comes
        echo "      timed out after ${STEP_TIMEOUT}s: wine $*" >&2; HOME="$WORK/home" wineserver -k
    else
        HOME="$WORK/home" timeout -k 10 "$STEP_TIMEOUT" wineserver -w || HOME="$WORK/home" wineserver -k
    fi
    return $rc
}
winpath() { local p="$1"; printf 'Z:%s' "${p//\//\\}"; }

if w wineboot --init >"$WORK/logs/wineboot.log" 2>&1; then pass "wineboot --init (new prefix in $WORK/prefix)"
else fail "wineboot --init"; sed 's/^/        /' "$WORK/logs/wineboot.log"; exit 1; fi

winenv() { HOME="$WORK/home" wine cmd /c echo "%$1%" 2>/dev/null | tr -d '\r'; }
unixpath() { readlink -m "$(HOME="$WORK/home" winepath -u "$1" 2>/dev/null | tr -d '\r')"; }
C="$WINEPREFIX/drive_c"
LOCALAPPDATA="$(unixpath "$(winenv LOCALAPPDATA)")"
APPDATA="$(unixpath "$(winenv APPDATA)")"
USER_DIR="$LOCALAPPDATA/Programs/$APP"
USER_MENU="$APPDATA/Microsoft/Windows/Start Menu/Programs"
COMMON_MENU="$C/ProgramData/Microsoft/Windows/Start Menu/Programs"
PF64_DIR="$C/Program Files/$APP"
PF32_DIR="$C/Program Files (x86)/$APP"
SETTINGS="$APPDATA/$APP/ivigdesk.ini"                 # IVIG Desk's own settings file (config/paths.py)
USERLOG="$LOCALAPPDATA/$APP/ivigdesk/logs/ivigdesk.log"   # QStandardPaths AppLocalDataLocation
wineserver -w

# ---------------------------------------------------------------- stage a copy of what ISCC reads
SRC="$WORK/src"
mkdir -p "$SRC/resources" "$SRC/dist"
cp -a "$REPO/packaging" "$SRC/packaging"
cp -a "$REPO/resources/icons" "$SRC/resources/icons"
if [ -d "$REPO/dist/ivigdesk" ]; then
    cp -a "$REPO/dist/ivigdesk" "$SRC/dist/ivigdesk"
    info "onedir: a copy of $REPO/dist/ivigdesk ($(find "$SRC/dist/ivigdesk" -type f | wc -l) files, $(du -sh "$SRC/dist/ivigdesk" | cut -f1))"
else
    mkdir -p "$SRC/dist/ivigdesk/_internal/ivigdesk/resources"
    echo "stand-in" >"$SRC/dist/ivigdesk/_internal/base_library.zip"
    echo "stand-in" >"$SRC/dist/ivigdesk/_internal/ivigdesk/resources/README.txt"
    info "onedir: $REPO/dist/ivigdesk does not exist; using a minimal stand-in folder"
fi
for exe in ivigdesk.exe ivigdesk-calc.exe; do   # a Linux build has no .exe: use a small real one
    if [ ! -f "$SRC/dist/ivigdesk/$exe" ]; then
        cp "$C/windows/system32/hostname.exe" "$SRC/dist/ivigdesk/$exe"
        info "$exe: stand-in (Wine's 64-bit hostname.exe)"
    fi
done
(cd "$SRC/dist/ivigdesk" && find . -type f | sed 's|^\./||' | sort) >"$WORK/payload.txt"

VERSION="$(cd "$REPO" && python3 -B -c 'import ivigdesk; print(ivigdesk.__version__)' 2>/dev/null)"
[ -n "$VERSION" ] || VERSION="$(sed -n 's/^__version__ *= *["'\'']\([^"'\'']*\)["'\''].*/\1/p' "$REPO/ivigdesk/__init__.py" 2>/dev/null | head -1)"
[ -n "$VERSION" ] || { echo "FAIL: cannot find ivigdesk.__version__"; exit 2; }
if [[ "$VERSION" =~ ^([0-9]+\.)*[0-9]+$ ]]; then NEXT="${VERSION%.*}.$(( ${VERSION##*.} + 1 ))"
    [[ "$VERSION" == *.* ]] || NEXT="$((VERSION + 1))"
else NEXT="$VERSION-next"; fi
info "version: $VERSION (upgrade check to $NEXT)"

# ---------------------------------------------------------------- compile
compile() {   # compile VERSION -> sets SETUP_EXE ("" if it failed)
    local v="$1" log="$WORK/logs/iscc-$1.log" t0=$SECONDS rc
    SETUP_EXE="$SRC/dist/installer/IVIGDesk-$v-setup.exe"
    (cd "$SRC/packaging" && w "$ISCC" /Q ivigdesk.iss "/DAppVersion=$v") >"$log" 2>&1; rc=$?
    if [ $rc -eq 0 ] && [ -f "$SETUP_EXE" ]; then
        pass "ISCC compiles packaging/ivigdesk.iss with /DAppVersion=$v -> $(basename "$SETUP_EXE") ($(du -h "$SETUP_EXE" | cut -f1), $((SECONDS - t0)) s)"
    else
        fail "ISCC compiles packaging/ivigdesk.iss with /DAppVersion=$v (exit $rc; expected dist/installer/IVIGDesk-$v-setup.exe)"
        sed 's/^/        /' "$log"; ls "$SRC/dist/installer" 2>/dev/null | sed 's/^/        produced: /'
        SETUP_EXE=""
    fi
}
# (LZMA2 already keeps both cores busy: compiling the two at once saved nothing, measured)
compile "$VERSION"; SETUP_CUR="$SETUP_EXE"
# check_windows_build.sh installs this same setup in its own prefix and runs the installed program
[ -n "${SETUP_COPY_TO:-}" ] && [ -n "$SETUP_CUR" ] && cp "$SETUP_CUR" "$SETUP_COPY_TO/"
compile "$NEXT"; SETUP_NEXT="$SETUP_EXE"
[ -n "$SETUP_CUR" ] && [ -n "$SETUP_NEXT" ] || { echo "RESULT: $PASSES passed, $FAILS failed (cannot go on without installers)"; exit 1; }

# ---------------------------------------------------------------- helpers for the install checks
SILENT=(/VERYSILENT /SUPPRESSMSGBOXES /NORESTART)
run_setup() {   # run_setup NAME EXE [switches...] -> "exit N"
    local name="$1" exe="$2"; shift 2
    w "$exe" "$@" "${SILENT[@]}" "/LOG=$(winpath "$WORK/logs/$name.log")" >"$WORK/logs/$name.out" 2>&1
    local rc=$?; LAST_LOG="$WORK/logs/$name.log"
    if [ $rc -eq 0 ]; then pass "$name: setup exit code 0"; else fail "$name: setup exit code $rc"; tail -5 "$LAST_LOG" 2>/dev/null | sed 's/^/        /'; fi
}
reg_value() {   # reg_value HKCU|HKLM VALUE -> value of the uninstall key ("" if none)
    local view=(); [ "$1" = HKLM ] && view=(/reg:64)
    HOME="$WORK/home" wine reg query "$1\\$APPID_KEY" /v "$2" "${view[@]}" 2>/dev/null | tr -d '\r' \
        | sed -n "s/^ *$2 *REG_[A-Z_]* *//p"
}
reg_value_any() { local v; v="$(reg_value "$1" "$2")"; [ -z "$v" ] && [ "$1" = HKLM ] && v="$(HOME="$WORK/home" wine reg query "HKLM\\$APPID_KEY" /v "$2" /reg:32 2>/dev/null | tr -d '\r' | sed -n "s/^ *$2 *REG_[A-Z_]* *//p")"; printf '%s' "$v"; }
has_key() { [ -n "$(reg_value_any "$1" DisplayName)" ]; }
payload_in() { local d="$1" f; [ -d "$d" ] || return 1; while read -r f; do [ -f "$d/$f" ] || { info "missing: $d/$f"; return 1; }; done <"$WORK/payload.txt"; }
lnk_ok() { [ -f "$1/$APP.lnk" ] && [ -f "$1/$APP (self-test).lnk" ] && tr -d '\0' <"$1/$APP (self-test).lnk" | grep -q -- '--self-test'; }
no_lnk() { [ ! -e "$1/$APP.lnk" ] && [ ! -e "$1/$APP (self-test).lnk" ]; }
log_says() { grep -q "$1" "$LAST_LOG" 2>/dev/null; }
settings_same() { [ -f "$SETTINGS" ] && [ "$(cat "$SETTINGS" "$USERLOG" 2>/dev/null | sha256sum)" = "$SETTINGS_SUM" ]; }
uninstall() {   # uninstall NAME HKCU|HKLM: run the uninstall key's UninstallString silently
    local name="$1" root="$2" cmd
    cmd="$(reg_value_any "$root" UninstallString)"; cmd="${cmd//\"/}"
    if [ -z "$cmd" ]; then fail "$name: no UninstallString under $root"; return; fi
    # the exit code comes back before the uninstaller's copy in %TEMP% has finished; w() waits for it
    w "$cmd" "${SILENT[@]}" "/LOG=$(winpath "$WORK/logs/$name.log")" >"$WORK/logs/$name.out" 2>&1
    local rc=$?; LAST_LOG="$WORK/logs/$name.log"
    if [ $rc -eq 0 ]; then pass "$name: uninstaller exit code 0 ($cmd)"; else fail "$name: uninstaller exit code $rc ($cmd)"; tail -5 "$LAST_LOG" 2>/dev/null | sed 's/^/        /'; fi
}

# the user's settings and log exist before any install and must outlive every install, upgrade and uninstall
mkdir -p "$(dirname "$SETTINGS")" "$(dirname "$USERLOG")"
printf '[settings]\nweight_rule = adjusted\n; written by check_installer.sh\n' >"$SETTINGS"
printf 'a log line written by check_installer.sh\n' >"$USERLOG"
SETTINGS_SUM="$(cat "$SETTINGS" "$USERLOG" | sha256sum)"

# ---------------------------------------------------------------- 1. per user (/CURRENTUSER)
echo "--- per-user install (/CURRENTUSER)"
run_setup peruser-install "$SETUP_CUR" /CURRENTUSER
check "per-user: non administrative install mode" log_says "Administrative install mode: No"
check "per-user: all $(wc -l <"$WORK/payload.txt") payload files under %LOCALAPPDATA%\\Programs\\$APP" payload_in "$USER_DIR"
check "per-user: Start-menu shortcuts (program, self-test with --self-test) in the user's Programs" lnk_ok "$USER_MENU"
check "per-user: no shortcuts in the All Users Start menu" no_lnk "$COMMON_MENU"
check "per-user: nothing under Program Files" eval '[ ! -e "$PF64_DIR" ] && [ ! -e "$PF32_DIR" ]'
check "per-user: uninstall key under HKCU, DisplayVersion $VERSION" eval '[ "$(reg_value HKCU DisplayVersion)" = "$VERSION" ]'
check "per-user: no uninstall key under HKLM" eval '! has_key HKLM'
check "per-user: no %ProgramData%\\$APP folder created (no rights there)" eval '[ ! -e "$C/ProgramData/$APP" ]'
run_setup peruser-upgrade "$SETUP_NEXT" /CURRENTUSER
check "per-user upgrade: HKCU DisplayVersion now $NEXT" eval '[ "$(reg_value HKCU DisplayVersion)" = "$NEXT" ]'
check "per-user upgrade: same folder, one uninstaller (appended to unins000)" eval 'payload_in "$USER_DIR" && [ -f "$USER_DIR/unins000.exe" ] && [ ! -e "$USER_DIR/unins001.exe" ]'
check "per-user upgrade: settings file and log untouched" settings_same
uninstall peruser-uninstall HKCU
check "per-user uninstall: program folder removed" eval '[ ! -e "$USER_DIR" ]'
check "per-user uninstall: Start-menu shortcuts removed" no_lnk "$USER_MENU"
check "per-user uninstall: HKCU uninstall key removed" eval '! has_key HKCU'
check "per-user uninstall: %APPDATA%\\$APP\\ivigdesk.ini and %LOCALAPPDATA%\\$APP\\ivigdesk\\logs kept, unchanged" settings_same

# ---------------------------------------------------------------- 2. machine-wide (/ALLUSERS)
echo "--- machine-wide install (/ALLUSERS)"
run_setup allusers-install "$SETUP_CUR" /ALLUSERS
check "all users: administrative install mode" log_says "Administrative install mode: Yes"
# shellcheck disable=SC2034  # MACHINE_DIR is read inside the eval'd checks below
if payload_in "$PF64_DIR" >/dev/null; then MACHINE_DIR="$PF64_DIR"; pass "all users: all payload files under C:\\Program Files\\$APP (64-bit install mode)"
elif payload_in "$PF32_DIR" >/dev/null; then MACHINE_DIR="$PF32_DIR"; pass "all users: all payload files under C:\\Program Files (x86)\\$APP (32-bit install mode)"
else MACHINE_DIR="$PF64_DIR"; fail "all users: payload files under C:\\Program Files[ (x86)]\\$APP"; fi
check "all users: Start-menu shortcuts (program, self-test with --self-test) in the All Users Programs" lnk_ok "$COMMON_MENU"
check "all users: no shortcuts in the user's Start menu" no_lnk "$USER_MENU"
check "all users: nothing under %LOCALAPPDATA%\\Programs" eval '[ ! -e "$USER_DIR" ]'
check "all users: uninstall key under HKLM, DisplayVersion $VERSION" eval '[ "$(reg_value_any HKLM DisplayVersion)" = "$VERSION" ]'
check "all users: no uninstall key under HKCU" eval '! has_key HKCU'
check "all users: %ProgramData%\\$APP created for IT's site policy" eval '[ -d "$C/ProgramData/$APP" ]'
run_setup allusers-upgrade "$SETUP_NEXT" /ALLUSERS
check "all users upgrade: HKLM DisplayVersion now $NEXT" eval '[ "$(reg_value_any HKLM DisplayVersion)" = "$NEXT" ]'
check "all users upgrade: same folder, one uninstaller" eval 'payload_in "$MACHINE_DIR" && [ ! -e "$MACHINE_DIR/unins001.exe" ]'
uninstall allusers-uninstall HKLM
check "all users uninstall: program folder removed" eval '[ ! -e "$MACHINE_DIR" ]'
check "all users uninstall: Start-menu shortcuts removed" no_lnk "$COMMON_MENU"
check "all users uninstall: %ProgramData%\\$APP kept (IT's policy and its protection)" eval '[ -d "$C/ProgramData/$APP" ]'
check "all users uninstall: HKLM uninstall key removed" eval '! has_key HKLM'
check "all users uninstall: settings file and log kept, unchanged" settings_same

# ---------------------------------------------------------------- 3. defaults and both modes side by side
echo "--- no mode switch; per-user and machine-wide side by side"
run_setup default-install "$SETUP_CUR"
check "no switch (silent): per-user install is the default" eval 'log_says "Administrative install mode: No" && payload_in "$USER_DIR" && has_key HKCU && ! has_key HKLM'
run_setup both-allusers "$SETUP_CUR" /ALLUSERS
check "both: /ALLUSERS beside a per-user install gives a second, machine-wide copy" eval 'payload_in "$MACHINE_DIR" && payload_in "$USER_DIR" && has_key HKLM && has_key HKCU'
info "per-user entry is now listed as: '$(reg_value HKCU DisplayName)', machine-wide as: '$(reg_value_any HKLM DisplayName)'"
uninstall both-uninstall-user HKCU
check "both: removing the per-user copy leaves the machine-wide one intact" eval '[ ! -e "$USER_DIR" ] && payload_in "$MACHINE_DIR" && lnk_ok "$COMMON_MENU" && has_key HKLM && ! has_key HKCU'
uninstall both-uninstall-machine HKLM
check "both: everything removed, settings file and log kept" eval '[ ! -e "$MACHINE_DIR" ] && ! has_key HKLM && no_lnk "$COMMON_MENU" && no_lnk "$USER_MENU" && settings_same'

# ---------------------------------------------------------------- 4. a %ProgramData%\IVIG Desk that was there before Setup
# Setup must never adopt a folder a standard user could have made (with an "IT policy" in it):
# it keeps the folder only if everything in it belongs to Administrators, SYSTEM or the
# administrator running Setup; anything else (another user's folder or file, a link or junction)
# is renamed to "IVIG Desk.untrusted-<date>-<time>" and a new admin-only folder is made.
# Under Wine, GetNamedSecurityInfo reports what a Wine program creates (Setup included) as owned
# by the Wine user (S-1-5-21-0-0-0-1000; "administrators" on Windows), and a file of another Unix
# user as owned by another SID: so a folder chown'ed to "nobody" stands for a standard user's.
# Wine's icacls changes nothing (owners and ACLs are not stored), so that the result is admin-only
# is checked on real Windows by check_installer_windows.ps1.
echo "--- machine-wide install over an existing %ProgramData%\\$APP"
PDIR="$C/ProgramData/$APP"
POLICY='[site]
knowledge_folder = C:\planted\knowledge
; planted by check_installer.sh'
untrusted_dirs() { find "$C/ProgramData" -maxdepth 1 -name "$APP.untrusted-*" | sort; }
fresh_untrusted() {   # the one "IVIG Desk.untrusted-*" that is new since BEFORE
    comm -13 <(printf '%s\n' "$BEFORE") <(untrusted_dirs) | grep -v '^$'
}
planted_moved_aside() {   # the planted file is not the policy any more, and is kept unchanged aside
    local aside; aside="$(fresh_untrusted)"
    [ ! -e "$PDIR/ivigdesk-site.ini" ] && [ -d "$PDIR" ] && [ ! -L "$PDIR" ] && [ "$(printf '%s\n' "$aside" | wc -l)" -eq 1 ] \
        && [ -n "$aside" ] && [ "$(cat "$aside/ivigdesk-site.ini" 2>/dev/null)" = "$POLICY" ] \
        && log_says "Site policy folder NOT trusted" && log_says "is admin-only"
}
# (a) a previous machine-wide install's folder with IT's policy in it (a file of this Unix user, so
#     owned like everything Setup makes): kept as it is
rm -rf "$PDIR"; run_setup existing-own "$SETUP_CUR" /ALLUSERS
printf '[site]\n; IT policy, check_installer.sh\n' >"$PDIR/ivigdesk-site.ini"
IT_POLICY="$(cat "$PDIR/ivigdesk-site.ini" 2>/dev/null)"; BEFORE="$(untrusted_dirs)"
run_setup existing-admin "$SETUP_CUR" /ALLUSERS
check "existing admin-owned %ProgramData%\\$APP (previous install + IT's policy): kept as it is, nothing moved aside, logged" \
    eval '[ "$(cat "$PDIR/ivigdesk-site.ini" 2>/dev/null)" = "$IT_POLICY" ] && [ -z "$(fresh_untrusted)" ] && log_says "kept as it is"'
# (b) a folder a standard user made, with a planted policy
rm -rf "$PDIR"; mkdir "$PDIR"; printf '%s' "$POLICY" >"$PDIR/ivigdesk-site.ini"; $SUDO chown -R nobody "$PDIR"
BEFORE="$(untrusted_dirs)"; run_setup planted-folder "$SETUP_CUR" /ALLUSERS
check "planted folder (another user's, with ivigdesk-site.ini): moved aside to $APP.untrusted-*, new empty folder, logged" planted_moved_aside
# (c) the previous install's folder, but a standard user's ivigdesk-site.ini in it
rm -rf "$PDIR"; run_setup planted-file-prep "$SETUP_CUR" /ALLUSERS
printf '%s' "$POLICY" >"$PDIR/ivigdesk-site.ini"; $SUDO chown nobody "$PDIR/ivigdesk-site.ini"
BEFORE="$(untrusted_dirs)"; run_setup planted-file "$SETUP_CUR" /ALLUSERS
check "admin-owned folder with another user's ivigdesk-site.ini in it: whole folder moved aside, logged" planted_moved_aside
# (d) a link at the path, to a folder holding a policy. Wine 8.0 cannot make junctions and renames
#     the target of a Unix symbolic link (not the link), leaving the link in place: Setup must then
#     refuse (exit 7; it cannot create the folder, or finds the link still there). On Windows the
#     link itself is moved aside (check_installer_windows.ps1).
rm -rf "$PDIR" "$WORK/elsewhere"; mkdir "$WORK/elsewhere"; printf '%s' "$POLICY" >"$WORK/elsewhere/ivigdesk-site.ini"
ln -s "$WORK/elsewhere" "$PDIR"
w "$SETUP_CUR" /ALLUSERS "${SILENT[@]}" "/LOG=$(winpath "$WORK/logs/planted-link.log")" >"$WORK/logs/planted-link.out" 2>&1; LINK_RC=$?
LAST_LOG="$WORK/logs/planted-link.log"
check "link at %ProgramData%\\$APP: detected (never adopted); under Wine Setup refuses: exit 7, no policy readable there, logged" \
    eval '[ "$LINK_RC" -eq 7 ] && [ ! -f "$PDIR/ivigdesk-site.ini" ] && log_says "is a link or junction" && log_says "Nothing was installed"'
rm -f "$PDIR"; run_setup after-link "$SETUP_CUR" /ALLUSERS   # IT removes the link, runs Setup again
uninstall existing-uninstall HKLM
check "after these installs: one uninstall removes the program; %ProgramData%\\$APP and the moved-aside folders kept" \
    eval '[ ! -e "$MACHINE_DIR" ] && ! has_key HKLM && [ -d "$PDIR" ] && [ ! -L "$PDIR" ] && [ "$(untrusted_dirs | wc -l)" -ge 2 ]'
info "moved aside: $(untrusted_dirs | xargs -r -d '\n' -n1 basename | tr '\n' ' ')"

echo "RESULT: $PASSES passed, $FAILS failed"
[ "$FAILS" -eq 0 ]
