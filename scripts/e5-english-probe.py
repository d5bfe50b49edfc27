#!/usr/bin/env python3
"""Measures two ways of lifting multilingual-e5-small on English descriptions, outside the product (issue 18; numpy).

Direct semantic retrieval over the English entries' vectors (best row per term; no lexical leg, prior or ranker),
acc@1/@10/@100 per English eval set, for:

- e5 passage: the stored e5 vectors (texts embedded with "passage: ", what `dict embed` writes);
- e5 query:   the same texts embedded with "query: " (the model card's advice for symmetric tasks);
- minilm:     the stored all-MiniLM-L6-v2 vectors;
- blend w:    w * e5 passage cosine + (1 - w) * MiniLM cosine (a data directory holding both models' vectors).

Needs a data directory holding both models' vectors (`dict embed`, then `dict embed --model multilingual-e5-small`).
The "query: " vectors of every stored text take about 23 minutes for WordNet on two cores; they are cached in
CACHE_DIR (default /tmp/e5-english-probe). The texts are rebuilt as `EmbeddingText` composes them and checked against
the stored source_hash.

    python3 scripts/e5-english-probe.py DATA_DIR data/eval/everyday-tune.jsonl data/eval/typed-tune.jsonl [...]

Recorded 2026-12-06 on the WordNet directory, tuning halves (English queries only), acc@10: everyday-tune e5 passage
0.627, e5 query 0.645, minilm 0.742, blend 0.5 0.765, blend 0.7 0.774 (@100 0.899 / 0.889 / 0.949 / 0.977 / 0.982);
glossary-tune e5 passage 0.812, e5 query 0.732, minilm 0.438, blend 0.7 0.705; typed-tune acc@1 e5 passage 0.466,
e5 query 0.276, minilm 0.207, blend 0.7 0.328.
"""
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

import numpy as np

E5, MINILM = "multilingual-e5-small", "all-MiniLM-L6-v2"
BINARY = os.environ.get("DICT_BINARY", ".build/release/dict")
CACHE = os.environ.get("CACHE_DIR", "/tmp/e5-english-probe")


def unit(m):
    return m / np.linalg.norm(m, axis=-1, keepdims=True)


def embed(texts, model, is_query=True):
    with tempfile.TemporaryDirectory() as folder:
        source, target = os.path.join(folder, "in.jsonl"), os.path.join(folder, "out.jsonl")
        with open(source, "w") as f:
            for i, text in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": text, "is_query": is_query}) + "\n")
        subprocess.run([BINARY, "embed-text", "--model", model, "--input", source, "--output", target, "--batch-size", "64"],
                       check=True, capture_output=True)
        vectors = np.zeros((len(texts), 384), dtype="f4")
        with open(target) as f:
            for n, line in enumerate(f):  # MiniLM's lines carry no id; both keep the input order
                vectors[n] = json.loads(line)["embedding"]
    return unit(vectors)


def chunks(term, definition):
    """EmbeddingText.chunks for multilingual-e5-small."""
    o = json.loads(definition)
    glosses = []
    for sense in o.get("senses") or []:
        gloss = sense.get("gloss").strip() if isinstance(sense.get("gloss"), str) else ""
        if gloss:
            pos = f" ({sense['pos']})" if isinstance(sense.get("pos"), str) else ""
            glosses.append(f"{term}{pos}: {gloss}")
    if len(glosses) >= 2:
        return glosses[:16]
    concise = o.get("concise").strip() if isinstance(o.get("concise"), str) else ""
    detailed = o.get("detailed").strip() if isinstance(o.get("detailed"), str) else ""
    parts = [p for p in (concise, detailed) if p]
    text = f"{term}: {' '.join(parts)}" if parts else term
    return [text, concise] if concise and detailed else [text]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    data_dir, sets = sys.argv[1], sys.argv[2:]
    db = sqlite3.connect(os.path.join(data_dir, "dictionary.db"))
    entry = {i: (t.lower(), l) for i, t, l in db.execute("SELECT id, term, lang FROM dictionary_entries")}
    terms = sorted({t for t, l in entry.values() if l == "en"})
    term_id = {t: i for i, t in enumerate(terms)}

    def stored(model):
        rows = [(e, c, b) for e, c, b in db.execute(
            "SELECT entry_id, chunk, embedding FROM term_embeddings WHERE model = ? ORDER BY entry_id, chunk", (model,))
            if entry[e][1] == "en"]
        if not rows:
            sys.exit(f"no English {model} vectors in {data_dir}")
        return rows, np.array([term_id[entry[e][0]] for e, _, _ in rows]), unit(np.stack([np.frombuffer(b, "<f4") for *_, b in rows]))

    e5_rows, e5_terms, e5_passage = stored(E5)
    _, minilm_terms, minilm = stored(MINILM)

    os.makedirs(CACHE, exist_ok=True)
    cached = os.path.join(CACHE, "query-prefixed.npy")
    if os.path.exists(cached):
        e5_query = np.load(cached)
    else:
        texts, hashes = {}, dict(db.execute("SELECT entry_id, source_hash FROM term_embeddings WHERE model = ? AND chunk = 0", (E5,)))
        for eid, term, definition in db.execute("SELECT id, term, definition FROM dictionary_entries WHERE lang = 'en'"):
            texts[eid] = chunks(term, definition)
            if hashlib.sha256("\x1f".join(texts[eid]).encode()).hexdigest() != hashes.get(eid):
                sys.exit(f"entry {eid}: texts differ from what dict embed stored (stale vectors? run dict embed)")
        e5_query = embed([texts[e][c] for e, c, _ in e5_rows], E5)
        np.save(cached, e5_query)

    def best_per_term(queries, row_terms, matrix):
        best = np.full((len(queries), len(terms)), -1.0, dtype="f4")
        sims = queries @ matrix.T
        for qi in range(len(queries)):
            np.maximum.at(best[qi], row_terms, sims[qi])
        return best

    for path in sets:
        queries = [json.loads(line) for line in open(path)]
        queries = [q for q in queries if q.get("lang", "en") == "en" and q.get("results_lang", "en") == "en"]
        expected = [[term_id[e.lower()] for e in q["expected"] if e.lower() in term_id] for q in queries]
        texts = [q["query"] for q in queries]
        e5_q, minilm_q = embed(texts, E5), embed(texts, MINILM)
        scores = {"e5 passage": best_per_term(e5_q, e5_terms, e5_passage), "e5 query": best_per_term(e5_q, e5_terms, e5_query),
                  "minilm": best_per_term(minilm_q, minilm_terms, minilm)}
        for w in (0.3, 0.5, 0.7):
            scores[f"blend {w}"] = w * scores["e5 passage"] + (1 - w) * scores["minilm"]
        for name, score in scores.items():
            ranks = np.array([int((s > max(s[i] for i in e)).sum()) if e else 10**6 for s, e in zip(score, expected)])
            print(f"{os.path.basename(path):32s} {name:11s} acc@1 {np.mean(ranks < 1):.3f} @10 {np.mean(ranks < 10):.3f} "
                  f"@100 {np.mean(ranks < 100):.3f}")


if __name__ == "__main__":
    main()
