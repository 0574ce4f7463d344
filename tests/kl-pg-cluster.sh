#!/bin/sh
# Runs a command with a private PostgreSQL cluster of its own:
#   kl-pg-cluster.sh COMMAND [ARGS...]
# initdb into a temporary folder, a server listening on a Unix socket in
# that folder only (no TCP port, so parallel runs never meet), and
# KL_TEST_PG_HOST set to the folder for the command; the server is
# stopped and the folder removed afterwards, whatever the command did.
# A server that cannot be set up fails the test: it never skips.
#
# initdb refuses to run as root (CI runs as root): then the cluster is
# made and run as an unprivileged user (KL_TEST_PG_USER, default nobody)
# through runuser.
set -eu

bindir=${KL_TEST_PG_BINDIR:-}
if [ -z "$bindir" ]; then
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        bindir=$(pg_config --bindir)
    else
        bindir=/usr/lib/postgresql/15/bin
    fi
fi
for tool in initdb pg_ctl; do
    if [ ! -x "$bindir/$tool" ]; then
        echo "kl-pg-cluster: $bindir/$tool not found: install postgresql (see .ci/packages)" >&2
        exit 1
    fi
done

dir=$(mktemp -d "${TMPDIR:-/tmp}/kl-pg.XXXXXX")
as_owner=
if [ "$(id -u)" -eq 0 ]; then
    owner=${KL_TEST_PG_USER:-nobody}
    chown "$owner" "$dir"
    as_owner="runuser -u $owner --"
fi

# Immediate shutdown (SIGQUIT to the postmaster, as pg_ctl -m immediate
# sends it), quick enough to finish before a test runner's SIGKILL.
stop() {
    status=$?
    trap - EXIT INT TERM
    pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && kill -QUIT "$pid" 2>/dev/null; then
        tries=0
        while kill -0 "$pid" 2>/dev/null && [ $tries -lt 100 ]; do
            sleep 0.05
            tries=$((tries + 1))
        done
    fi
    rm -rf "$dir"
    exit $status
}
trap stop EXIT
trap 'exit 130' INT TERM

# C collation: text sorts by bytes, as SQLite's BINARY does. No syncing,
# fsync off: a test cluster never has to survive a crash.
if ! $as_owner "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync \
        >"$dir/initdb.log" 2>&1; then
    echo "kl-pg-cluster: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    exit 1
fi
if ! $as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
    echo "kl-pg-cluster: the server did not start:" >&2
    cat "$dir/server.log" >&2
    exit 1
fi

KL_TEST_PG_HOST=$dir
export KL_TEST_PG_HOST
"$@"
