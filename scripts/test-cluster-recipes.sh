#!/usr/bin/env bash
# Tests the cluster recipes (scripts/extract-parallel.sh with GNU parallel,
# scripts/spark_extract.py with Spark in local mode) on a generated corpus of at least
# 100 MB (articles made from the paragraphs of the bundled corpus, each a different run
# of them, some dated), cut into shards: each must give, record for record, what one
# `claimtrace extract --format jsonl` process gives for the whole corpus.
#
#   bash scripts/test-cluster-recipes.sh            # after cargo build --release
#
# CLAIMTRACE_BIN: the binary (default target/release/claimtrace); CLAIMTRACE_RECIPE_MB:
# the corpus size (default 100). Needs GNU parallel, pyspark and a JRE: .ci/run installs
# them, and in CI (CI=true) a missing one fails the test; elsewhere it is SKIPPED, loudly.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=$(realpath "${CLAIMTRACE_BIN:-target/release/claimtrace}")
mb=${CLAIMTRACE_RECIPE_MB:-100}

missing=()
command -v parallel >/dev/null || missing+=("GNU parallel (apt-get install parallel)")
command -v java >/dev/null || missing+=("a JRE (apt-get install default-jre-headless)")
python3 -c 'import pyspark' 2>/dev/null || missing+=("pyspark (python3 -m pip install pyspark)")
[[ -x $bin ]] || missing+=("the claimtrace binary at $bin (cargo build --release)")
if [[ ${#missing[@]} -gt 0 ]]; then
  for m in "${missing[@]}"; do echo "missing: $m" >&2; done
  if [[ ${CI:-} == true ]]; then
    echo "cluster recipes: FAILED: CI must run them (see .ci/run)" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "cluster recipes: SKIPPED (not in CI, and the tools above are missing)" >&2
  exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The corpus: articles of 3 to 40 paragraphs of the bundled articles, in a different
# order each, every third dated, until it holds $mb MB.
python3 - "$mb" > "$tmp/corpus.jsonl" <<'PY'
import glob, json, sys
target = int(sys.argv[1]) * 1_000_000
paragraphs = [p for path in sorted(glob.glob("corpus/*.txt"))
              for p in open(path, encoding="utf-8").read().splitlines() if p.strip()]
n, size, i = len(paragraphs), 0, 0
while size < target:
    length = 3 + (i * 7) % 38
    text = "\n\n".join(paragraphs[(i * 13 + k * (1 + i % 5)) % n] for k in range(length))
    record = {"id": "doc-%06d" % i, "text": text,
              "date": "2025-%02d-%02d" % (1 + i % 12, 1 + i % 28) if i % 3 == 0 else None}
    line = json.dumps(record, ensure_ascii=False) + "\n"
    sys.stdout.write(line)
    size += len(line.encode("utf-8"))
    i += 1
PY
bytes=$(stat -c %s "$tmp/corpus.jsonl")
if (( bytes < mb * 1000000 )); then
  echo "the generated corpus is $bytes bytes, less than $mb MB" >&2
  exit 1
fi
mkdir "$tmp/shards"
# Line-aligned shards, in the order of the corpus by name.
split -n l/12 -d -a 3 --additional-suffix=.jsonl "$tmp/corpus.jsonl" "$tmp/shards/shard-"

passed=0
failed=0
check() { # NAME: compare $tmp/NAME.jsonl with the single-process output
  local name=$1 how=$2
  local want got
  want=$(wc -l < "$tmp/single.jsonl")
  got=$(wc -l < "$tmp/$name.jsonl")
  if [[ $how == same-order ]] && cmp -s "$tmp/single.jsonl" "$tmp/$name.jsonl"; then
    echo "ok: $name: $got records, byte for byte those of one process, in order"
    passed=$((passed + 1))
  elif [[ $how == any-order ]] &&
    cmp -s <(LC_ALL=C sort "$tmp/single.jsonl") <(LC_ALL=C sort "$tmp/$name.jsonl"); then
    echo "ok: $name: $got records, record for record those of one process"
    passed=$((passed + 1))
  else
    echo "FAILED: $name: $got records against $want from one process, or different records" >&2
    failed=$((failed + 1))
  fi
}

echo "corpus: $((bytes / 1000000)) MB, $(wc -l < "$tmp/corpus.jsonl") documents in 12 shards"
start=$SECONDS
"$bin" extract --format jsonl < "$tmp/corpus.jsonl" > "$tmp/single.jsonl"
echo "one process: $((SECONDS - start)) s"

start=$SECONDS
CLAIMTRACE=$bin scripts/extract-parallel.sh "$tmp/shards" "$tmp/parallel.jsonl"
echo "GNU parallel: $((SECONDS - start)) s"
check parallel same-order

start=$SECONDS
python3 scripts/spark_extract.py "$tmp/shards" "$tmp/spark-out" --claimtrace "$bin" 2> "$tmp/spark.log" ||
  { tail -30 "$tmp/spark.log" >&2; echo "FAILED: the Spark job" >&2; exit 1; }
cat "$tmp"/spark-out/part-* > "$tmp/spark.jsonl"
echo "Spark (local mode): $((SECONDS - start)) s"
# Spark lists the shards in name order here, but its order is not the recipe's promise.
check spark any-order

echo "cluster recipes: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
