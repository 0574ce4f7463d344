#!/bin/sh
# Runs a command with a private PostgreSQL cluster of its own:
#   kl-pg-cluster.sh [--tls] COMMAND [ARGS...]
# initdb into a temporary folder, a server listening on a Unix socket in
# that folder only (no TCP port, so parallel runs never meet), and
# KL_TEST_PG_HOST set to the folder for the command; the server is
# stopped and the folder removed afterwards, whatever the command did.
# A server that cannot be set up fails the test: it never skips.
#
# initdb refuses to run as root (CI runs as root): then the cluster is
# made and run as an unprivileged user (KL_TEST_PG_USER, default nobody)
# through runuser.
#
# --tls: the server also listens on 127.0.0.1, on a free port, with TLS
# only and password (scram) logins, under a certificate made here for the
# run: KL_TEST_PG_PORT, KL_TEST_PG_ROOTCERT (the root that signed it) and
# KL_TEST_PG_OTHER_ROOTCERT (a root that did not) are set for the command,
# and PGPORT, by which libpq finds the socket too.
set -eu

tls=
if [ "${1:-}" = "--tls" ]; then
    tls=yes
    shift
fi

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

options="-k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
if [ -z "$tls" ]; then
    options="$options -c listen_addresses=''"
else
    # A root, a server certificate it signs for 127.0.0.1, and a root
    # that signed nothing of this server's.
    (
        cd "$dir"
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Kartleser test root" \
            -keyout root.key -out root.crt
        openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Someone else's root" \
            -keyout other-root.key -out other-root.crt
        openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr
        printf 'subjectAltName=IP:127.0.0.1\n' >server.ext
        openssl x509 -req -in server.csr -CA root.crt -CAkey root.key -CAcreateserial -days 2 \
            -extfile server.ext -out server.crt
        chmod 600 server.key
    ) >"$dir/openssl.log" 2>&1 || { echo "kl-pg-cluster: openssl failed:" >&2; cat "$dir/openssl.log" >&2; exit 1; }
    if [ -n "$as_owner" ]; then
        chown "$owner" "$dir/server.key" "$dir/server.crt"
    fi
    # Over TCP only TLS and a password; the socket stays trusted for set-up.
    printf 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n' >"$dir/pg_hba.conf"
    chmod 644 "$dir/pg_hba.conf"
    options="$options -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=$dir/server.crt"
    options="$options -c ssl_key_file=$dir/server.key -c hba_file=$dir/pg_hba.conf"
fi

# A free port: another run may take the one picked first, so a few tries.
tries=0
while :; do
    port_option=
    if [ -n "$tls" ]; then
        port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
        port_option="-p $port"
    fi
    if $as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "$options $port_option" start >/dev/null; then
        break
    fi
    tries=$((tries + 1))
    if [ -z "$tls" ] || [ $tries -ge 5 ]; then
        echo "kl-pg-cluster: the server did not start:" >&2
        cat "$dir/server.log" >&2
        exit 1
    fi
done
if [ -n "$tls" ]; then
    KL_TEST_PG_PORT=$port
    KL_TEST_PG_ROOTCERT=$dir/root.crt
    KL_TEST_PG_OTHER_ROOTCERT=$dir/other-root.crt
    # The socket is named after the port: libpq finds it by PGPORT.
    PGPORT=$port
    export KL_TEST_PG_PORT KL_TEST_PG_ROOTCERT KL_TEST_PG_OTHER_ROOTCERT PGPORT
fi

KL_TEST_PG_HOST=$dir
export KL_TEST_PG_HOST
"$@"
