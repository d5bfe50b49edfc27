#!/usr/bin/env bash
# A throwaway high-availability PostgreSQL cluster on one machine (issue 17): three PostgreSQL 15 nodes managed by
# Patroni, a three-member etcd holding Patroni's leader lock, and haproxy in front with a primary and a replica port.
# Everything listens on free loopback ports, runs as an unprivileged user and lives in one folder.
#
#   scripts/cluster.sh up DIR           install what is missing, start the cluster in DIR, print its two URLs
#   scripts/cluster.sh status DIR       `patronictl list` and the two URLs
#   scripts/cluster.sh urls DIR         the two URLs only (for scripts)
#   scripts/cluster.sh failover DIR     kill -9 the primary's postmaster, print how long writes were refused
#   scripts/cluster.sh switchover DIR   a planned switchover (patronictl), print how long writes were refused
#   scripts/cluster.sh down DIR         stop every process of the cluster and delete DIR
#
# `up` and `urls` print
#   primary postgres://dict:PASSWORD@127.0.0.1:PORT/dict    haproxy → the node whose Patroni says /primary is 200
#   replica postgres://dict:PASSWORD@127.0.0.1:PORT/dict    haproxy → the nodes whose Patroni says /replica is 200
# With DICT_CLUSTER_SYNCHRONOUS=1, `up` turns on Patroni's synchronous_mode (a commit waits for one replica).
# The password is random per cluster and kept in DIR/password (mode 600). Under root every process runs as the system
# user `dict-postgres` (created when missing), because PostgreSQL refuses to run as root. Logs: DIR/*.log.
# docs/scale-out.md ("Running the cluster on one machine") explains the topology and the timing settings.
# The variables of DIR/ports are set by sourcing it (load_ports), which shellcheck cannot see.
# shellcheck disable=SC2154
set -euo pipefail

usage() { echo "usage: $0 up|status|urls|failover|switchover|down DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
# Absolute, because the owner's commands run from / (it may not enter the caller's directory, e.g. a 0700 temp dir).
dir=$(realpath -m "$2")
nodes=(1 2 3)

say() { echo "cluster: $*" >&2; }

# Prints MESSAGE and the last lines of each named log in DIR, then exits 1.
fail() {
    local message=$1 log
    shift
    say "$message"
    for log in "$@"; do
        [ -f "$dir/$log" ] || continue
        echo "---- last lines of $dir/$log" >&2
        tail -n 25 "$dir/$log" >&2
    done
    exit 1
}

bindir() {
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$found" ] && [ -x "$found/initdb" ] && echo "$found"
}

install_packages() {
    local missing=()
    [ -n "$(bindir)" ] || missing+=(postgresql postgresql-contrib)
    command -v patroni >/dev/null || missing+=(patroni)
    command -v etcd >/dev/null || missing+=(etcd-server)
    command -v etcdctl >/dev/null || missing+=(etcd-client)
    command -v haproxy >/dev/null || missing+=(haproxy)
    command -v curl >/dev/null || missing+=(curl)
    if [ ${#missing[@]} -gt 0 ]; then
        say "installing ${missing[*]}"
        local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
    [ -n "$(bindir)" ] || fail "initdb not found after installing postgresql"
}

# Runs a command as the cluster's owner: ourselves, or `dict-postgres` when we are root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u dict-postgres -- "$@")
    else
        "$@"
    fi
}

# Starts a daemon as the owner in a session of its own (so the caller's terminal and exit do not reach it), its
# output appended to DIR/NAME.log and its pid written to DIR/NAME.pid by the process itself: under runuser, $! would
# be runuser's pid, not the daemon's.
start_daemon() {
    local name=$1
    shift
    [ -e "$dir/$name.log" ] || { as_owner touch "$dir/$name.log"; chmod 600 "$dir/$name.log"; }
    as_owner setsid -f sh -c 'echo $$ > "$0"; exec "$@"' "$dir/$name.pid" "$@" >>"$dir/$name.log" 2>&1 </dev/null
}

pid_of() { cat "$dir/$1.pid" 2>/dev/null || true; }

alive() { local pid; pid=$(pid_of "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

# The cluster's daemons, found by their command lines (which name DIR) rather than by user: the owner may run other
# clusters, and a shell whose command merely mentions DIR must not match. PostgreSQL's backends leave with their
# postmaster.
leftovers() {
    local escaped
    escaped=$(printf '%s' "$dir" | sed 's/[][\\.*^$+?(){}|]/\\&/g')
    pgrep -f -- "^(etcd --name etcd[0-9] --data-dir |/usr/bin/python3 /usr/bin/patroni |haproxy -db -f |[^ ]*/postgres -D )$escaped/" || true
}

# N distinct free loopback ports: all sockets stay bound until every port is picked.
free_ports() {
    python3 - "$1" <<'EOF'
import socket, sys
sockets = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    sockets.append(s)
print(" ".join(str(s.getsockname()[1]) for s in sockets))
EOF
}

secret() { python3 -c 'import secrets; print(secrets.token_hex(16))'; }

# Sets cluster_name, etcd_clientN, etcd_peerN, pg_portN, api_portN, haproxy_primary, haproxy_replica and
# synchronous (Patroni's synchronous_mode: true or false).
load_ports() {
    [ -f "$dir/ports" ] || fail "no cluster in $dir (no $dir/ports)"
    # shellcheck source=/dev/null
    . "$dir/ports"
}

pg_port_of() { local v="pg_port$1"; echo "${!v}"; }
api_port_of() { local v="api_port$1"; echo "${!v}"; }

url_of() {
    local port=$1
    echo "postgres://dict:$(cat "$dir/password")@127.0.0.1:$port/dict"
}

print_urls() {
    echo "primary $(url_of "$haproxy_primary")"
    echo "replica $(url_of "$haproxy_replica")"
}

# Runs SQL as the superuser on PORT (a node's or haproxy's); one connection attempt of at most a second.
psql_super() {
    local port=$1
    shift
    PGPASSWORD=$(cat "$dir/postgres-password") PGCONNECT_TIMEOUT=1 \
        timeout 10 psql -X -q -tA -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}

patronictl_() { as_owner timeout 30 patronictl -c "$dir/patroni1.yml" "$@"; }

# "NAME ROLE STATE" per member, from Patroni's view of the cluster in etcd.
members() {
    patronictl_ list -f json 2>/dev/null | python3 -c '
import json, signal, sys
signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # a reader that stops early (grep -q) is no error
for m in json.load(sys.stdin):
    print(m["Member"], m["Role"].replace(" ", "_"), m["State"])'
}

leader() { members | awk '$2 == "Leader" && $3 == "running" { print $1 }'; }

# Polls CHECK (a command) every 0.2 s for up to SECONDS; on timeout fails with MESSAGE and the named logs' tails. A
# daemon that exited fails it at once, with its own log.
wait_for() {
    local seconds=$1 check=$2 message=$3
    shift 3
    local deadline=$((SECONDS + seconds)) pidfile name
    until $check; do
        for pidfile in "$dir"/*.pid; do
            name=$(basename "$pidfile" .pid)
            [ ! -s "$pidfile" ] || alive "$name" || fail "$name exited while waiting: $message" "$name.log"
        done
        [ $SECONDS -lt $deadline ] || fail "$message (waited ${seconds} s)" "$@"
        sleep 0.2
    done
}

etcd_endpoints() {
    local n list=()
    for n in "${nodes[@]}"; do local v="etcd_client$n"; list+=("127.0.0.1:${!v}"); done
    (IFS=,; echo "${list[*]}")
}

etcd_healthy() {
    ETCDCTL_API=3 etcdctl --endpoints="$(etcd_endpoints)" --dial-timeout=1s endpoint health >/dev/null 2>&1
}

start_etcd() {
    local n initial=()
    for n in "${nodes[@]}"; do local v="etcd_peer$n"; initial+=("etcd$n=http://127.0.0.1:${!v}"); done
    for n in "${nodes[@]}"; do
        local client="etcd_client$n" peer="etcd_peer$n"
        start_daemon "etcd$n" etcd --name "etcd$n" --data-dir "$dir/etcd$n" --logger zap --log-outputs stderr \
            --listen-client-urls "http://127.0.0.1:${!client}" --advertise-client-urls "http://127.0.0.1:${!client}" \
            --listen-peer-urls "http://127.0.0.1:${!peer}" --initial-advertise-peer-urls "http://127.0.0.1:${!peer}" \
            --initial-cluster "$(IFS=,; echo "${initial[*]}")" --initial-cluster-state new \
            --initial-cluster-token "dict-$cluster_name"
    done
    wait_for 60 etcd_healthy "etcd did not become healthy" etcd1.log etcd2.log etcd3.log
}

# Patroni's configuration of node N. The timing (bootstrap.dcs, stored in etcd and shared by all nodes) bounds the
# failover window on loopback; docs/scale-out.md explains each value.
write_patroni_config() {
    local n=$1 bin=$2 synchronous=$3
    local file="$dir/patroni$n.yml"
    as_owner touch "$file"
    chmod 600 "$file"
    cat >"$file" <<EOF
scope: dict-$cluster_name
namespace: /dict/
name: pg$n
log:
  level: INFO
restapi:
  listen: 127.0.0.1:$(api_port_of "$n")
  connect_address: 127.0.0.1:$(api_port_of "$n")
etcd3:
  hosts: $(etcd_endpoints)
watchdog:
  mode: off
bootstrap:
  dcs:
    # The leader key lives 10 s without a renewal: a dead primary Patroni is replaced within about that. Patroni
    # wants loop_wait + 2 × retry_timeout ≤ ttl (1 + 8 ≤ 10). A 1 s loop notices a crashed postmaster within one or
    # two loops: 12 kill -9 failovers took 1.9–3.5 s with it, 11 took 2.3–4.3 s with a 2 s loop.
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    # A crashed primary is failed over at once rather than restarted in place (Patroni's default waits 300 s); the
    # replica promoted is at most maximum_lag_on_failover bytes behind (with synchronous_mode off, the transactions
    # it had not received are lost).
    primary_start_timeout: 0
    maximum_lag_on_failover: 1048576
    synchronous_mode: $synchronous
    postgresql:
      use_pg_rewind: true
      remove_data_directory_on_rewind_failure: true
      remove_data_directory_on_diverged_timelines: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        password_encryption: scram-sha-256
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
postgresql:
  listen: 127.0.0.1:$(pg_port_of "$n")
  connect_address: 127.0.0.1:$(pg_port_of "$n")
  data_dir: $dir/pg$n
  bin_dir: $bin
  pgpass: $dir/pgpass$n
  authentication:
    superuser:
      username: postgres
      password: $(cat "$dir/postgres-password")
    replication:
      username: replicator
      password: $(cat "$dir/replication-password")
  pg_hba:
    - local all postgres scram-sha-256
    - host all postgres 127.0.0.1/32 scram-sha-256
    - host all dict 127.0.0.1/32 scram-sha-256
    - host replication replicator 127.0.0.1/32 scram-sha-256
  parameters:
    unix_socket_directories: '$dir'
    logging_collector: 'on'
    log_directory: '$dir'
    log_filename: 'postgres$n.log'
    log_file_mode: '0600'
    log_rotation_age: 0
    log_rotation_size: 0
EOF
}

write_haproxy_config() {
    local n
    {
        cat <<EOF
global
    maxconn 1000
defaults
    mode tcp
    timeout connect 2s
    timeout client 1h
    timeout server 1h
    timeout check 1s
    # Checks every 500 ms: a node is out after two failures and in after one success. Sessions to a node that goes
    # down are cut, so no client keeps writing to a demoted primary.
    default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions
listen primary
    bind 127.0.0.1:$haproxy_primary
    # A refused connection (the primary just died) is reported to the client at once: a retry would wait haproxy's
    # 1 s turn-around on the same dead server, holding the client's connect.
    retries 0
    option httpchk
    http-check send meth OPTIONS uri /primary
    http-check expect status 200
EOF
        for n in "${nodes[@]}"; do
            echo "    server pg$n 127.0.0.1:$(pg_port_of "$n") check port $(api_port_of "$n")"
        done
        cat <<EOF
listen replica
    bind 127.0.0.1:$haproxy_replica
    balance roundrobin
    # A refused connection is tried once more, on another replica.
    retries 1
    option redispatch 1
    option httpchk
    http-check send meth OPTIONS uri /replica
    http-check expect status 200
EOF
        for n in "${nodes[@]}"; do
            echo "    server pg$n 127.0.0.1:$(pg_port_of "$n") check port $(api_port_of "$n")"
        done
    } >"$dir/haproxy.cfg"
}

# A leader and two replicas whose WAL receivers stream from it.
replicated() {
    local name
    name=$(leader)
    [ -n "$name" ] || return 1
    [ "$(psql_super "$(pg_port_of "${name#pg}")" -c \
        "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'" 2>/dev/null)" = 2 ]
}

# In synchronous mode Patroni promotes only the synchronous standby, so until it has named one a crashed primary is
# restarted in place rather than failed over.
failover_ready() {
    replicated && { [ "$synchronous" = false ] || members | grep -q " Sync_Standby "; }
}

routed() {
    [ "$(psql_super "$haproxy_primary" -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ] &&
        [ "$(psql_super "$haproxy_replica" -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = t ]
}

create_dict_database() {
    psql_super "$haproxy_primary" -v ON_ERROR_STOP=1 -v pw="$(cat "$dir/password")" >/dev/null <<'EOF'
CREATE ROLE dict LOGIN CREATEDB PASSWORD :'pw';
CREATE DATABASE dict OWNER dict;
EOF
}

# Stops haproxy, then the replicas' Patroni, then the leader's (so no replica promotes on the way), then etcd one
# member at a time (all at once, the last ones wait for a quorum that is gone: 9 s instead of 3 × 2 s); Patroni stops
# its PostgreSQL on SIGTERM. Whatever is still running after that is killed.
stop_all() {
    local first=() last=() n
    for n in "${nodes[@]}"; do
        if is_primary "$n"; then last+=("patroni$n"); else first+=("patroni$n"); fi
    done
    stop_daemons haproxy
    stop_daemons "${first[@]}"
    stop_daemons "${last[@]}"
    for n in "${nodes[@]}"; do stop_daemons "etcd$n"; done
    local pids
    pids=$(leftovers)
    if [ -n "$pids" ]; then
        say "killing leftover processes: $(echo "$pids" | tr '\n' ' ')"
        # shellcheck disable=SC2086
        kill -9 $pids 2>/dev/null || true
        sleep 0.5
    fi
}

# Whether node N's Patroni says it runs the primary; asked directly, not through etcd, which may be down.
is_primary() {
    [ -f "$dir/ports" ] || return 1
    local port
    port=$(load_ports && api_port_of "$1")
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 -X OPTIONS "http://127.0.0.1:$port/primary")" = 200 ]
}

# SIGTERM to each named daemon, then waits up to 30 s for all of them.
stop_daemons() {
    local name pid pids=()
    for name in "$@"; do
        pid=$(pid_of "$name")
        [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && pids+=("$pid")
    done
    local deadline=$((SECONDS + 30))
    for pid in "${pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
    done
}

# Refuses a DIR that holds a cluster, running or not: its data would be mixed with the new one's.
refuse_existing() {
    [ -e "$dir/ports" ] || [ -n "$(leftovers)" ] || return 0
    if [ -n "$(leftovers)" ]; then
        say "$dir holds a running cluster (scripts/cluster.sh status|down $dir)"
    else
        say "$dir holds a stopped cluster's files (scripts/cluster.sh down $dir removes them)"
    fi
    exit 1
}

up() {
    local synchronous=false
    [ "${DICT_CLUSTER_SYNCHRONOUS:-}" = 1 ] && synchronous=true
    install_packages
    refuse_existing
    local bin
    bin=$(bindir)
    if [ "$(id -u)" -eq 0 ] && ! id dict-postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin dict-postgres
    fi
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown dict-postgres "$dir"
    chmod 700 "$dir"
    as_owner test -w "$dir" || fail "the cluster's owner cannot write $dir (can it enter every parent folder?)"
    # From here a failure stops what was started and keeps DIR and its logs.
    trap 'say "up failed; logs kept in $dir (scripts/cluster.sh down $dir removes it)"; stop_all' EXIT

    local name
    for name in password postgres-password replication-password; do
        as_owner touch "$dir/$name"
        chmod 600 "$dir/$name"
        secret >"$dir/$name"
    done
    local ports n i=0
    read -r -a ports <<<"$(free_ports 14)"
    {
        echo "cluster_name=$(secret | cut -c1-8)"
        for n in "${nodes[@]}"; do
            echo "etcd_client$n=${ports[i]} etcd_peer$n=${ports[i + 1]} pg_port$n=${ports[i + 2]} api_port$n=${ports[i + 3]}"
            i=$((i + 4))
        done
        echo "haproxy_primary=${ports[12]} haproxy_replica=${ports[13]}"
        echo "synchronous=$synchronous"
    } >"$dir/ports"
    load_ports

    start_etcd
    for n in "${nodes[@]}"; do
        write_patroni_config "$n" "$bin" "$synchronous"
        start_daemon "patroni$n" patroni "$dir/patroni$n.yml"
    done
    wait_for 180 failover_ready "no leader with two streaming replicas (and a synchronous one if asked)" \
        patroni1.log patroni2.log patroni3.log postgres1.log postgres2.log postgres3.log
    write_haproxy_config
    start_daemon haproxy haproxy -db -f "$dir/haproxy.cfg"
    wait_for 30 routed "haproxy's ports do not reach a primary and a replica" haproxy.log
    create_dict_database || fail "could not create the dict role and database" haproxy.log
    trap - EXIT
    print_urls
}

status() {
    load_ports
    patronictl_ list || fail "patronictl list failed (is the cluster running?)" etcd1.log patroni1.log
    print_urls
}

now_us() { echo "${EPOCHREALTIME/./}"; }

seconds_since() { awk -v a="$1" -v b="$(now_us)" 'BEGIN { printf "%.2f", (b - a) / 1e6 }'; }

# One write through haproxy's primary port as `dict`, as the application writes; prints the answering node's port.
probe_write() {
    PGPASSWORD=$(cat "$dir/password") PGCONNECT_TIMEOUT=1 timeout 3 psql -X -q -tA -h 127.0.0.1 \
        -p "$haproxy_primary" -U dict -d dict -c \
        "CREATE TABLE IF NOT EXISTS failover_probe (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(),
             node_port int NOT NULL);
         INSERT INTO failover_probe (node_port) VALUES (inet_server_port());
         SELECT inet_server_port()" 2>/dev/null
}

node_of_port() {
    local n
    for n in "${nodes[@]}"; do
        if [ "$(pg_port_of "$n")" = "$1" ]; then echo "pg$n"; fi
    done
}

# Writes, 100 ms apart, until one lands on a node other than OLD (a switchover or a failover) or, when ANY is 1, on
# any node (a crashed primary restarted in place). Prints the window: from START (µs), or from the last write the old
# primary took after START, to the first write the new one took; and that node, also left in new_leader.
measure_writes() {
    local old=$1 start=$2 any=$3 port node attempts=0 deadline=$((SECONDS + 120))
    while [ $SECONDS -lt $deadline ]; do
        attempts=$((attempts + 1))
        if port=$(probe_write) && [ -n "$port" ]; then
            node=$(node_of_port "$port")
            if [ "$node" != "$old" ] || [ "$any" = 1 ]; then
                new_leader=$node
                echo "writes through the primary port resumed after $(seconds_since "$start") s on $node ($attempts probes)"
                return 0
            fi
            start=$(now_us)
        fi
        sleep 0.1
    done
    fail "no write through the primary port succeeded within 120 s" haproxy.log patroni1.log patroni2.log patroni3.log
}

# The old primary back as a replica streaming from the new one.
rejoined() {
    local name
    name=$(leader)
    [ -n "$name" ] && [ "$name" != "$old_leader" ] && replicated &&
        members | grep -qE "^$old_leader (Replica|Sync_Standby) "
}

wait_rejoined() {
    local start
    start=$(now_us)
    wait_for 180 rejoined "$old_leader did not rejoin as a streaming replica" \
        "patroni${old_leader#pg}.log" "postgres${old_leader#pg}.log"
    echo "$old_leader rejoined as a streaming replica $(seconds_since "$start") s later"
}

failover() {
    load_ports
    old_leader=$(leader)
    [ -n "$old_leader" ] || fail "no running leader" patroni1.log patroni2.log patroni3.log
    failover_ready || fail "the leader $old_leader has not two streaming replicas (or no synchronous standby yet); wait or see status"
    probe_write >/dev/null || fail "a write through the primary port failed before the failover" haproxy.log
    local pid start
    pid=$(head -1 "$dir/${old_leader}/postmaster.pid")
    start=$(now_us)
    kill -9 "$pid"
    echo "killed $old_leader's postmaster (pid $pid) with SIGKILL"
    measure_writes "$old_leader" "$start" 1
    if [ "$new_leader" = "$old_leader" ]; then
        echo "Patroni restarted $old_leader in place (no replica was eligible)"
    else
        echo "new leader: $new_leader"
        wait_rejoined
    fi
    patronictl_ list
}

switchover() {
    load_ports
    old_leader=$(leader)
    [ -n "$old_leader" ] || fail "no running leader" patroni1.log patroni2.log patroni3.log
    failover_ready || fail "the leader $old_leader has not two streaming replicas (or no synchronous standby yet); wait or see status"
    probe_write >/dev/null || fail "a write through the primary port failed before the switchover" haproxy.log
    local start
    start=$(now_us)
    # Patroni picks the healthiest replica as the candidate.
    patronictl_ switchover --leader "$old_leader" --force >>"$dir/switchover.log" 2>&1 &
    local switch=$!
    measure_writes "$old_leader" "$start" 0
    wait "$switch" || fail "patronictl switchover failed" switchover.log
    echo "new leader: $new_leader"
    wait_rejoined
    patronictl_ list
}

down() {
    if [ -d "$dir" ]; then
        stop_all
        [ -z "$(leftovers)" ] || fail "processes of $dir survive SIGKILL: $(leftovers | tr '\n' ' ')"
    fi
    rm -rf "$dir"
}

case "$action" in
up) up ;;
status) status ;;
urls) load_ports; print_urls ;;
failover) failover ;;
switchover) switchover ;;
down) down ;;
*) usage ;;
esac
