#!/bin/sh
# PROGRAM --version prints exactly EXPECTED (one line) and exits 0, without
# a display or a database.
set -eu
program=${1:?usage: check-version.sh PROGRAM EXPECTED}
expected=${2:?usage: check-version.sh PROGRAM EXPECTED}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Nobody's files: a --version that opened the database would create one here.
HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_STATE_HOME=$tmp/state
export HOME XDG_DATA_HOME XDG_STATE_HOME
unset DISPLAY WAYLAND_DISPLAY KARTLESER_DB 2>/dev/null || true

status=0
out=$("$program" --version 2>"$tmp/stderr") || status=$?
if [ "$status" -ne 0 ]; then
    echo "FAIL: $program --version exited $status" >&2
    cat "$tmp/stderr" >&2
    exit 1
fi
if [ "$out" != "$expected" ]; then
    echo "FAIL: $program --version printed “$out”, expected “$expected”" >&2
    exit 1
fi
if [ -s "$tmp/stderr" ]; then
    echo "FAIL: $program --version wrote to stderr:" >&2
    cat "$tmp/stderr" >&2
    exit 1
fi
if [ -e "$tmp/data" ]; then
    echo "FAIL: $program --version created $tmp/data" >&2
    exit 1
fi
echo "ok: $out"
