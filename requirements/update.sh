#!/usr/bin/env bash
# Regenerate the hash-checked locks from pyproject.toml (run after changing a dependency, then
# run the whole test suite, including the soak test, before committing the new locks).
#
#     requirements/update.sh            # needs uv (pip install uv)
#
# app.lock: what the program needs; dev.lock: that plus the test and build tools. Both are
# universal (Windows, macOS and Linux; Python 3.11 and newer) and carry a sha256 for every file.
set -euo pipefail
cd "$(dirname "$0")/.."
for lock in app dev; do
    extras=()
    [ "$lock" = dev ] && extras=(--extra test --extra build)
    uv pip compile pyproject.toml requirements/backend.in "${extras[@]}" \
        --universal --python-version 3.11 --generate-hashes --no-header --quiet \
        --output-file "requirements/$lock.lock"
done
echo "wrote requirements/app.lock and requirements/dev.lock"
