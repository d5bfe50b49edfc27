#!/usr/bin/env python3
"""Hand-made hostile clients against a running `dict serve` on loopback (run by scripts/hostile-check.sh).

Every case sends raw bytes over its own TCP connection and then waits a bounded time for an answer. A case passes
when the server answers with a status below 500 or closes the connection cleanly before the deadline; an answer of
500 or more counts as a 5xx, and neither an answer nor a close before the deadline counts as a hang.

Usage: hostile_cases.py --port PORT --header-timeout S --idle-timeout S [--flood N]
Prints one line per failing case, then `hostile cases: requests N, 5xx N, hangs N` on the last line.
"""
import argparse
import socket
import sys
import threading
import time

HOST = "127.0.0.1"


class Outcome:
    def __init__(self):
        self.requests = 0
        self.server_errors = 0
        self.hangs = 0
        self.problems = []

    def record(self, name, statuses, closed, hung):
        self.requests += max(1, len(statuses))
        bad = [s for s in statuses if s >= 500]
        self.server_errors += len(bad)
        if bad:
            self.problems.append(f"{name}: 5xx {bad}")
        if hung:
            self.hangs += 1
            self.problems.append(f"{name}: no answer and no close before the deadline")


def connect(timeout):
    sock = socket.create_connection((HOST, ARGS.port), timeout=timeout)
    sock.settimeout(timeout)
    return sock


def statuses_in(data):
    """Status codes of every response head in `data` (pipelined responses included)."""
    found = []
    for line in data.split(b"\r\n"):
        if line.startswith(b"HTTP/1.") and len(line) >= 12 and line[9:12].isdigit():
            found.append(int(line[9:12]))
    return found


def read_until(sock, deadline, want_responses=1, want_close=False):
    """Reads until `want_responses` heads arrived (and, with want_close, the peer closed) or the deadline passed.
    Returns (data, closed, timed_out)."""
    data = b""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return data, False, True
        sock.settimeout(remaining)
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return data, False, True
        except (ConnectionResetError, BrokenPipeError):
            return data, True, False
        if not chunk:
            return data, True, False
        data += chunk
        if not want_close and len(statuses_in(data)) >= want_responses:
            # Give the body a moment to arrive, then stop: the connection may legitimately stay open.
            return data, False, False


def send_case(outcome, name, payload, wait, responses=1, expect_close=False, pieces=None):
    """Sends `payload` (or `pieces`: (bytes, delay) pairs), then waits up to `wait` seconds."""
    try:
        sock = connect(wait)
    except OSError as error:
        outcome.record(name, [], False, True)
        outcome.problems.append(f"{name}: connect failed: {error}")
        return
    try:
        try:
            if pieces:
                for chunk, delay in pieces:
                    sock.sendall(chunk)
                    time.sleep(delay)
            else:
                sock.sendall(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may refuse mid-send; what it answered still counts
        deadline = time.monotonic() + wait
        data, closed, timed_out = read_until(sock, deadline, responses, expect_close)
        statuses = statuses_in(data)
        answered = len(statuses) >= responses or closed
        hung = timed_out and not answered
        if expect_close and not closed:
            hung = True
        outcome.record(name, statuses, closed, hung)
    finally:
        sock.close()


def get(path, extra=""):
    return f"GET {path} HTTP/1.1\r\nHost: x\r\n{extra}\r\n".encode()


def post(path, body, content_type="application/json", extra=""):
    if isinstance(body, str):
        body = body.encode()
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
    return head.encode() + body


def chunked(path, body, size_line=None):
    size = size_line if size_line is not None else f"{len(body):x}"
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    return head.encode() + f"{size}\r\n".encode() + body + b"\r\n0\r\n\r\n"


def framing_cases(outcome, quick):
    big_terms = b'{"terms":[' + b",".join(b'"term%d"' % i for i in range(40000)) + b"]}"
    cases = [
        ("chunked body over the limit", chunked("/api/v1/batch/query", big_terms)),
        ("malformed chunk-size line", chunked("/api/v1/batch/query", b"{}", size_line="ZZ;")),
        ("chunk size overflow", chunked("/api/v1/batch/query", b"{}", size_line="FFFFFFFFFFFFFFFFFF")),
        ("Content-Length and chunked together",
         b"POST /api/v1/batch/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 4\r\n"
         b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"),
        ("negative Content-Length", b"POST /api/v1/batch/query HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"),
        ("non-numeric Content-Length", b"POST /api/v1/batch/query HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n"),
        ("two different Content-Lengths",
         b"POST /api/v1/batch/query HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"),
        ("declared 10 MB body", b"POST /api/v1/batch/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10485760\r\n\r\n"),
        ("Expect 100-continue over the limit",
         b"POST /api/v1/batch/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: 10485760\r\n\r\n"),
        ("garbage request line", b"GARBAGE\r\n\r\n"),
        ("NUL in the request line", b"GET /li\x00vez HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("HTTP/0.9 style request", b"GET /livez\r\n\r\n"),
        ("HTTP/2 preface on HTTP/1", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
        ("unknown HTTP version", b"GET /livez HTTP/9.9\r\nHost: x\r\n\r\n"),
        ("header without colon", b"GET /livez HTTP/1.1\r\nHost: x\r\nBroken header\r\n\r\n"),
        ("100 KB header", get("/livez", "X-Big: " + "a" * 100_000 + "\r\n")),
        ("2,000 headers", get("/livez", "".join(f"X-H{i}: v\r\n" for i in range(2000)))),
        ("obsolete header folding", b"GET /livez HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n  b\r\n\r\n"),
        ("bare LF line endings", b"GET /livez HTTP/1.1\nHost: x\n\n"),
        ("unknown method on a known path", b"FOO /livez HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("TRACE", b"TRACE /api/v1/search HTTP/1.1\r\nHost: x\r\n\r\n"),
        ("DELETE on a GET route", b"DELETE /api/v1/search?q=a HTTP/1.1\r\nHost: x\r\n\r\n"),
    ]
    for name, payload in cases:
        send_case(outcome, name, payload, wait=ARGS.idle_timeout + 5)
    pipelined = get("/livez") + get("/api/v1/search?q=allegro") + get("/api/v1/terms/allegro")
    send_case(outcome, "three pipelined requests", pipelined, wait=10, responses=3)
    for name, payload in [
        ("websocket upgrade", get("/livez", "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n")),
        ("h2c upgrade", get("/api/v1/search?q=a", "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n")),
        ("CONNECT tunnel", b"CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"),
    ]:
        send_case(outcome, name, payload, wait=5, expect_close=True)


def slow_client_cases(outcome, flood):
    header, idle = ARGS.header_timeout, ARGS.idle_timeout
    send_case(outcome, "half-sent head", b"GET /livez HTTP/1.1\r\nHost: x\r\nX-Slow: ", wait=header + 5, expect_close=True)
    send_case(outcome, "silent connection", b"", wait=header + 5, expect_close=True)
    send_case(outcome, "head trickled byte by byte", None, wait=header + 5, expect_close=True,
              pieces=[(bytes([b]), 0.4) for b in b"GET /livez HTTP/1.1\r\nHost: x\r\nX-Trickle: yes"][:int(header / 0.4) + 3])
    send_case(outcome, "body stalls after 5 of 100 bytes",
              b"POST /api/v1/batch/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"ter",
              wait=idle + 5)
    # One byte every half idle timeout keeps the idle clock from firing; only the body deadline ends it (408). The
    # short wait after the last byte (less than the idle timeout) makes a close by the idle clock count as a hang.
    body = ARGS.body_timeout
    send_case(outcome, "body trickled inside the idle timeout", None, wait=min(1, idle / 4), expect_close=True,
              pieces=[(b"POST /api/v1/batch/query HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                       b"Content-Length: 100\r\n\r\n", 0.1)]
              + [(b" ", idle / 2)] * (int(body / (idle / 2)) + 1))
    # A flood of stalled connections is held while a normal client must still be answered promptly.
    stalled = []
    for index in range(flood):
        try:
            sock = connect(header + 10)
            sock.sendall(f"GET /api/v1/terms/allegro HTTP/1.1\r\nHost: x\r\nX-Flood: {index}".encode())
            stalled.append(sock)
        except OSError:
            break
    started = time.monotonic()
    sock = connect(10)
    sock.sendall(get("/api/v1/terms/allegro"))
    data, _, _ = read_until(sock, started + 10)
    sock.close()
    elapsed = time.monotonic() - started
    statuses = statuses_in(data)
    outcome.record(f"normal request during a flood of {len(stalled)}", statuses, False, not statuses)
    if statuses and elapsed >= 2:
        outcome.problems.append(f"normal request during the flood took {elapsed:.1f} s (expected under 2 s)")
        outcome.hangs += 1
    deadline = time.monotonic() + header + 5
    still_open = 0
    for sock in stalled:
        _, closed, _ = read_until(sock, deadline, want_close=True)
        if not closed:
            still_open += 1
        sock.close()
    outcome.requests += len(stalled)
    if still_open:
        outcome.hangs += still_open
        outcome.problems.append(f"{still_open} of {len(stalled)} stalled connections still open after the header timeout")


def burst_cases(outcome, clients=64, rounds=4):
    """Many clients at once on the routes that read the database. A burst of /health requests once deadlocked the
    server: every cooperative thread waited for a pooled reader held by a task that could not resume."""
    paths = ["/health", "/readyz", "/metrics", "/api/v1/terms/crescendo", "/api/v1/search/suggestions?q=cre",
             "/api/v1/search?q=getting%20louder"]
    lock = threading.Lock()

    def client(index):
        for round_index in range(rounds):
            path = paths[(index + round_index) % len(paths)]
            local = Outcome()
            send_case(local, f"burst {path}", get(path, "Connection: close\r\n"), wait=30)
            with lock:
                outcome.requests += local.requests
                outcome.server_errors += local.server_errors
                outcome.hangs += local.hangs
                outcome.problems.extend(local.problems)

    threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def path_cases(outcome):
    paths = [
        "//api/v1/search?q=allegro", "/api/v1/search/?q=allegro", "/api//v1//search?q=allegro", "/api/v1/./search?q=a",
        "/api/v1/%73earch?q=a", "/API/V1/SEARCH?q=a", "/api/v1/search;x=1?q=a", "/api/v1/terms/..%2f..%2fetc%2fpasswd",
        "/../../etc/passwd", "/api/v1/terms/%00", "/api/v1/terms/%", "/api/v1/terms/%C3%28", "/api/v1/terms/%F0%9F%8E%B9",
        "/api/v1/terms/" + "a" * 70_000, "/api/v1/search?" + "&".join(f"p{i}=v" for i in range(5_000)),
        "/api/v1/search?q=" + "a%CC%81" * 8000, "/api/v1/search?q=allegro&lang=", "/api/v1/search?q=allegro&limit=99999999999999999999",
        "/api/v1/terms/id/not-a-uuid", "/api/v1/export?format=csv&limit=0", "*", "http://x/api/v1/search?q=a",
        "/api/v1/search?q=%FF%FE", "/api/v1/search/suggestions?q=%22%27%3B--",
    ]
    for path in paths:
        send_case(outcome, f"GET {path[:60]}", f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode(), wait=10)


def body_cases(outcome):
    bodies = [
        ("invalid JSON", "{terms:"), ("JSON array", "[1,2,3]"), ("empty body", ""), ("null", "null"),
        ("duplicate keys", '{"terms":["a"],"terms":["b"]}'), ("NUL in a string", '{"terms":["a\\u0000b"]}'),
        ("deep nesting", "[" * 100_000), ("huge number", '{"terms":["a"],"lang":1e99999}'),
        ("lone surrogate", '{"terms":["\\ud800"]}'), ("wrong types", '{"terms":"allegro"}'),
        ("51 terms", '{"terms":[' + ",".join('"t%d"' % i for i in range(51)) + "]}"),
        ("combining-mark term", '{"terms":["a' + "\u0301" * 8000 + '"]}'),
        ("invalid UTF-8", b'{"terms":["\xc3\x28"]}'),
    ]
    for name, body in bodies:
        send_case(outcome, f"batch body: {name}", post("/api/v1/batch/query", body), wait=10)
    send_case(outcome, "semantic body: text/plain", post("/api/v1/search/semantic", '{"query":"abc"}', content_type="text/plain"), wait=10)
    send_case(outcome, "semantic body: threshold NaN", post("/api/v1/search/semantic", '{"query":"abcd","threshold":NaN}'), wait=10)
    send_case(outcome, "feedback body: bad rating",
              post("/api/v1/terms/00000000-0000-0000-0000-000000000000/feedback", '{"rating":99}'), wait=10)


def main():
    outcome = Outcome()
    framing_cases(outcome, ARGS.flood < 100)
    path_cases(outcome)
    body_cases(outcome)
    slow_client_cases(outcome, ARGS.flood)
    burst_cases(outcome)
    # The server must still answer after all of it.
    send_case(outcome, "liveness after the hostile cases", get("/livez"), wait=5)
    for problem in outcome.problems:
        print(f"  {problem}")
    print(f"hostile cases: requests {outcome.requests}, 5xx {outcome.server_errors}, hangs {outcome.hangs}")
    return 0 if outcome.server_errors == 0 and outcome.hangs == 0 else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--header-timeout", type=float, default=10)
    parser.add_argument("--idle-timeout", type=float, default=60)
    parser.add_argument("--body-timeout", type=float, default=30)
    parser.add_argument("--flood", type=int, default=300)
    ARGS = parser.parse_args()
    sys.exit(main())
