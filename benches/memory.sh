#!/usr/bin/env bash
# Peak resident memory of every report and export (and the listings) on databases of
# two corpus sizes: memory must be flat in corpus size, so each command's two figures
# should be within about 10% of each other.
#
#     bash benches/memory.sh                      # 10 and 50 MB, target/release/claimtrace
#     BIN=/tmp/other/claimtrace bash benches/memory.sh 10 30
#
# The corpora are ../shared/eval/make_bench.py's (extract-contract JSONL), written out as
# one article file per line and ingested with `claimtrace ingest`; they and their
# databases are kept under target/memory-bench/ between runs. Output: one line per
# command, peak RSS in MB at each size and the ratio of the largest to the first.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${BIN:-$here/target/release/claimtrace}"
make_bench="${MAKE_BENCH:-$here/../shared/eval/make_bench.py}"
[ -f "$make_bench" ] || make_bench=/work/shared/eval/make_bench.py
work="$here/target/memory-bench"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 50)
[ -x "$bin" ] || { echo "build first: cargo build --release ($bin missing)" >&2; exit 2; }
mkdir -p "$work"

database() {
    local mb="$1" dir="$work/corpus-$1" db="$work/db-$1.db"
    if [ ! -f "$db" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        python3 "$make_bench" "$mb" | python3 -c '
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for line in sys.stdin:
    d = json.loads(line)
    (out / (d["id"] + ".txt")).write_text(d["text"], encoding="utf-8")
    if d.get("date"):
        (out / (d["id"] + ".meta.json")).write_text(json.dumps({"published": d["date"]}))
' "$dir"
        "$bin" --db "$db" ingest "$dir" --quiet 2>/dev/null >/dev/null || true
        # Some reviewed and contested claims, so every report has rows.
        for id in $(seq 1 97 20000); do
            "$bin" --db "$db" review "$id" --status in_review --note "bench" --reviewer bench \
                >/dev/null 2>&1 || true
        done
        for id in $(seq 3 211 20000); do
            "$bin" --db "$db" flag "$id" --reason "bench" --against $((id + 1)) --reviewer bench \
                >/dev/null 2>&1 || true
        done
    fi
    echo "$db"
}

# Peak RSS in MB of a command, its output thrown away.
peak() {
    /usr/bin/time -f "%M" -o "$work/time.out" "$@" >/dev/null 2>/dev/null || true
    awk '{printf "%.1f", $1 / 1024}' "$work/time.out"
}

commands=(
    "report unsourced"
    "report unsourced --format csv"
    "report unsourced --format json"
    "report contested"
    "report status"
    "report orphans"
    "claims --format csv"
    "claims --format jsonl"
    "documents --format csv"
    "sources --format csv"
    "export --format csv"
    "export --format w3c"
    "export --format claimreview"
    "export --annotations @OUT@"
    "export --format brat --out @OUT@"
)

dbs=()
for mb in "${sizes[@]}"; do dbs+=("$(database "$mb")"); done
printf "%-36s" "command"
for mb in "${sizes[@]}"; do printf "%10s" "${mb} MB"; done
printf "%8s\n" "ratio"
for c in "${commands[@]}"; do
    printf "%-36s" "$c"
    first="" last=""
    for db in "${dbs[@]}"; do
        out="$work/out" && rm -rf "$out"
        # shellcheck disable=SC2086
        m=$(peak "$bin" --db "$db" ${c//@OUT@/$out})
        printf "%10s" "$m"
        first="${first:-$m}" last="$m"
    done
    awk -v a="$first" -v b="$last" 'BEGIN { printf "%8.2f\n", (a > 0 ? b / a : 0) }'
done
