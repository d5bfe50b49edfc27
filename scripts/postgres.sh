#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and local work (issue 16): Debian's postgresql, initdb in a folder of its
# own as an unprivileged user, listening on a free loopback port only, password authentication (scram-sha-256).
#
#   scripts/postgres.sh start DIR            install postgresql when missing, create and start a cluster in DIR, print its URL
#   scripts/postgres.sh standby DIR PRIMARY  a hot standby of the cluster in PRIMARY (pg_basebackup, streaming
#                                            replication), started in DIR on a port of its own; print its URL
#   scripts/postgres.sh url DIR              print the URL of the cluster in DIR
#   scripts/postgres.sh stop DIR             stop the cluster in DIR and delete DIR
#
# The URL is postgres://dict:PASSWORD@127.0.0.1:PORT/dict; the password is random per cluster and also kept in
# DIR/password (mode 600). Under root the server runs as the system user `dict-postgres` (created when missing),
# because PostgreSQL refuses to run as root.
set -euo pipefail

usage() { echo "usage: $0 start|url|stop DIR, or $0 standby DIR PRIMARY_DIR" >&2; exit 2; }
[ $# -eq 2 ] || { [ $# -eq 3 ] && [ "$1" = standby ]; } || usage
action=$1
# Absolute, because the owner's commands run from / (it may not enter the caller's directory, e.g. a 0700 temp dir).
dir=$(realpath -m "$2")

bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

install_postgres() {
    if [ -z "$(bindir)" ]; then
        echo "postgres: installing postgresql" >&2
        local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql postgresql-contrib >/dev/null
    fi
    [ -n "$(bindir)" ] || { echo "postgres: initdb not found after installing postgresql" >&2; exit 1; }
}

# Runs a command as the cluster's owner: ourselves, or `dict-postgres` when we are root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u dict-postgres -- "$@")
    else
        "$@"
    fi
}

# The suites run in parallel and each `dict serve` they start holds pools on the primary and the standby: 100 (the
# default) ran out. A standby needs at least its primary's value.
max_connections=300

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

url_of() {
    echo "postgres://dict:$(cat "$dir/password")@127.0.0.1:$(cat "$dir/port")/dict"
}

case "$action" in
start)
    install_postgres
    bin=$(bindir)
    if [ "$(id -u)" -eq 0 ] && ! id dict-postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin dict-postgres
    fi
    mkdir -p "$dir"
    [ -e "$dir/data" ] && { echo "postgres: $dir/data exists; stop that cluster first" >&2; exit 1; }
    python3 -c 'import secrets; print(secrets.token_hex(16))' > "$dir/password"
    chmod 600 "$dir/password"
    free_port > "$dir/port"
    [ "$(id -u)" -eq 0 ] && chown -R dict-postgres "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U dict --pwfile="$dir/password" --auth=scram-sha-256 \
        --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $(cat "$dir/port") -k $dir -c fsync=off -c full_page_writes=off -c max_connections=$max_connections" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    PGPASSWORD=$(cat "$dir/password") "$bin/createdb" -h 127.0.0.1 -p "$(cat "$dir/port")" -U dict dict
    url_of
    ;;
standby)
    install_postgres
    bin=$(bindir)
    primary=$(realpath -m "$3")
    [ -f "$primary/port" ] || { echo "postgres: no cluster in $primary" >&2; exit 1; }
    mkdir -p "$dir"
    [ -e "$dir/data" ] && { echo "postgres: $dir/data exists; stop that cluster first" >&2; exit 1; }
    # The copy holds the primary's roles, so its password is the primary's.
    cp "$primary/password" "$dir/password"
    chmod 600 "$dir/password"
    free_port > "$dir/port"
    [ "$(id -u)" -eq 0 ] && chown -R dict-postgres "$dir"
    chmod 700 "$dir"
    # -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile. initdb's default
    # pg_hba.conf already admits replication connections from 127.0.0.1 with the password.
    as_owner env PGPASSWORD="$(cat "$dir/password")" "$bin/pg_basebackup" -h 127.0.0.1 -p "$(cat "$primary/port")" -U dict \
        -D "$dir/data" -R -X stream -c fast >"$dir/basebackup.log" 2>&1 \
        || { cat "$dir/basebackup.log" >&2; exit 1; }
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $(cat "$dir/port") -k $dir -c fsync=off -c full_page_writes=off -c hot_standby=on -c max_connections=$max_connections" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    url_of
    ;;
url)
    url_of
    ;;
stop)
    if [ -d "$dir/data" ]; then
        bin=$(bindir)
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    usage
    ;;
esac
