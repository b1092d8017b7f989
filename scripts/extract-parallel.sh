#!/usr/bin/env bash
# claimtrace extract over a directory of JSON Lines shards with GNU parallel, on one
# machine: one `claimtrace extract --format jsonl` process per shard, one thread each,
# as many at once as there are cores; the output is in the order of the shards (sorted
# by name), line for line what one process gives for the shards concatenated.
#
#   scripts/extract-parallel.sh SHARDS_DIR OUT.jsonl [-- EXTRACT_OPTIONS...]
#   scripts/extract-parallel.sh shards/ mentions.jsonl -- --with-text
#
# CLAIMTRACE names the binary (default: claimtrace on the PATH); JOBS the number of
# processes (default: the number of cores). One big file instead of shards:
#   parallel --pipe --keep-order --block 8M claimtrace extract --format jsonl --jobs 1 \
#     < archive.jsonl > mentions.jsonl
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 SHARDS_DIR OUT.jsonl [-- EXTRACT_OPTIONS...]" >&2
  exit 2
fi
shards=$1
out=$2
shift 2
[[ ${1:-} == "--" ]] && shift
claimtrace=${CLAIMTRACE:-claimtrace}
jobs=${JOBS:-$(nproc)}
command -v parallel >/dev/null || { echo "$0: GNU parallel is missing (Debian: apt-get install parallel)" >&2; exit 1; }
[[ -d $shards ]] || { echo "$0: $shards is not a directory of .jsonl shards" >&2; exit 1; }

extra=""
[[ $# -gt 0 ]] && extra=$(printf '%q ' "$@")
# --keep-order: output in the order of the shards; --halt: a failing shard fails the run
# (extract exits 1 when a line of its shard is malformed, after reporting it).
find "$shards" -maxdepth 1 -name '*.jsonl' -print0 | sort -z |
  parallel -0 --keep-order --jobs "$jobs" --halt now,fail=1 \
    "$(printf '%q' "$claimtrace") extract --format jsonl --jobs 1 $extra < {}" \
  > "$out"
