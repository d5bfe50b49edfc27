#!/usr/bin/env python3
"""Builds the cross-lingual glossary query sets from the bundled translations (stdlib only).

Each es/fr/de/zh-CN/zh-TW entry's concise definition becomes a query whose answer is the English term it translates
(`metadata.translation_of`), searched with `results_lang: "en"` (only English results count; `dict eval` filters to
English and passes the query's language as `query_lang`). The 64 translated terms are split by term, not by query,
so the five languages' queries for one term fall in the same half: a term whose sha256 is even goes to the tuning
half, odd to the held-out half. Nothing is fitted on the held-out half.

    python3 scripts/make-crosslingual-eval.py            # writes data/eval/glossary-crosslingual-{tune,heldout}.jsonl
    python3 scripts/make-crosslingual-eval.py --check    # exit 1 when the files differ from what it would write
"""
import glob
import hashlib
import json
import os
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
LANGS = ["es", "fr", "de", "zh-CN", "zh-TW"]


def build():
    halves = {"tune": [], "heldout": []}
    for lang in LANGS:
        path = os.path.join(ROOT, "data", "glossary", f"translations-{lang}.jsonl")
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                entry = json.loads(line)
                english = entry["metadata"]["translation_of"]
                query = entry["definition"]["concise"].strip()
                if not query:
                    sys.exit(f"{path}:{number}: empty concise definition")
                half = "tune" if hashlib.sha256(english.encode()).digest()[-1] % 2 == 0 else "heldout"
                halves[half].append({"query": query, "expected": [english], "lang": lang, "results_lang": "en",
                                     "kind": "cross-lingual"})
    return {name: "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in rows) for name, rows in halves.items()}


def main():
    check = "--check" in sys.argv[1:]
    stale = []
    for name, text in build().items():
        path = os.path.join(ROOT, "data", "eval", f"glossary-crosslingual-{name}.jsonl")
        if check:
            current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
            if current != text:
                stale.append(path)
        else:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            print(f"wrote {path}: {text.count(chr(10))} queries")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run python3 scripts/make-crosslingual-eval.py)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
