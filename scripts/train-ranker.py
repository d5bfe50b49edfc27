#!/usr/bin/env python3
"""Fits the two rankers (DescriptionRanker) from candidate features and writes their Swift model file.

    dict eval data/eval/everyday-tune.jsonl data/eval/wordnet-queries.jsonl data/eval/glossary-tune.jsonl \
        --dump-features features.jsonl
    python3 scripts/train-ranker.py features.jsonl            # cross-validated report, then writes the model
    python3 scripts/train-ranker.py features.jsonl --report   # report only
    python3 scripts/train-ranker.py features-e5.jsonl --model multilingual-e5-small   # the e5 rankers (own file)
    python3 scripts/train-ranker.py features-blend.jsonl --model multilingual-e5-small+all-MiniLM-L6-v2
        # English queries blended with the English companion (SemanticCompanion): same-language lines only

Only tuning sets may be dumped for training: never a held-out set. Each model is a linear score over the features
(listwise softmax loss: the expected terms should take the probability mass of each query's candidate list; L2
penalty), standardized while fitting and folded back to raw-feature weights. The calibration (probability that a
candidate is the word meant) is a logistic fit of that score over all candidates. Two models come out of one dump:
`semantic` (the vector leg's candidates, without the lexical features) and `hybrid` (both legs' candidates, every
feature, trained at semantic ratio 0.5). When the dump holds cross-language queries (`results_lang` other than
`lang`), the hybrid model also gets a calibration of its scores blended at the cross-language ratio
(`CROSS_LANGUAGE_RATIO`, SearchConfiguration.crossLanguageSemanticRatio), fitted on those queries' candidates.
Needs numpy.
"""
import argparse
import json
import random
import sys

import numpy as np

MODEL_FILE = "Sources/DictionarySearch/Ranking/DescriptionRankerModel+Trained.swift"
# Per embedding model other than all-MiniLM-L6-v2: the Swift file and the suffix of its two models' names.
MODEL_FILES = {"multilingual-e5-small": ("Sources/DictionarySearch/Ranking/DescriptionRankerModel+TrainedE5.swift", "E5"),
               "multilingual-e5-small+all-MiniLM-L6-v2": ("Sources/DictionarySearch/Ranking/DescriptionRankerModel+TrainedE5Blend.swift",
                                                          "E5Blend")}
# Blends (SemanticCompanion): only English queries are blended, so their rankers are fitted on same-language lines only.
BLENDS = {"multilingual-e5-small+all-MiniLM-L6-v2"}
L2 = 1e-2
ITERATIONS = 400
LEARNING_RATE = 0.5


LEXICAL_FEATURES = ("lexical_score", "full_text_score", "specialist_lexical_score")
# The semantic ratio cross-language hybrid blends at (SearchConfiguration.crossLanguageSemanticRatio).
CROSS_LANGUAGE_RATIO = 0.85


def load(path, semantic_only, cross_language_only=False, same_language_only=False):
    """Per query: (text, features, labels). `semantic_only` keeps the vector leg's candidates and zeroes the
    lexical features (what the semantic mode sees); `cross_language_only` keeps the cross-language queries,
    `same_language_only` the others."""
    queries, names = [], None
    for line in open(path, encoding="utf-8"):
        record = json.loads(line)
        crossing = record.get("results_lang", record.get("lang")) != record.get("lang")
        if (cross_language_only and not crossing) or (same_language_only and crossing):
            continue
        names = names or record["features"]
        if record["features"] != names:
            sys.exit("%s: feature lists differ between lines" % path)
        candidates = [c for c in record["candidates"] if c.get("semantic", True) or not semantic_only]
        if not candidates:
            continue
        X = np.array([c["values"] for c in candidates], dtype=np.float64)
        if semantic_only:
            for name in LEXICAL_FEATURES:
                X[:, names.index(name)] = 0
        y = np.array([c["label"] for c in candidates], dtype=np.float64)
        queries.append((record["query"], X, y))
    return names, queries


def fit(queries, l2=L2):
    """Listwise softmax regression; returns raw-feature weights (standardization folded in)."""
    all_x = np.vstack([X for _, X, _ in queries])
    mean, scale = all_x.mean(0), all_x.std(0)
    scale[scale == 0] = 1
    w = np.zeros(all_x.shape[1])
    usable = [((X - mean) / scale, y / y.sum()) for _, X, y in queries if y.sum() > 0]
    for _ in range(ITERATIONS):
        gradient = np.zeros_like(w)
        for Z, target in usable:
            s = Z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            gradient += Z.T @ (p - target)
        w -= LEARNING_RATE * (gradient / len(usable) + l2 * w)
    return w / scale  # the constant −Σ w·mean/scale shifts every score of a query alike: ranking ignores it


def calibrate(queries, w):
    """Logistic fit of P(expected | score) over all candidates: returns (slope, intercept)."""
    s = np.concatenate([X @ w for _, X, _ in queries])
    y = np.concatenate([yy for _, _, yy in queries])
    a, b = 1.0, 0.0
    for _ in range(3000):
        p = 1 / (1 + np.exp(-(a * s + b)))
        ga, gb = np.mean((p - y) * s), np.mean(p - y)
        a -= 2.0 * ga
        b -= 2.0 * gb
    return a, b


def blended(names, queries, ratio):
    """The queries with each feature scaled as DescriptionRanker.score scales it at semantic ratio `ratio`."""
    scale = np.array([2 * (1 - ratio) if name in LEXICAL_FEATURES else 2 * ratio for name in names])
    return [(text, X * scale, y) for text, X, y in queries]


def accuracy(queries, w):
    hits = {1: 0, 10: 0, 100: 0}
    for _, X, y in queries:
        if y.sum() == 0:
            continue
        s = X @ w
        rank = int((s > s[y > 0].max()).sum()) + 1
        for k in hits:
            hits[k] += rank <= k
    n = len(queries)
    return {k: round(v / n, 3) for k, v in hits.items()}


def report(names, queries):
    prior = np.zeros(len(names))
    for name, value in {"cosine": 1, "zipf": 0.03, "sense_rank": -0.02, "pos_match": 0.08, "specialist": 0.05}.items():
        prior[names.index(name)] = value
    print("queries: %d, of which the expected term is among the candidates: %d" % (
        len(queries), sum(1 for _, _, y in queries if y.sum() > 0)))
    print("prior formula (no training):", accuracy(queries, prior), "(share of all queries; misses count)")
    random.seed(0)
    order = list(range(len(queries)))
    random.shuffle(order)
    folds = [order[i::5] for i in range(5)]
    results = []
    for fold in folds:
        held = set(fold)
        w = fit([queries[i] for i in order if i not in held])
        results.append(accuracy([queries[i] for i in fold], w))
    mean = {k: round(float(np.mean([r[k] for r in results])), 3) for k in (1, 10, 100)}
    print("5-fold cross-validation of the trained ranker:", mean)


def swift_model(names, w, slope, intercept, cross=None):
    lines = "\n".join("            %.6f,  // %s" % (value, name) for name, value in zip(names, w))
    calibration = "calibrationSlope: %.6f, calibrationIntercept: %.6f" % (slope, intercept)
    if cross:
        calibration += (",\n        crossLanguageCalibration: RankerCalibration(semanticRatio: %.2f, slope: %.6f, intercept: %.6f)"
                        % (CROSS_LANGUAGE_RATIO, cross[0], cross[1]))
    return """DescriptionRankerModel(
        weights: [
%s
        ],
        %s)""" % (lines, calibration)


def write_models(names, models, sources, model=None):
    order = ["cosine", "cosine_gap", "zipf", "sense_frequency", "entry_frequency", "sense_rank", "pos_match",
             "pos_mismatch", "multi_word", "shares_query_stem", "gloss_overlap", "sense_count", "candidate_rank",
             "capitalized", "specialist", "lexical_score", "full_text_score", "specialist_lexical_score"]
    if names != order:
        sys.exit("feature names differ from the Swift RankingFeature order; update this script: %s" % names)
    path, suffix = MODEL_FILES[model] if model else (MODEL_FILE, "")
    whose = " for %s" % model if model else ""
    text = """// Written by scripts/train-ranker.py; do not edit by hand.
// Trained on the candidate features of: %s
extension DescriptionRankerModel {
    /// Orders the semantic leg's candidates%s (docs/search.md, "How a description is ranked").
    package static let trainedSemantic%s = %s

    /// Orders hybrid's merged candidates%s, lexical features included (trained at semantic ratio 0.5).
    package static let trainedHybrid%s = %s
}
""" % (", ".join(sources), whose, suffix, swift_model(names, *models["semantic"]), whose, suffix,
       swift_model(names, *models["hybrid"]))
    open(path, "w", encoding="utf-8").write(text)
    print("wrote", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("features", help="JSONL written by dict eval --dump-features (tuning sets only)")
    parser.add_argument("--report", action="store_true", help="print the cross-validated report, write nothing")
    parser.add_argument("--model", choices=sorted(MODEL_FILES), help="the embedding model the features were dumped with "
                        "(a data directory embedded with it); default all-MiniLM-L6-v2")
    args = parser.parse_args()
    records = [json.loads(line) for line in open(args.features, encoding="utf-8")]
    sources = sorted({r["file"] for r in records
                      if args.model not in BLENDS or r.get("results_lang", r.get("lang")) == r.get("lang")})
    if any("heldout" in s or "held-out" in s for s in sources):
        sys.exit("refusing to train on a held-out set: %s" % sources)
    models = {}
    for kind in ("semantic", "hybrid"):
        print("== %s ranker" % kind)
        names, queries = load(args.features, semantic_only=kind == "semantic", same_language_only=args.model in BLENDS)
        report(names, queries)
        if args.report:
            continue
        w = fit(queries)
        slope, intercept = calibrate(queries, w)
        print("trained on all %d queries:" % len(queries), accuracy(queries, w), "(training accuracy, optimistic)")
        for name, value in zip(names, w):
            print("  %-26s %+.4f" % (name, value))
        print("calibration: p = 1 / (1 + exp(-(%.4f * score + %.4f)))" % (slope, intercept))
        models[kind] = (w, slope, intercept)
        crossing = (load(args.features, semantic_only=False, cross_language_only=True)[1]
                    if kind == "hybrid" and args.model not in BLENDS else [])
        if crossing:
            scaled = blended(names, crossing, CROSS_LANGUAGE_RATIO)
            cross = calibrate(scaled, w)
            s = np.concatenate([X @ w for _, X, _ in scaled])
            y = np.concatenate([yy for _, _, yy in scaled])
            for label, (a, b) in (("the trained calibration", (slope, intercept)), ("its own", cross)):
                p = np.clip(1 / (1 + np.exp(-(a * s + b))), 1e-12, 1 - 1e-12)
                loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
                print("cross-language at ratio %.2f (%d queries), %s: log loss %.4f" % (CROSS_LANGUAGE_RATIO, len(crossing), label, loss))
            models[kind] = (w, slope, intercept, cross)
    if not args.report:
        write_models(names, models, sources, args.model)


if __name__ == "__main__":
    main()
