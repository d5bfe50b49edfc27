#!/usr/bin/env python3
"""Drives the search page of a running `dict serve` in headless Chromium over the DevTools protocol.

Standard library only: a minimal WebSocket client (RFC 6455, text frames) speaks CDP to the page target. It types a
query, waits for results and checks the DOM: suggestions appear while typing, "gradually getting louder" finds
crescendo, a type chip filters the results, the entry view opens with its related terms, the analytics view draws
its SVG charts, the page raised no script error and no Content-Security-Policy violation, and the no-JavaScript form
(`/?q=`) renders results on the server. Saves screenshots into --out.

Usage: browser_check.py --base http://127.0.0.1:PORT --chromium PATH --out DIR
Prints one line per check and ends with `browser checks: N passed, N failed`; exit status 0 only when all pass.
"""
import argparse
import base64
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request


class WebSocket:
    """A client WebSocket over a plain TCP socket: masked text frames out, unmasked frames in."""

    def __init__(self, url, timeout=30):
        parts = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (f"GET {parts.path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\nUpgrade: websocket\r\n"
                   f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(request.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise ConnectionError("websocket handshake: connection closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError("websocket handshake refused: " + head.decode(errors="replace"))

    def send(self, text):
        payload = text.encode()
        header = bytes([0x81])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", len(payload))
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def _exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("websocket closed")
            data += chunk
        return data

    def receive(self):
        message = b""
        while True:
            first, second = self._exact(2)
            opcode, length = first & 0x0F, second & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._exact(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._exact(8))[0]
            payload = self._exact(length)
            if opcode == 0x8:
                raise ConnectionError("websocket closed by the browser")
            if opcode == 0x9:  # ping: answer with a masked pong
                self.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + b"\0\0\0\0" + payload)
                continue
            message += payload
            if first & 0x80:
                return message.decode()


class Page:
    """CDP commands to one page target; events are kept for the console and CSP checks."""

    def __init__(self, ws_url):
        self.ws = WebSocket(ws_url)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.receive())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def js(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed: {expression[:80]}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def wait(self, expression, timeout=15):
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.1)
        return None

    def navigate(self, url):
        self.call("Page.navigate", url=url)
        return self.wait("document.readyState === 'complete' && document.body && document.body.dataset.ready === 'true'")

    def type_text(self, text):
        for character in text:
            self.call("Input.dispatchKeyEvent", type="keyDown", text=character, key=character, unmodifiedText=character)
            self.call("Input.dispatchKeyEvent", type="keyUp", key=character)

    def press_enter(self):
        self.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", windowsVirtualKeyCode=13, text="\r")
        self.call("Input.dispatchKeyEvent", type="keyUp", key="Enter", code="Enter", windowsVirtualKeyCode=13)

    def click(self, selector):
        box = self.js(f"""(() => {{ const el = document.querySelector({json.dumps(selector)}); if (!el) return null;
            el.scrollIntoView({{block: 'center'}}); const r = el.getBoundingClientRect();
            return [r.left + r.width / 2, r.top + r.height / 2]; }})()""")
        if not box:
            raise RuntimeError(f"nothing to click at {selector}")
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left", clickCount=1)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))


def start_chromium(binary, profile):
    arguments = [binary, "--headless=new", "--remote-debugging-port=0", f"--user-data-dir={profile}",
                 "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                 "--window-size=1100,900", "about:blank"]
    if os.geteuid() == 0:
        arguments.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=open(os.path.join(profile, "..", "chromium.log"), "w"))
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + 30
    while time.time() < deadline:
        if os.path.exists(port_file):
            lines = open(port_file).read().split()
            if lines:
                return process, int(lines[0])
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with {process.returncode}")
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("chromium did not open its DevTools port in 30 s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    base = args.base.rstrip("/")
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail and not ok else ''}", flush=True)

    # No JavaScript: the form submits to / and the server renders the results.
    html = urllib.request.urlopen(base + "/?q=" + urllib.parse.quote("gradually getting louder"), timeout=30).read().decode()
    check("no-JS form: /?q= renders crescendo on the server", 'class="term"' in html and ">crescendo</a>" in html)

    profile = tempfile.mkdtemp(prefix="profile-", dir=args.out)
    process, port = start_chromium(args.chromium, profile)
    try:
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
        target = next(t for t in targets if t.get("type") == "page")
        page = Page(target["webSocketDebuggerUrl"])
        for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
            page.call(domain)
        page.call("Page.addScriptToEvaluateOnNewDocument", source=(
            "window.__violations = []; document.addEventListener('securitypolicyviolation',"
            " (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"))

        check("page loads and its script runs", page.navigate(base + "/"))

        page.js("document.getElementById('q').focus()")
        page.type_text("cresc")
        suggestion = page.wait("Array.from(document.querySelectorAll('#suggestions li')).map(li => li.dataset.term).join(',')")
        check("suggestions as you type (cresc)", suggestion and "crescendo" in suggestion.split(","), suggestion)

        page.js("document.getElementById('q').value = ''")
        page.type_text("gradually getting louder")
        page.press_enter()
        terms = page.wait("""(() => { const s = document.getElementById('status').textContent;
            if (!/result/.test(s)) return null;
            return Array.from(document.querySelectorAll('#results li.result .term')).map(a => a.textContent); })()""")
        check("'gradually getting louder' finds crescendo first", bool(terms) and terms[0] == "crescendo", terms)
        mode = page.js("document.getElementById('status').textContent")
        check("the page searches in hybrid mode", "(hybrid)" in (mode or ""), mode)
        check("the URL carries the query", "q=gradually" in page.js("location.search"), page.js("location.search"))
        bars = page.js("document.querySelectorAll('#results .explain .fill').length")
        features = page.js("Array.from(document.querySelectorAll('#results .explain')).map(e => e.dataset.features)")
        print(f"     explain bars drawn: {bars} (per-hit features: {features})", flush=True)

        # Chips: a broader query, then one type chip; every result must have that type and the chip is pressed.
        page.js("document.getElementById('q').value = ''")
        page.js("document.getElementById('q').focus()")
        page.type_text("slow")
        page.press_enter()
        before = page.wait("""(() => { const s = document.getElementById('status').textContent;
            const chips = document.querySelectorAll('#type-chips .chip');
            if (!/result/.test(s) || chips.length < 2) return null;
            return document.querySelectorAll('#results li.result').length; })()""")
        types_before = page.js("Array.from(new Set(Array.from(document.querySelectorAll('#results li.result')).map(li => li.dataset.type)))")
        chip = page.js("(() => { const c = Array.from(document.querySelectorAll('#type-chips .chip')).pop(); return c ? c.dataset.value : null; })()")
        check("'slow' gives results of several types and type chips", bool(before) and len(types_before or []) >= 2, types_before)
        check("language chips are drawn", page.js("document.querySelectorAll('#lang-chips .chip').length") >= 1)
        page.js("window.scrollTo(0, 0)")
        page.screenshot(os.path.join(args.out, "search-page.png"))
        if chip:
            page.click(f"#type-chips .chip[data-value='{chip}']")
            after = page.wait(f"""(() => {{ const chip = document.querySelector("#type-chips .chip[data-value='{chip}']");
                const items = Array.from(document.querySelectorAll('#results li.result'));
                if (!chip || chip.getAttribute('aria-pressed') !== 'true' || !items.length) return null;
                return items.every(li => li.dataset.type === '{chip}') ? items.length : null; }})()""")
            check(f"the '{chip}' chip filters the results", bool(after) and after < before, f"{before} -> {after}")

        # Entry view: back to crescendo, click it.
        page.js("document.getElementById('q').value = ''")
        page.js("document.getElementById('q').focus()")
        page.type_text("gradually getting louder")
        page.press_enter()
        page.wait("document.querySelector('#results li.result .term') && document.querySelector('#results li.result .term').textContent === 'crescendo'")
        page.click("#results li.result .term")
        entry = page.wait("""(() => { const e = document.getElementById('entry'); const t = e.querySelector('.entry-term');
            if (e.hidden || !t) return null;
            return {term: t.textContent, concise: (e.querySelector('.concise') || {}).textContent,
                    related: Array.from(e.querySelectorAll('.related li a')).map(a => a.textContent)}; })()""")
        check("the entry view opens on crescendo", bool(entry) and entry["term"] == "crescendo", entry)
        check("the entry shows its definition and related terms",
              bool(entry) and entry["concise"] == "Gradually getting louder." and len(entry["related"]) >= 1, entry)
        page.screenshot(os.path.join(args.out, "entry-page.png"))

        # A search with no result, so the zero-result chart has a bar; then the analytics view.
        page.js("document.getElementById('q').value = ''")
        page.js("document.getElementById('q').focus()")
        page.type_text("qqxyzzyq")
        page.press_enter()
        page.wait("/0 results/.test(document.getElementById('status').textContent)")
        page.js("location.hash = '#/analytics'")
        charts = page.wait("""(() => { const v = document.getElementById('analytics-view');
            if (v.hidden || !document.getElementById('chart-latency')) return null;
            const texts = (id) => Array.from(document.querySelectorAll('#chart-' + id + ' svg text')).map(t => t.textContent);
            return {popular: texts('popular'), zero: texts('zero'), latency: document.querySelectorAll('#chart-latency svg rect').length,
                    searchHidden: document.getElementById('search-view').hidden}; })()""")
        check("analytics: popular searches chart has the searches",
              bool(charts) and "gradually getting louder" in charts["popular"], charts and charts["popular"])
        check("analytics: zero-result chart has the failed search", bool(charts) and "qqxyzzyq" in charts["zero"], charts and charts["zero"])
        check("analytics: latency chart has p50/p95/p99 bars", bool(charts) and charts["latency"] >= 3 and charts["searchHidden"], charts)
        page.screenshot(os.path.join(args.out, "analytics-page.png"))

        violations = page.js("window.__violations")
        errors = [e["params"]["entry"]["text"] for e in page.events
                  if e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error"]
        errors += [e["params"]["exceptionDetails"].get("text", "") for e in page.events if e["method"] == "Runtime.exceptionThrown"]
        check("no Content-Security-Policy violation", violations == [], violations)
        check("no script or console error", errors == [], errors)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    print(f"screenshots: search-page.png, entry-page.png, analytics-page.png in {args.out}")
    print(f"browser checks: {passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
