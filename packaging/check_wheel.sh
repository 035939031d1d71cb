#!/usr/bin/env bash
# check_wheel.sh [PYTHON]
#
# The wheel as a user gets it: builds it from the checkout (pip wheel --no-deps
# --no-build-isolation, with PYTHON, default the checkout's .venv), checks that the bundled data
# is in it, installs it into a fresh venv outside the checkout from requirements/app.lock
# (hash-checked), and runs ivigdesk-calc (a plan, and --json) and ivigdesk --self-test from
# there, in a folder outside the checkout. One PASS/FAIL line a check; exit 0 only if all passed.
set -uo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
PY="${1:-$REPO/.venv/bin/python}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ivigdesk-wheel-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
FAILS=0
pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; FAILS=$((FAILS + 1)); }
show() { sed 's/^/        /' "$1" | tail -20; }

if "$PY" -m pip wheel --no-deps --no-build-isolation -q -w "$WORK/wheel" "$REPO" >"$WORK/build.log" 2>&1 \
    && WHEEL="$(ls "$WORK"/wheel/ivigdesk-*.whl 2>/dev/null)" && [ -n "$WHEEL" ]; then
    pass "wheel built: $(basename "$WHEEL")"
else
    fail "pip wheel --no-deps --no-build-isolation"; show "$WORK/build.log"; exit 1
fi

# the bundled data: every YAML, manifest, compiled form, units file and icon of resources/
if "$PY" - "$WHEEL" "$REPO/resources" >"$WORK/contents.log" 2>&1 <<'PYEOF'
import sys, zipfile
from pathlib import Path
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
root = Path(sys.argv[2])
wanted = [p for pattern in ("**/*.yaml", "**/MANIFEST.sha256", "**/compiled.pickle", "**/*.txt", "**/*.png", "**/*.ico")
          for p in root.glob(pattern)]
missing = [f"ivigdesk/resources/{p.relative_to(root).as_posix()}" for p in wanted]
missing = [m for m in missing if m not in names]
code = [f"{p.relative_to(root.parent).as_posix()}" for p in root.parent.glob("ivigdesk/**/*.py")]
missing += [c for c in code if c not in names]
print(f"{len(wanted)} data files and {len(code)} modules checked")
for m in missing:
    print("missing:", m)
sys.exit(1 if missing else 0)
PYEOF
then pass "wheel holds every module and data file (YAML, manifests, compiled forms, units, icons): $(cat "$WORK/contents.log")"
else fail "wheel contents"; show "$WORK/contents.log"; fi

# a fresh venv outside the checkout, from the hash-checked lock, then the wheel itself
if python3 -m venv "$WORK/venv" >"$WORK/venv.log" 2>&1 \
    && "$WORK/venv/bin/pip" install -q --require-hashes -r "$REPO/requirements/app.lock" >>"$WORK/venv.log" 2>&1 \
    && "$WORK/venv/bin/pip" install -q --no-deps "$WHEEL" >>"$WORK/venv.log" 2>&1; then
    pass "installed into a fresh venv from requirements/app.lock (hash-checked), then the wheel"
else
    fail "install into a fresh venv"; show "$WORK/venv.log"; exit 1
fi

mkdir -p "$WORK/elsewhere"; cd "$WORK/elsewhere" || exit 1
where="$("$WORK/venv/bin/python" -c 'import ivigdesk; print(ivigdesk.__file__)' 2>&1)"
case "$where" in "$WORK/venv/"*) pass "ivigdesk imported from the venv: $where" ;; *) fail "ivigdesk imported from $where" ;; esac
if "$WORK/venv/bin/ivigdesk-calc" --indication gbs --weight 70 --concentration 10% >"$WORK/plan.txt" 2>&1 \
    && grep -q "g" "$WORK/plan.txt"; then
    pass "ivigdesk-calc --indication gbs --weight 70 --concentration 10% ($(wc -l <"$WORK/plan.txt") lines)"
else fail "ivigdesk-calc plan"; show "$WORK/plan.txt"; fi
if "$WORK/venv/bin/ivigdesk-calc" --indication kawasaki --weight 18 --age 4 --product octagam-10 --json >"$WORK/plan.json" 2>"$WORK/plan.err" \
    && "$WORK/venv/bin/python" -c 'import json, sys; json.loads(open(sys.argv[1], encoding="utf-8").read())' "$WORK/plan.json" 2>>"$WORK/plan.err"; then
    pass "ivigdesk-calc --json: valid UTF-8 JSON ($(wc -c <"$WORK/plan.json") bytes)"
else fail "ivigdesk-calc --json"; show "$WORK/plan.err"; fi
if QT_QPA_PLATFORM=offscreen timeout 300 "$WORK/venv/bin/ivigdesk" --self-test >"$WORK/self-test.log" 2>&1; then
    pass "ivigdesk --self-test (offscreen): $(grep -m1 'self-test:' "$WORK/self-test.log")"
else fail "ivigdesk --self-test"; show "$WORK/self-test.log"; fi

[ "$FAILS" -eq 0 ]
