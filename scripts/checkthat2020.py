#!/usr/bin/env python3
"""Verified-claim retrieval on CLEF CheckThat! 2020 Task 2, through claimtrace.

    python3 scripts/checkthat2020.py DATA_DIR [--bin target/release/claimtrace]
                                              [--splits train,dev,test]

DATA_DIR: the task's data (sshaar/clef2020-factchecking-task2) unpacked: data/v3.zip
gives v3.0/verified_claims.docs.tsv and v3.0/{train,dev}/{tweets.queries.tsv,
tweet-vclaim-pairs.qrels}; test-input/test-input.zip gives tweets.queries.tsv and
tweet-vclaim-pairs.qrels at the top of DATA_DIR. Nothing is fetched.

The verified claims become schema.org ClaimReview (claimReviewed = vclaim, headline =
title; the data gives no rating, so each says "not given") and are imported with
`claimtrace import --claimreview` into a temporary database; every tweet of a split goes
through `claimtrace search --input jsonl --only fact-checks`, and the ranking is scored
as the task's evaluate.py scores it (trectools): MAP@k is the mean over the split's
queries of the sum of the precision at each relevant result within the first k, divided
by the query's number of relevant claims; P@1 the share of queries whose first result is
relevant. Python 3 standard library only.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

DEPTHS = (1, 3, 5, 10)


def read_tsv(path):
    """Rows of a TSV file with a header line, as lists of columns."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    return [l.split("\t") for l in lines[1:] if l.strip()]


def read_qrels(path):
    gold = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if len(cols) >= 4 and cols[3] != "0":
                gold.setdefault(cols[0], set()).add(cols[2])
    return gold


def plain(text):
    """Text as claimtrace stores it: runs of white space made one space."""
    return " ".join(text.split())


def split_files(data, split):
    if split == "test":
        return (os.path.join(data, "tweets.queries.tsv"),
                os.path.join(data, "tweet-vclaim-pairs.qrels"))
    base = os.path.join(data, "v3.0", split)
    return (os.path.join(base, "tweets.queries.tsv"),
            os.path.join(base, "tweet-vclaim-pairs.qrels"))


def scores(ranked, gold):
    """MAP@k for DEPTHS and P@1 over the queries of `gold`."""
    out = {k: 0.0 for k in DEPTHS}
    p1 = 0
    for qid, relevant in gold.items():
        got = ranked.get(qid, [])
        for k in DEPTHS:
            hits, ap = 0, 0.0
            for rank, doc in enumerate(got[:k], 1):
                if doc in relevant:
                    hits += 1
                    ap += hits / rank
            out[k] += ap / len(relevant)
        if got and got[0] in relevant:
            p1 += 1
    n = max(1, len(gold))
    return {k: v / n for k, v in out.items()}, p1 / n


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data")
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--bin", default=os.path.join(root, "target", "release", "claimtrace"))
    ap.add_argument("--splits", default="train,dev,test")
    args = ap.parse_args()
    if not os.path.exists(args.bin):
        sys.exit(f"checkthat2020.py: no {args.bin}; run `cargo build --release` first")

    vclaims = read_tsv(os.path.join(args.data, "v3.0", "verified_claims.docs.tsv"))
    by_text = {}
    reviews = []
    for cols in vclaims:
        if len(cols) < 2:
            continue
        vid, claim = cols[0].strip(), cols[1]
        title = cols[2] if len(cols) > 2 else ""
        by_text.setdefault(plain(claim), []).append(vid)
        reviews.append({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": claim,
            "headline": title,
            "author": {"@type": "Organization", "name": "CheckThat! 2020 verified claims"},
            "reviewRating": {"@type": "Rating", "alternateName": "not given"},
        })

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "checkthat.db")
        feed = os.path.join(tmp, "vclaims.json")
        with open(feed, "w", encoding="utf-8") as f:
            json.dump(reviews, f)
        t = time.time()
        imp = subprocess.run([args.bin, "--db", db, "import", "--claimreview", feed],
                             capture_output=True, text=True)
        summary = imp.stderr.strip().splitlines()[-1:] or [""]
        print(f"import: {summary[0]} ({time.time() - t:.1f} s)")
        if imp.returncode not in (0, 1):
            sys.exit(f"checkthat2020.py: import failed:\n{imp.stderr}")

        print(f"{'split':6} {'tweets':>6} {'MAP@1':>7} {'MAP@3':>7} {'MAP@5':>7} "
              f"{'MAP@10':>7} {'P@1':>7} {'seconds':>8}")
        for split in args.splits.split(","):
            queries_path, qrels_path = split_files(args.data, split)
            gold = read_qrels(qrels_path)
            lines = []
            for cols in read_tsv(queries_path):
                if len(cols) >= 2:
                    lines.append(json.dumps({"id": cols[0].strip(), "text": "\t".join(cols[1:])}))
            t = time.time()
            run = subprocess.run(
                [args.bin, "--db", db, "search", "--input", "jsonl", "--only", "fact-checks",
                 "--limit", str(max(DEPTHS))],
                input="\n".join(lines) + "\n", capture_output=True, text=True)
            seconds = time.time() - t
            if run.returncode != 0:
                sys.exit(f"checkthat2020.py: search failed:\n{run.stderr}")
            ranked = {}
            for line in run.stdout.splitlines():
                r = json.loads(line)
                docs = []
                for hit in r["results"]:
                    for vid in by_text.get(plain(hit["text"]), []):
                        if vid not in docs:
                            docs.append(vid)
                ranked[str(r["id"])] = docs
            maps, p1 = scores(ranked, gold)
            print(f"{split:6} {len(gold):>6} {maps[1]:7.4f} {maps[3]:7.4f} {maps[5]:7.4f} "
                  f"{maps[10]:7.4f} {p1:7.4f} {seconds:8.2f}")


if __name__ == "__main__":
    main()
