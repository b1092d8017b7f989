#!/usr/bin/env python3
"""Generate src/recognize/attribution/learned.rs: cue verbs counted on PolNeAR *train*.

    python3 ../shared/eval/polnear2jsonl.py POLNEAR_GIT train -o /tmp/polnear-train.jsonl
    python3 tools/polnear_cues.py /tmp/polnear-train.jsonl > src/recognize/attribution/learned.rs
    cargo fmt

Counts, over the train split only (never dev or test), how often each lower-case word
occurs in a cue span and how often it occurs at all. A word becomes a cue verb when it
is in at least MIN_COUNT cues and at least MIN_RATE of its occurrences are cues, and it
has verb morphology (-ed, -ing, -s; adverbs in -ly and nouns are left to the rules);
its lemma is kept when its inflections together are cues at MIN_RATE too.
Its lemma is the base form whose regular inflections include the word and which occurs
in the corpus; the lexicon then knows every inflection of it. A verb that is a cue in
at least SPEECH_RATE of its occurrences is a speech verb (a cue in almost any finite
use); the others are cognition verbs (a cue only with a subject in front).
Standard library only; the output is sorted, so a rerun gives the same file.
"""
import collections
import json
import re
import sys

MIN_COUNT = 4
MIN_RATE = 0.5
SPEECH_RATE = 0.7
# Verbs whose cue rate is below MIN_RATE but at least MODEL_RATE ("support", "oppose",
# "show") are read only by the fallback model, never by the sentence-shape rules.
MODEL_RATE = 0.3
WORD = re.compile(r"[A-Za-z]+")


def regular_forms(lemma):
    """The inflections `cues.rs` derives from a lemma (its `regular_forms`)."""
    stem = lemma[:-1]
    if lemma.endswith("e"):
        return [lemma, lemma + "s", lemma + "d", stem + "ing"]
    if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
        return [lemma, stem + "ies", stem + "ied", lemma + "ing"]
    if lemma.endswith(("ss", "sh", "ch")):
        return [lemma, lemma + "es", lemma + "ed", lemma + "ing"]
    return [lemma, lemma + "s", lemma + "ed", lemma + "ing"]


def lemma_of(word, seen):
    """The lemma of an inflected word: a base form that occurs in the corpus and whose
    regular inflections include the word and occur, else None."""
    candidates = []
    for suffix, repl in [("ied", "y"), ("ies", "y"), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("es", ""), ("s", ""), ("ing", ""), ("ing", "e")]:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            candidates.append(word[: -len(suffix)] + repl)
    # The base, the past and the gerund all occur ("complaints" is a noun: no
    # "complainted"); of two candidates ("noted": "not", "note") the one whose other
    # inflections occur more ("notes", not "nots").
    found = [
        c for c in candidates
        if word in regular_forms(c) and seen[c] > 0
        and all(seen[f] > 0 for f in regular_forms(c)[2:])
    ]
    return max(found, key=lambda c: (sum(seen[f] for f in regular_forms(c)[1:]), c)) if found else None


def main():
    cue = collections.Counter()
    seen = collections.Counter()
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            for w in WORD.findall(doc["text"]):
                seen[w] += 1
            for m in doc["mentions"]:
                if m.get("cue"):
                    for w in set(WORD.findall(m["cue"]["text"])):
                        cue[w] += 1
    lemmas = {}
    model_only = {}
    for word, n in cue.items():
        if not word.islower() or n < MIN_COUNT or n / seen[word] < MODEL_RATE:
            continue
        if word.endswith("ly") or not word.endswith(("ed", "ing", "s")):
            continue
        lemma = lemma_of(word, seen)
        if lemma is None:
            continue
        forms = regular_forms(lemma)
        total_cue = sum(cue[f] for f in forms[1:])
        total_seen = sum(seen[f] for f in forms[1:])
        rate = total_cue / max(total_seen, 1)
        # The lemma as a whole, not one lucky form ("talked" is a cue, "talks" a noun).
        if rate >= MIN_RATE and n / seen[word] >= MIN_RATE:
            lemmas[lemma] = (total_cue, total_seen, rate)
        elif rate >= MODEL_RATE:
            model_only[lemma] = (total_cue, total_seen, rate)
    for lemma in lemmas:
        model_only.pop(lemma, None)
    print("//! Cue verbs learned from PolNeAR train counts. Generated; do not edit by hand:")
    print("//!")
    print("//! ```text")
    print("//! python3 ../shared/eval/polnear2jsonl.py POLNEAR_GIT train -o /tmp/polnear-train.jsonl")
    print("//! python3 tools/polnear_cues.py /tmp/polnear-train.jsonl > src/recognize/attribution/learned.rs")
    print("//! cargo fmt")
    print("//! ```")
    print("//!")
    print(f"//! A lemma is here when one of its inflections is in at least {MIN_COUNT} cue spans of")
    print(f"//! the train split, and it and its inflections together are cues in at least {MIN_RATE:.0%}")
    print("//! of their occurrences; speech when its")
    print(f"//! inflections are cues in at least {SPEECH_RATE:.0%} of their occurrences, else cognition.")
    print("//! The comment after each gives (cue count, occurrences) of its inflected forms.")
    print()
    print("/// (lemma, is speech): verbs the train split uses as cues, beyond the hand lexicon.")
    print("pub const LEARNED: &[(&str, bool)] = &[")
    for lemma in sorted(lemmas):
        n, a, rate = lemmas[lemma]
        print(f'    ("{lemma}", {"true" if rate >= SPEECH_RATE else "false"}), // {n}/{a}')
    print("];")
    print()
    print(f"/// Verbs whose inflections are cues in at least {MODEL_RATE:.0%} (but under {MIN_RATE:.0%}) of their")
    print("/// occurrences: too often no cue for the rules, so only the fallback model reads them.")
    print("pub const MODEL_ONLY: &[&str] = &[")
    for lemma in sorted(model_only):
        n, a, rate = model_only[lemma]
        print(f'    "{lemma}", // {n}/{a}')
    print("];")


if __name__ == "__main__":
    main()
