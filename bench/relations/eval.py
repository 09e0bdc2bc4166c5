#!/usr/bin/env python3
"""Precision and recall of typed citations (corpus/citation_relation.h) on hand-labeled real
citations: bench/relations/labels.tsv names (document id, cited number, relation); the documents
are read from the real corpus (../shared/data, not part of the project) and extracted by
`tracuu extract --json`.

usage: eval.py TRACUU CORPUS.jsonl.gz [LABELS.tsv]
"""
import collections
import gzip
import json
import pathlib
import subprocess
import sys
import tempfile


def load_labels(path):
    labels = {}
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        doc, number, relation = line.rstrip("\n").split("\t")
        labels[(doc, number)] = None if relation == "-" else relation
    return labels


def extracted_relations(tracuu, corpus, ids):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as picked:
        with gzip.open(corpus, "rt", encoding="utf-8") as f:
            for line in f:
                if json.loads(line)["id"] in ids:
                    picked.write(line)
        picked.flush()
        out = subprocess.run([tracuu, "extract", "--json", picked.name], check=True,
                             capture_output=True, text=True).stdout
    found = {}
    for line in out.splitlines():
        doc = json.loads(line)
        for c in doc["citations"]:
            found[(doc["id"], c["number"])] = c.get("relation")
    return found


def main():
    tracuu, corpus = sys.argv[1], sys.argv[2]
    labels_path = sys.argv[3] if len(sys.argv) > 3 else pathlib.Path(__file__).with_name("labels.tsv")
    labels = load_labels(labels_path)
    found = extracted_relations(tracuu, corpus, {doc for doc, _ in labels})
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    correct = missing = 0
    for key, want in labels.items():
        if key not in found:
            missing += 1
            continue
        got = found[key]
        correct += got == want
        if got and got == want:
            tp[got] += 1
        else:
            if got:
                fp[got] += 1
            if want:
                fn[want] += 1
    print(f"{len(labels)} labeled citations, {missing} not found by the extractor")
    print(f"{'relation':<12}{'labeled':>8}{'found':>7}{'precision':>11}{'recall':>8}")
    for rel in sorted(set(tp) | set(fp) | set(fn)):
        labeled, got = tp[rel] + fn[rel], tp[rel] + fp[rel]
        p = tp[rel] / got if got else float("nan")
        r = tp[rel] / labeled if labeled else float("nan")
        print(f"{rel:<12}{labeled:>8}{got:>7}{p:>11.2f}{r:>8.2f}")
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'any typed':<12}{all_tp + all_fn:>8}{all_tp + all_fp:>7}"
          f"{all_tp / max(1, all_tp + all_fp):>11.2f}{all_tp / max(1, all_tp + all_fn):>8.2f}")
    print(f"exact (incl. none): {correct}/{len(labels) - missing}")


if __name__ == "__main__":
    main()
