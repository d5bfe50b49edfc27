#!/usr/bin/env python3
"""Validate the bundled glossary and evaluation sets (stdlib only).

Usage: python3 data/validate.py [DATA_DIR]   (default: the directory holding this script)
Checks every line of glossary/*.jsonl: valid JSON object, required fields, enums, length limits, unique
(lower-cased term, lang); translation entries name an existing English term; eval/*.jsonl queries are well formed,
their expected glossary terms exist, and (when WordNet is installed, $WORDNET_DIR or /usr/share/wordnet) the
expected answers of the wordnet, everyday and typed sets are WordNet 3.0 lemmas. Prints counts per type and language; exits 1 on any error.
"""
import json
import os
import sys
from collections import Counter

TYPES = ["tempo", "dynamics", "articulation", "form", "genre", "instrument", "technique", "theory", "composer",
         "period", "notation", "general"]
LANGS = ["en", "es", "fr", "de", "zh-CN", "zh-TW"]
SOURCE_LANGS = set(LANGS) | {"it", "la"}
LEVELS = {"beginner", "intermediate", "advanced", "professional"}
CONFIDENCE = {"high", "medium", "low"}
CJK = {"zh-CN", "zh-TW"}
# Character limits. Chinese carries far more per character, so its detailed minimum is lower.
CONCISE_MAX = 200
DETAILED_MIN, DETAILED_MAX = 200, 800
DETAILED_MIN_CJK = 60


def check_entry(obj, where, errors):
    def err(msg):
        errors.append(f"{where}: {msg}")

    if not isinstance(obj, dict):
        return err("not a JSON object")
    allowed = {"term", "lang", "type", "source_lang", "definition", "metadata", "quality_score"}
    for key in obj:
        if key not in allowed:
            err(f"unknown field {key!r}")
    term = obj.get("term")
    if not isinstance(term, str) or not term.strip() or term != term.strip() or len(term) > 100:
        err("term must be a trimmed non-empty string of at most 100 characters")
    lang = obj.get("lang")
    if lang not in LANGS:
        err(f"lang {lang!r} not in {LANGS}")
    if obj.get("type") not in TYPES:
        err(f"type {obj.get('type')!r} not one of the 12 term types")
    if "source_lang" in obj and obj["source_lang"] not in SOURCE_LANGS:
        err(f"source_lang {obj['source_lang']!r} not allowed")
    d = obj.get("definition")
    if not isinstance(d, dict):
        err("definition must be an object")
    else:
        for key in d:
            if key not in {"concise", "detailed", "etymology", "usage_example", "pronunciation"}:
                err(f"unknown definition field {key!r}")
        concise, detailed = d.get("concise"), d.get("detailed")
        if not isinstance(concise, str) or not concise.strip() or len(concise) > CONCISE_MAX:
            err(f"definition.concise must be 1..{CONCISE_MAX} characters (found {len(concise or '')})")
        low = DETAILED_MIN_CJK if lang in CJK else DETAILED_MIN
        if not isinstance(detailed, str) or not (low <= len(detailed) <= DETAILED_MAX):
            err(f"definition.detailed must be {low}..{DETAILED_MAX} characters (found {len(detailed or '')})")
        for key in ("etymology", "usage_example"):
            if key in d and (not isinstance(d[key], str) or not d[key].strip()):
                err(f"definition.{key} must be a non-empty string")
        if "pronunciation" in d:
            p = d["pronunciation"]
            if not isinstance(p, dict) or not isinstance(p.get("ipa"), str) or set(p) - {"ipa", "syllables", "stress_pattern"}:
                err("definition.pronunciation must be {ipa: string} (no audio_url: it must be a valid URL)")
    m = obj.get("metadata")
    if not isinstance(m, dict):
        err("metadata must be an object")
    else:
        for key in ("related_terms", "synonyms", "antonyms", "categories", "instruments"):
            value = m.get(key, [])
            if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
                err(f"metadata.{key} must be a list of non-empty strings")
        if m.get("difficulty_level") not in LEVELS:
            err(f"metadata.difficulty_level {m.get('difficulty_level')!r} not in {sorted(LEVELS)}")
        if "musical_period" in m and not isinstance(m["musical_period"], str):
            err("metadata.musical_period must be a string")
        if lang != "en" and not isinstance(m.get("translation_of"), str):
            err("non-English entries need metadata.translation_of")
    q = obj.get("quality_score")
    if not isinstance(q, dict):
        err("quality_score must be an object")
    else:
        for key in ("overall", "definition_clarity", "reference_completeness", "accuracy_verification"):
            v = q.get(key)
            if not isinstance(v, (int, float)) or isinstance(v, bool) or not 0 <= v <= 100:
                err(f"quality_score.{key} must be a number 0..100")
        if not isinstance(q.get("human_verified"), bool):
            err("quality_score.human_verified must be a boolean")
        if q.get("confidence_level") not in CONFIDENCE:
            err("quality_score.confidence_level must be high/medium/low")


def read_jsonl(path, errors):
    rows = []
    with open(path, "rb") as f:
        for number, raw in enumerate(f, 1):
            where = f"{os.path.relpath(path)}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                errors.append(f"{where}: invalid UTF-8")
                continue
            if not line.strip():
                errors.append(f"{where}: empty line")
                continue
            try:
                rows.append((where, json.loads(line)))
            except json.JSONDecodeError as e:
                errors.append(f"{where}: invalid JSON ({e.msg})")
    return rows


def read_wordnet_lemmas(directory):
    """Lower-cased lemmas of WordNet's index files, or an empty set when they are not installed."""
    lemmas = set()
    for pos in ("noun", "verb", "adj", "adv"):
        path = os.path.join(directory, "index." + pos)
        if not os.path.exists(path):
            return set()
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("  "):
                    lemmas.add(line.split(" ", 1)[0].replace("_", " ").lower())
    return lemmas


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    errors = []
    entries = []
    gdir = os.path.join(base, "glossary")
    for name in sorted(os.listdir(gdir)):
        if name.endswith(".jsonl"):
            for where, obj in read_jsonl(os.path.join(gdir, name), errors):
                check_entry(obj, where, errors)
                entries.append((where, obj))

    seen = {}
    for where, obj in entries:
        if not isinstance(obj, dict) or not isinstance(obj.get("term"), str):
            continue
        key = (obj["term"].lower(), obj.get("lang"))
        if key in seen:
            errors.append(f"{where}: duplicate (term, lang) {key} (first at {seen[key]})")
        seen[key] = where
    english = {obj["term"].lower() for _, obj in entries if isinstance(obj, dict) and obj.get("lang") == "en"}
    for where, obj in entries:
        if isinstance(obj, dict) and obj.get("lang") != "en":
            source = (obj.get("metadata") or {}).get("translation_of")
            if isinstance(source, str) and source.lower() not in english:
                errors.append(f"{where}: translation_of {source!r} is not an English glossary term")

    # How many related terms / synonyms name another entry of the same language.
    by_lang_terms = {}
    for _, obj in entries:
        if isinstance(obj, dict):
            by_lang_terms.setdefault(obj.get("lang"), set()).add(str(obj.get("term")).lower())
    links = resolved = 0
    for _, obj in entries:
        if isinstance(obj, dict) and obj.get("lang") == "en":
            for key in ("related_terms", "synonyms", "antonyms"):
                for t in (obj.get("metadata") or {}).get(key, []):
                    links += 1
                    resolved += t.lower() in english

    eval_counts = {}
    wordnet_lemmas = read_wordnet_lemmas(os.environ.get("WORDNET_DIR", "/usr/share/wordnet"))
    edir = os.path.join(base, "eval")
    for name in sorted(os.listdir(edir)) if os.path.isdir(edir) else []:
        if not name.endswith(".jsonl"):
            continue
        rows = read_jsonl(os.path.join(edir, name), errors)
        eval_counts[name] = Counter()
        for where, q in rows:
            if not isinstance(q, dict) or not isinstance(q.get("query"), str) or not q["query"].strip():
                errors.append(f"{where}: query must be a non-empty string")
                continue
            exp = q.get("expected")
            # Only a nonsense query ("zzzqqq") expects nothing: the right answer is no result.
            may_be_empty = q.get("kind") == "nonsense"
            if not isinstance(exp, list) or (not exp and not may_be_empty) or not all(isinstance(x, str) and x for x in exp):
                errors.append(f"{where}: expected must be a non-empty list of strings (empty only for kind nonsense)")
                continue
            qlang = q.get("lang", "en")
            if qlang not in LANGS:
                errors.append(f"{where}: lang {qlang!r} not supported")
            eval_counts[name][qlang] += 1
            # A cross-language query counts only results in results_lang (dict eval filters to it).
            if "results_lang" in q and q["results_lang"] not in LANGS:
                errors.append(f"{where}: results_lang {q['results_lang']!r} not supported")
            if name.startswith("glossary"):
                for t in exp:
                    if t.lower() not in english:
                        errors.append(f"{where}: expected {t!r} is not an English glossary term")
            elif name.startswith(("wordnet", "everyday", "typed")) and wordnet_lemmas:
                for t in exp:
                    if t.lower() not in wordnet_lemmas:
                        errors.append(f"{where}: expected {t!r} is not a WordNet 3.0 lemma")

    counts = Counter((obj.get("lang"), obj.get("type")) for _, obj in entries if isinstance(obj, dict))
    langs = Counter(obj.get("lang") for _, obj in entries if isinstance(obj, dict))
    print("entries per type (en):")
    for t in TYPES:
        print(f"  {t:13} {counts[('en', t)]}")
    print("entries per language: " + ", ".join(f"{l} {langs[l]}" for l in LANGS))
    print(f"total entries: {len(entries)}")
    if links:
        print(f"English related/synonym/antonym links naming a glossary term: {resolved}/{links} ({100 * resolved // links}%)")
    for name, c in eval_counts.items():
        print(f"eval {name}: {sum(c.values())} queries (" + ", ".join(f"{k} {v}" for k, v in sorted(c.items())) + ")")
    for e in errors[:50]:
        print("ERROR " + e, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
