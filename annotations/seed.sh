#!/bin/sh
# Regenerates annotations/ from the seed article: ingest it into a temporary database,
# review a few claims the way a desk would, export the annotation file, then correct the
# components of the reviewed claims by hand (the reviewers' gold for `claimtrace eval`)
# and check that the corrected file imports into a fresh database and exports back
# byte for byte.
#
#   CLAIMTRACE=target/release/claimtrace sh annotations/seed.sh
set -eu
CT=${CLAIMTRACE:-target/release/claimtrace}
TMP=$(mktemp -d)
DB=$TMP/seed.db
export CLAIMTRACE_REVIEWER=desk
ct() { "$CT" --db "$DB" "$@"; }
id_of() { ct claims --search "$1" --format json | jq -e '.[0].id'; }

ct ingest corpus/ --quiet
CENSUS=$(id_of "600,000 Azerbaijanis")
PUTIN=$(id_of "closer to 2 million")
WAR=$(id_of "44-day war")
RAID=$(id_of "27 June 2025")

ct review "$CENSUS" --status in_review \
  --note "2010 census tables give about 603,000 Azerbaijanis; the 2020 round was held in 2021, check its figure"
ct flag "$CENSUS" --against "$PUTIN" \
  --reason "census about 600,000; Putin claimed closer to 2 million"
ct review "$PUTIN" --status unverifiable \
  --note "no source for 2 million is given, and Putin named none"
ct review "$WAR" --status verified \
  --note "27 September to 10 November 2020: 44 days, ended by the trilateral statement of 10 November 2020"
ct review "$RAID" --status in_review \
  --note "check the date and the two deaths against the Azerbaijani foreign ministry's statement"

rm -f annotations/*.json
ct export --annotations annotations/

# The reviewers' corrections: the true figures, dates and attribution of each reviewed claim.
python3 - annotations/*.json <<'PY'
import json, sys

GOLD = {
    "600,000 Azerbaijanis": [
        ("date", "2010", {"type": "DATE", "value": "2010"}),
        ("date", "2020", {"type": "DATE", "value": "2020"}),
        ("figure", "about 600,000", {"value": "600000", "mod": "APPROX"}),
    ],
    "closer to 2 million": [
        ("date", "2020", {"type": "DATE", "value": "2020"}),
        ("figure", "2 million", {"value": "2000000", "mod": "APPROX"}),
        ("figure", "20%", {"value": "20", "unit": "percent"}),
    ],
    "44-day war": [
        ("date", "44-day", {"type": "DURATION", "value": "P44D"}),
        ("date", "2020", {"type": "DATE", "value": "2020"}),
    ],
    "27 June 2025": [
        ("date", "27 June 2025", {"type": "DATE", "value": "2025-06-27"}),
        ("figure", "two", {"value": "2"}),
    ],
}
ATTRIBUTION = {
    "closer to 2 million": ("Vladimir Putin", "claimed",
                            "in 2020 that the actual figure was closer to 2 million, equivalent to "
                            "20% of Azerbaijan’s current population", "person"),
}

def span(claim, text):
    i = claim["selector"]["exact"].index(text)
    return {"start": claim["start"] + i, "end": claim["start"] + i + len(text), "text": text}

path = sys.argv[1]
doc = json.load(open(path, encoding="utf-8"))
for c in doc["claims"]:
    for needle, parts in GOLD.items():
        if needle not in c["selector"]["exact"]:
            continue
        comps = []
        for kind, text, attrs in parts:
            m = {"kind": kind, **span(c, text)}
            for k in ("value", "low", "high", "unit", "mod", "type"):
                if k in attrs:
                    m[k] = attrs[k]
            comps.append(m)
        c["components"] = sorted(comps, key=lambda m: (m["start"], m["end"], m["kind"]))
        if needle in ATTRIBUTION:
            src, cue, content, kind = ATTRIBUTION[needle]
            s, q, t = span(c, src), span(c, cue), span(c, content)
            c["attribution"] = {"start": s["start"], "end": t["end"],
                                "text": c["selector"]["exact"][s["start"] - c["start"]:t["end"] - c["start"]],
                                "source": s, "cue": q, "content": t, "direct": False}
            c["source"] = {"name": src, "kind": kind, "role": None}
with open(path, "w", encoding="utf-8") as f:
    f.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
PY

# The corrected file must import cleanly and export back unchanged.
FRESH=$TMP/fresh.db
"$CT" --db "$FRESH" ingest corpus/ --quiet
"$CT" --db "$FRESH" import annotations/
"$CT" --db "$FRESH" export --annotations "$TMP/again"
diff -r annotations/ "$TMP/again" --exclude=README.md --exclude=seed.sh --exclude=gold
rm -rf "$TMP"
echo "annotations/ regenerated and round-trips"
