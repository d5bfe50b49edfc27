#!/usr/bin/env python3
"""The failover check of issue 17 (stdlib only; run by scripts/cluster-check.sh, which documents it).

On the cluster of scripts/cluster.sh (three PostgreSQL nodes under Patroni, etcd, haproxy): migrate and load the
glossary through the primary port, embed it, queue seed terms, start two `dict serve` replicas (writes to haproxy's
primary port, reads from its replica port) and a `dict queue run --watch` worker against a stub generator, run a
bounded search load against both replicas, kill -9 the primary's postmaster mid-way, and afterwards check what the
issue asks: every seed item completed exactly once (or dead-lettered), the token ledger within its budget, every
imported row present, each replica's vector index answering as a fresh load does, and how long searches and writes
failed. Prints one line per check and a summary; exits 1 when a check fails.
"""
import atexit
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TERMS = [f"failover term {n}" for n in range(12)]
QUERIES = ["getting louder little by little", "a slow tempo", "the speed of the beat", "played smoothly and connected"]
REPLY = json.dumps({
    "type": "general",
    "definition": {
        "concise": "A term written by the failover check's stub generator for its exactly-once count.",
        "detailed": "The stub generator answers every request with this entry so the check can count stored entries, "
                    "queue items and tokens across a failover of the primary. It is long enough to score well.",
        "etymology": "Made up for the test.", "pronunciation": {"ipa": "x"},
        "usage_example": "The check stored this entry once."},
    "related_terms": ["test"]})


# Every process this check starts; whatever still runs when it ends (a failed step, an exception) is stopped.
CHILDREN = []


@atexit.register
def stop_children():
    for child in CHILDREN:
        if child.poll() is None:
            child.kill()
            child.wait()


class Stub(BaseHTTPRequestHandler):
    """An OpenAI-compatible chat endpoint: one complete entry, 100 + 200 tokens, after 300 ms (so work spans the kill)."""
    calls = 0
    lock = threading.Lock()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with Stub.lock:
            Stub.calls += 1
        time.sleep(0.3)
        body = json.dumps({"choices": [{"index": 0, "message": {"role": "assistant", "content": REPLY}}],
                           "usage": {"prompt_tokens": 100, "completion_tokens": 200, "total_tokens": 300}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def run(binary, args, env=None, check=True):
    result = subprocess.run([binary] + args, capture_output=True, text=True, env={**os.environ, **(env or {})})
    if check and result.returncode != 0:
        sys.exit(f"dict {' '.join(args[:3])} failed ({result.returncode}): {result.stderr.strip()[-600:]}")
    return result


def psql(url, sql):
    out = subprocess.run(["psql", url, "-AtX", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    return out.stdout.strip()


def start_server(binary, primary, replica, log):
    reads = ["--read-database", replica] if replica else []
    process = subprocess.Popen(
        [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--rate-limit", "0", "--database", primary] + reads,
        stdout=subprocess.PIPE, stderr=open(log, "w"), text=True)
    CHILDREN.append(process)
    line = process.stdout.readline()
    match = re.search(r"http://\S+", line)
    if not match:
        sys.exit(f"dict serve did not start: {line} (see {log})")
    return process, match.group(0)


def search(base, query, mode, timeout=5):
    url = f"{base}/api/v1/search?" + urllib.parse.urlencode({"q": query, "mode": mode, "limit": 10})
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return [r["term"] for r in json.load(response)["data"]["results"]]


class Load(threading.Thread):
    """Searches one replica in a loop until stopped, recording (time, ok) per request."""

    def __init__(self, base):
        super().__init__(daemon=True)
        self.base, self.stop, self.log = base, threading.Event(), []

    def run(self):
        n = 0
        while not self.stop.is_set():
            query = QUERIES[n % len(QUERIES)]
            mode = ["exact", "lexical", "hybrid", "semantic"][n % 4]
            started = time.monotonic()
            try:
                search(self.base, query if mode != "exact" else "allegro", mode)
                ok = True
            except Exception:
                ok = False
            self.log.append((started, ok))
            n += 1
            time.sleep(0.02)

    def worst_gap(self):
        """The longest time between two successful requests with failures between them, in seconds."""
        worst, last_ok, failed_since = 0.0, None, False
        for started, ok in self.log:
            if ok:
                if failed_since and last_ok is not None:
                    worst = max(worst, started - last_ok)
                last_ok, failed_since = started, False
            else:
                failed_since = True
        return worst


def measure_lag(binary, primary, bases, cluster, probes=20):
    """Seconds from a committed entry-and-vector write on the primary to a replica's semantic search for the text
    answering with it among the first three, polled every 10 ms, for `probes` writes alternating between the replicas."""
    things = ["kettle", "lighthouse", "glacier", "typewriter", "cactus", "submarine", "violin case", "windmill",
              "hedgehog", "volcano", "umbrella", "telescope", "canoe", "pumpkin", "anchor", "chandelier", "bicycle",
              "beehive", "compass", "scarecrow"]
    places = ["harbour", "desert", "attic", "orchard", "cathedral", "swamp", "library", "bakery", "tundra", "circus",
              "canyon", "laundry", "greenhouse", "subway", "vineyard", "observatory", "quarry", "lagoon", "garage", "prairie"]
    texts = [f"a {things[n % 20]} forgotten in the {places[(7 * n) % 20]}" for n in range(probes)]
    source = os.path.join(cluster, "probes.jsonl")
    with open(source, "w") as f:
        for n, text in enumerate(texts):
            f.write(json.dumps({"id": str(n), "text": text}) + "\n")
    target = os.path.join(cluster, "probe-vectors.jsonl")
    run(binary, ["embed-text", "--input", source, "--output", target])
    with open(target) as f:
        vectors = [json.loads(line)["embedding"] for line in f]
    lags = []
    for n, (text, vector) in enumerate(zip(texts, vectors)):
        blob = b"".join(__import__("struct").pack("<f", x) for x in vector).hex()
        entry = f"lagprobe-{n}"
        started = time.monotonic()
        psql(primary, f"""
            BEGIN;
            INSERT INTO dictionary.dictionary_entries (id, term, normalized_term, folded_term, type)
                VALUES ('{entry}', '{entry}', '{entry}', '{entry}', 'general');
            INSERT INTO dictionary.term_embeddings (entry_id, model, dimension, embedding)
                VALUES ('{entry}', 'all-MiniLM-L6-v2', {len(vector)}, decode('{blob}', 'hex'));
            COMMIT;""")
        base = bases[n % len(bases)]
        while time.monotonic() - started < 30:
            try:
                if entry in search(base, text, "semantic")[:3]:
                    break
            except Exception:
                pass
            time.sleep(0.01)
        lags.append(time.monotonic() - started)
    return lags


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: cluster_check.py DICT_BINARY CLUSTER_DIR")
    binary, cluster = sys.argv[1], sys.argv[2]
    urls = dict(line.split(" ", 1) for line in subprocess.check_output(
        ["bash", os.path.join(ROOT, "scripts/cluster.sh"), "urls", cluster], text=True).split("\n") if line.strip())
    primary, replica = urls["primary"].strip(), urls["replica"].strip()
    failures = []

    def check(name, ok, detail):
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}")
        if not ok:
            failures.append(name)

    os.environ.setdefault("DICT_MODEL_DIR", os.path.join(ROOT, "models/all-MiniLM-L6-v2"))
    run(binary, ["migrate", "--service", "all", "--database", primary])
    run(binary, ["import", "glossary", "--database", primary])
    run(binary, ["embed", "--database", primary])
    entries_before = int(psql(primary, "SELECT count(*) FROM dictionary.dictionary_entries"))
    terms_file = os.path.join(cluster, "terms.txt")
    with open(terms_file, "w") as f:
        f.write("\n".join(TERMS) + "\n")
    run(binary, ["queue", "import", terms_file, "--lang", "en", "--database", primary])

    # A budget with room for every term's worst case, so the ledger check is about the failover, not the limit.
    config = os.path.join(cluster, "queue.json")
    with open(config, "w") as f:
        json.dump({"budget": {"models": {"stub-model": 20000}}}, f)
    stub = ThreadingHTTPServer(("127.0.0.1", 0), Stub)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    servers = [start_server(binary, primary, replica, os.path.join(cluster, f"serve{i}.log")) for i in range(2)]
    worker = subprocess.Popen(
        [binary, "queue", "run", "--watch", "--database", primary, "--config", config, "--poll-seconds", "0.5",
         "--lease-seconds", "15", "--batch-size", "1"],
        env={**os.environ, "DICT_GENERATOR_URL": f"http://127.0.0.1:{stub.server_port}/v1", "DICT_GENERATOR_MODEL": "stub-model"},
        stdout=open(os.path.join(cluster, "worker.log"), "w"), stderr=subprocess.STDOUT)
    CHILDREN.append(worker)
    loads = [Load(base) for _, base in servers]
    for load in loads:
        load.start()
    time.sleep(2)
    killed = subprocess.run(["bash", os.path.join(ROOT, "scripts/cluster.sh"), "failover", cluster], capture_output=True, text=True)
    print(killed.stdout.strip())
    check("failover", killed.returncode == 0, killed.stderr.strip()[-300:] or "a standby took over")
    time.sleep(15)
    for load in loads:
        load.stop.set()
        load.join()

    deadline = time.monotonic() + 180
    status = {}
    while time.monotonic() < deadline:
        out = run(binary, ["queue", "status", "--json", "--database", primary], check=False)
        if out.returncode == 0:
            status = json.loads(out.stdout)["seed"]
            if status["pending"] == 0 and status["processing"] == 0:
                break
        time.sleep(1)
    worker.send_signal(signal.SIGTERM)
    worker.wait(timeout=30)

    completed = int(psql(primary, "SELECT count(*) FROM dictionary.seed_queue WHERE status = 'completed'"))
    dead = int(psql(primary, "SELECT count(*) FROM dictionary.dead_letter_queue WHERE queue_name = 'seed'"))
    stored = psql(primary, "SELECT count(*), count(DISTINCT normalized_term) FROM dictionary.dictionary_entries "
                           "WHERE normalized_term LIKE 'failover term %'")
    check("queue", completed + dead == len(TERMS) and completed == int(stored.split("|")[0]),
          f"{completed} completed + {dead} dead-lettered of {len(TERMS)}; entries stored (all, distinct): {stored.replace('|', ', ')}; "
          f"generator calls {Stub.calls}")
    budget = json.loads(run(binary, ["queue", "budget", "--json", "--config", config, "--database", primary]).stdout)
    today = next((m for m in budget.get("today", []) if m.get("model") == "stub-model"), {})
    check("budget", today.get("used", 0) <= today.get("limit", 0) and today.get("reserved", 0) == 0,
          f"used {today.get('used')} of {today.get('limit')}, reserved {today.get('reserved')}")
    entries_after = int(psql(primary, "SELECT count(*) FROM dictionary.dictionary_entries WHERE normalized_term NOT LIKE 'failover term %'"))
    check("imported rows", entries_after == entries_before, f"{entries_after} of {entries_before} glossary entries")

    # The new entries' vectors, written through the new primary, must reach both replicas' indexes.
    # ... compared with a server that loads the index afresh from the new primary now.
    run(binary, ["embed", "--database", primary])
    reference, reference_base = start_server(binary, primary, None, os.path.join(cluster, "serve-fresh.log"))
    fresh = {q: search(reference_base, q, "semantic") for q in QUERIES + TERMS[:2]}
    reference.send_signal(signal.SIGTERM)
    reference.wait(timeout=30)
    for i, (_, base) in enumerate(servers):
        # The replica follows within about a second of its standby's replay; give it ten.
        deadline = time.monotonic() + 10
        while True:
            answers = {q: search(base, q, "semantic") for q in fresh}
            differing = [q for q in fresh if answers[q] != fresh[q]]
            if not differing or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        detail = "; ".join(f"{q!r}: replica {answers[q][:5]} fresh {fresh[q][:5]}" for q in differing)
        check(f"replica {i + 1} index", not differing,
              f"{len(fresh) - len(differing)} of {len(fresh)} semantic answers equal a fresh load's" + (f" ({detail})" if detail else ""))
    lags = measure_lag(binary, primary, [base for _, base in servers], cluster)
    lags.sort()
    print(f"     replication lag, commit on the primary to a replica's search finding the vector: "
          f"p50 {lags[len(lags) // 2]:.3f} s, p99 {lags[min(len(lags) - 1, int(len(lags) * 0.99))]:.3f} s, "
          f"max {lags[-1]:.3f} s over {len(lags)} writes")
    for i, load in enumerate(loads):
        failed = sum(1 for _, ok in load.log if not ok)
        print(f"     replica {i + 1} searches: {len(load.log)} requests, {failed} failed, longest gap {load.worst_gap():.2f} s")
    for process, _ in servers:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    stub.shutdown()
    print(f"{'all checks passed' if not failures else 'FAILED: ' + ', '.join(failures)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
