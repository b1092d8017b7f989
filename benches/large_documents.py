#!/usr/bin/env python3
"""Cost of `claimtrace extract` on one large document: time, peak memory, output size.

Issue 19 asks for cost linear in the input. This runs the release binary as a desk
would (`extract --format jsonl`, one JSON document on standard input) on:

- single documents of realistic sentences: the bundled seed article repeated to 1, 2,
  4 and 8 MB (its paragraphs kept, one document), and 8 MB of it on one line (one
  paragraph);
- the attribution-dense pattern "he said, she said. " (one run-on "sentence", two
  relations every 19 bytes) at 19, 76 and 190 KB.

For each it prints the wall-clock and CPU (user + system) seconds, the best of
`--runs` runs, the child's peak resident memory (from wait4), and the output size as
a multiple of the input. Targets: CPU time 8 MB / 1 MB <= 10, output <= 50x input.
The machine is shared, so compare CPU seconds; wall-clock time includes waiting.

    cargo build --release
    python3 benches/large_documents.py [--bin target/release/claimtrace] [--runs 3]

Standard library only. Not a test: nothing here fails a build.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def seed_text():
    paths = sorted(glob.glob(os.path.join(ROOT, "corpus", "*.txt")))
    if not paths:
        sys.exit("no article in corpus/")
    with open(paths[0], encoding="utf-8") as f:
        return f.read()


def repeated(unit, size):
    """`unit` repeated to about `size` bytes, cut at a line (or unit) boundary."""
    text = unit * (size // len(unit.encode("utf-8")) + 1)
    text = text.encode("utf-8")[:size].decode("utf-8", "ignore")
    cut = text.rfind("\n")
    return text[: cut + 1] if cut > 0 else text


def run_once(binary, path):
    """Runs the binary on one input file; returns (wall s, cpu s, peak RSS bytes, output bytes)."""
    with open(path, "rb") as stdin:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [binary, "extract", "--format", "jsonl"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        out = 0
        while True:
            chunk = proc.stdout.read(1 << 20)
            if not chunk:
                break
            out += len(chunk)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{binary} failed on {path} (status {status})")
    # ru_maxrss is in kilobytes on Linux.
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, out


CASES = (
    [(f"seed article, {mb} MB", "seed", mb * 1_000_000) for mb in (1, 2, 4, 8)]
    + [("seed article, one line, 8 MB", "seed-one-line", 8_000_000)]
    + [(f"he said, she said., {kb} KB", "dense", kb * 1000) for kb in (19, 76, 190)]
)


def write_inputs(directory):
    """Writes one JSONL input file per case (run in a child process, so that the
    runner stays small: a forked child's peak memory counts the parent's pages)."""
    seed = seed_text()
    units = {
        "seed": seed,
        "seed-one-line": seed.replace("\n", " "),
        "dense": "he said, she said. ",
    }
    for k, (name, unit, size) in enumerate(CASES):
        text = repeated(units[unit], size)
        with open(os.path.join(directory, f"{k}.jsonl"), "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": name, "text": text, "date": None}) + "\n")
        with open(os.path.join(directory, f"{k}.size"), "w") as f:
            f.write(str(len(text.encode("utf-8"))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "claimtrace"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--write-inputs", metavar="DIR", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.write_inputs:
        write_inputs(args.write_inputs)
        return
    if not os.path.exists(args.bin):
        sys.exit(f"{args.bin} not found; run `cargo build --release` first")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, __file__, "--write-inputs", tmp], check=True)
        for k, (name, _, _) in enumerate(CASES):
            path = os.path.join(tmp, f"{k}.jsonl")
            with open(os.path.join(tmp, f"{k}.size")) as f:
                n = int(f.read())
            results = [run_once(args.bin, path) for _ in range(args.runs)]
            wall = min(r[0] for r in results)
            cpu = min(r[1] for r in results)
            rss = max(r[2] for r in results)
            out = results[0][3]
            rows.append((name, n, wall, cpu, rss, out))
    print(f"{'input':<30} {'bytes':>10} {'wall s':>8} {'cpu s':>7} {'peak MB':>8} "
          f"{'mem/in':>7} {'out MB':>8} {'out/in':>7}")
    for name, n, wall, cpu, rss, out in rows:
        print(f"{name:<30} {n:>10} {wall:>8.3f} {cpu:>7.3f} {rss / 1e6:>8.1f} "
              f"{rss / n:>7.1f} {out / 1e6:>8.2f} {out / n:>7.1f}")
    by = {r[0]: r for r in rows}
    one, eight = by["seed article, 1 MB"], by["seed article, 8 MB"]
    print(f"\n8 MB / 1 MB: cpu {eight[3] / max(one[3], 1e-9):.1f}x, "
          f"wall {eight[2] / max(one[2], 1e-9):.1f}x (target <= 10x)")
    dense = [r for r in rows if r[0].startswith("he said")]
    print("attribution-dense output / input: "
          + ", ".join(f"{r[5] / r[1]:.1f}x" for r in dense) + " (target <= 50x)")


if __name__ == "__main__":
    main()
