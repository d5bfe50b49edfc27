#!/usr/bin/env python3
"""Measures one idea for issue 18 outside the product: does removing multilingual-e5-small's common components help
cross-language retrieval? (numpy; no change to dict.)

Direct semantic retrieval only (no lexical leg, no translations, no prior, no ranker): each query of an eval set is
embedded with `dict embed-text --model multilingual-e5-small` ("query: " prefix), scored by cosine against the English
entries' stored vectors (best of an entry's chunks), and acc@10 is printed for four variants:

- plain: the cosines search uses today;
- query centred per language: q - mean(query-embedded concise definitions of the glossary entries in q's language),
  renormalized (removes the language-identity direction a German query shares with every German text);
- passage centred: v - mean(the data directory's English vectors), renormalized;
- both.

The means come from the dictionary itself, never from the query set, so running a held-out half here fits nothing.

    python3 scripts/e5-centering-probe.py DATA_DIR data/eval/glossary-multilingual-tune.jsonl [dict binary]

Recorded on the glossary-only data directory embedded with e5 (2026-12-06; README, "Multilingual search"):
multilingual descriptions tune 0.723 / 0.781 / 0.679 / 0.832, held-out 0.733 / 0.748 / 0.719 / 0.778; English
glossary descriptions (tune) 0.869 / 0.902 / 0.869 / 0.902.
"""
import collections
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

import numpy as np

MODEL = "multilingual-e5-small"


def embed(binary, texts):
    with tempfile.TemporaryDirectory() as folder:
        source, target = os.path.join(folder, "in.jsonl"), os.path.join(folder, "out.jsonl")
        with open(source, "w") as f:
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": text, "is_query": True}) + "\n")
        subprocess.run([binary, "embed-text", "--model", MODEL, "--input", source, "--output", target], check=True)
        with open(target) as f:
            rows = [json.loads(line) for line in f]
    vectors = np.array([r["embedding"] for r in sorted(rows, key=lambda r: int(r["id"]))], dtype="f4")
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def unit(m):
    return m / np.linalg.norm(m, axis=-1, keepdims=True)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    data_dir, eval_path = sys.argv[1], sys.argv[2]
    binary = sys.argv[3] if len(sys.argv) > 3 else ".build/release/dict"
    db = sqlite3.connect(os.path.join(data_dir, "dictionary.db"))
    rows = db.execute(
        "SELECT lower(e.term), t.embedding FROM term_embeddings t JOIN dictionary_entries e ON e.id = t.entry_id "
        "WHERE t.model = ? AND e.lang = 'en'", (MODEL,)).fetchall()
    if not rows:
        sys.exit(f"no English {MODEL} vectors in {data_dir}: run dict embed --model {MODEL}")
    terms = [t for t, _ in rows]
    passages = unit(np.stack([np.frombuffer(b, dtype="<f4") for _, b in rows]))
    definitions = db.execute("SELECT lang, json_extract(definition, '$.concise') FROM dictionary_entries").fetchall()
    by_lang = collections.defaultdict(list)
    for (lang, _), vector in zip(definitions, embed(binary, [d or "" for _, d in definitions])):
        by_lang[lang].append(vector)
    query_means = {lang: np.mean(v, axis=0) for lang, v in by_lang.items()}
    with open(eval_path) as f:
        queries = [json.loads(line) for line in f]
    q = embed(binary, [x["query"] for x in queries])

    def acc10(qv, pv):
        scores = qv @ pv.T
        hits = 0
        for row, query in zip(scores, queries):
            best = {}
            for term, score in zip(terms, row):
                best[term] = max(best.get(term, -9.0), score)
            top = sorted(best, key=best.get, reverse=True)[:10]
            hits += any(e.lower() in top for e in query["expected"])
        return hits / len(queries)

    centred_q = unit(np.stack([v - query_means.get(x.get("lang", "en"), 0) for v, x in zip(q, queries)]))
    centred_p = unit(passages - passages.mean(axis=0))
    print(f"{eval_path} ({len(queries)} queries), acc@10 of direct semantic retrieval")
    print(f"  plain {acc10(q, passages):.3f}  query centred {acc10(centred_q, passages):.3f}  "
          f"passage centred {acc10(q, centred_p):.3f}  both {acc10(centred_q, centred_p):.3f}")


if __name__ == "__main__":
    main()
