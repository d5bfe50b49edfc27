#!/usr/bin/env python3
"""Measures ways of carrying multilingual-e5-small queries across languages, outside the product (issue 18; numpy).

Direct semantic retrieval only (no lexical leg, no translations, no prior, no ranker): each query of an eval set is
embedded with `dict embed-text --model multilingual-e5-small` ("query: " prefix), scored by cosine against the English
entries' stored vectors (best of an entry's rows), and acc@10 is printed for:

- plain: the cosines as embedded;
- centred: q minus the mean of its language's query-embedded concise definitions (the first 1,000 by entry id), and
  each stored vector minus the mean of the English stored vectors, both renormalized;
- shifted: q minus its language's shift, the mean of (query vector of a translated definition − query vector of its
  English original) over the entries with `metadata.translation_of` (what `dict embed` stores and search applies;
  docs/search.md, "Language shift").

The means and shifts come from the dictionary itself, never from the query set, so running a held-out half fits
nothing.

    python3 scripts/e5-centering-probe.py DATA_DIR data/eval/glossary-multilingual-tune.jsonl [dict binary]

Recorded 2026-12-06 on glossary-multilingual-tune (plain / centred / shifted): glossary-only directory
0.723 / 0.832 / 0.810; WordNet directory (the glossary plus WordNet) 0.474 / 0.292 / 0.723. Centring fails on
WordNet because the German mean carries the glossary's music topic and the English one WordNet's everything;
translated pairs carry no topic.
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
SAMPLE = 1000


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
    terms = sorted({t for t, _ in rows})
    term_id = {t: i for i, t in enumerate(terms)}
    row_term = np.array([term_id[t] for t, _ in rows])
    passages = unit(np.stack([np.frombuffer(b, dtype="<f4") for _, b in rows]))

    query_means = {}
    for (lang,) in db.execute("SELECT DISTINCT lang FROM dictionary_entries"):
        texts = [d or "" for (d,) in db.execute(
            "SELECT json_extract(definition, '$.concise') FROM dictionary_entries WHERE lang = ? ORDER BY id LIMIT ?",
            (lang, SAMPLE))]
        query_means[lang] = embed(binary, texts).mean(axis=0)
    pairs = db.execute(
        "SELECT x.lang, json_extract(x.definition, '$.concise'), json_extract(e.definition, '$.concise') "
        "FROM dictionary_entries x JOIN dictionary_entries e ON e.lang = 'en' "
        "AND e.normalized_term = lower(json_extract(x.metadata, '$.translation_of')) WHERE x.lang <> 'en'").fetchall()
    translated, english = embed(binary, [a or "" for _, a, _ in pairs]), embed(binary, [b or "" for _, _, b in pairs])
    shifts = {lang: (translated[mask] - english[mask]).mean(axis=0)
              for lang in {p[0] for p in pairs} for mask in [np.array([p[0] == lang for p in pairs])]}

    with open(eval_path) as f:
        queries = [json.loads(line) for line in f]
    q = embed(binary, [x["query"] for x in queries])

    def acc10(qv, pv):
        hits = 0
        for row, query in zip(qv @ pv.T, queries):
            best = np.full(len(terms), -9.0, dtype="f4")
            np.maximum.at(best, row_term, row)
            top = set(np.argsort(-best)[:10])
            hits += any(term_id.get(e.lower()) in top for e in query["expected"])
        return hits / len(queries)

    centred_q = unit(np.stack([v - query_means.get(x.get("lang", "en"), 0) for v, x in zip(q, queries)]))
    shifted_q = unit(np.stack([v - shifts.get(x.get("lang", "en"), 0) for v, x in zip(q, queries)]))
    print(f"{eval_path} ({len(queries)} queries), acc@10 of direct semantic retrieval")
    print(f"  plain {acc10(q, passages):.3f}  centred {acc10(centred_q, unit(passages - passages.mean(axis=0))):.3f}  "
          f"shifted {acc10(shifted_q, passages):.3f}")


if __name__ == "__main__":
    main()
