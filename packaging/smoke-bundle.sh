#!/usr/bin/env bash
# Starts the bundled app the way a teacher's first start would (a new data folder, so the
# store is created by the bundled Alembic migrations and the demo school generated),
# offscreen, and checks it paints a non-empty roster and exits 0.
#
#   packaging/smoke-bundle.sh dist/classroom-desk/classroom-desk
#
# The build machine has no keyring, so the store's key comes from a passphrase in the
# environment (as for a script on a headless school machine); the store must be encrypted.
#
# PYTHONTZPATH is set empty so zoneinfo cannot use the system's /usr/share/zoneinfo:
# America/Chicago must come from the bundled tzdata, as on a machine without it.
set -euo pipefail

binary="${1:-dist/classroom-desk/classroom-desk}"
if [[ ! -x "$binary" ]]; then
    echo "smoke-bundle: $binary not found; run 'make bundle' first" >&2
    exit 1
fi

data_dir="$(mktemp -d)"
trap 'rm -rf "$data_dir"' EXIT

run_once() {
    local label="$1" language="${2:-en}" output status
    local started=$SECONDS
    set +e
    output="$(QT_QPA_PLATFORM=offscreen PYTHONTZPATH="" LANGUAGE="$language" \
        CLASSROOM_DESK_PASSPHRASE="bundle smoke test passphrase" \
        timeout 180 "$binary" --demo --smoke-test --data-dir "$data_dir" 2>&1)"
    status=$?
    set -e
    echo "$output" | sed "s/^/  [$label] /"
    if ((status != 0)); then
        echo "smoke-bundle: $label start exited $status" >&2
        exit 1
    fi
    local rows
    rows="$(grep -Eo 'roster rows: [0-9]+' <<<"$output" | tail -1 | grep -Eo '[0-9]+' || true)"
    if [[ -z "$rows" || "$rows" -le 0 ]]; then
        echo "smoke-bundle: $label start did not print 'roster rows: N' with N > 0" >&2
        exit 1
    fi
    if ! grep -qx "language: $language" <<<"$output"; then
        echo "smoke-bundle: $label start did not speak '$language' (is the .qm bundled?)" >&2
        exit 1
    fi
    echo "smoke-bundle: $label start ok ($rows roster rows, $((SECONDS - started)) s)"
}

# First start creates and migrates the store; the second opens it as every later start does.
run_once first
run_once second
run_once spanish es  # the Spanish catalogue is in the bundle and loads
if ! ls "$data_dir"/*.sqlite >/dev/null 2>&1; then
    echo "smoke-bundle: no database was written to $data_dir" >&2
    exit 1
fi
for store in "$data_dir"/*.sqlite; do
    if [[ "$(head -c 15 "$store")" == "SQLite format 3" ]]; then
        echo "smoke-bundle: $store is a plain SQLite file; it should be encrypted" >&2
        exit 1
    fi
done
echo "smoke-bundle: passed"
