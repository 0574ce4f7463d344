#!/bin/sh
# Runs a command in a D-Bus session of its own with a desktop keyring
# (gnome-keyring's secrets component), unlocked, in a temporary home:
#   kl-keyring-session.sh COMMAND [ARGS...]
# XDG_CONFIG_HOME, XDG_DATA_HOME and HOME point into that folder, so the
# test sees where the settings and the keyring are written, and the
# user's own are never touched. Removed afterwards.
set -eu

if [ -z "${KL_KEYRING_INNER:-}" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/kl-keyring.XXXXXX")
    trap 'rm -rf "$dir"' EXIT
    KL_KEYRING_INNER=$dir
    export KL_KEYRING_INNER
    status=0
    dbus-run-session -- sh "$0" "$@" || status=$?
    exit $status
fi

dir=$KL_KEYRING_INNER
unset KL_KEYRING_INNER
HOME=$dir/home
XDG_CONFIG_HOME=$dir/config
XDG_DATA_HOME=$dir/data
XDG_RUNTIME_DIR=$dir/run
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_RUNTIME_DIR

# The login keyring is made with this password, and unlocked by it.
if ! printf 'kartleser-test-keyring' | gnome-keyring-daemon --unlock --components=secrets \
        >"$dir/keyring.env" 2>"$dir/keyring.log"; then
    echo "kl-keyring-session: gnome-keyring-daemon did not start:" >&2
    cat "$dir/keyring.log" >&2
    exit 1
fi
. "$dir/keyring.env"
export GNOME_KEYRING_CONTROL 2>/dev/null || true
"$@"
