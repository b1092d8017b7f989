#!/usr/bin/env python3
"""claimtrace extract on Apache Spark: a directory of JSON Lines shards (one
{"id","text","date"} document a line) piped through `claimtrace extract --format jsonl`
with RDD.pipe, and written back as JSON Lines (Spark's part-NNNNN files).

    python3 scripts/spark_extract.py SHARDS_DIR OUT_DIR [--claimtrace PATH] [--with-text]
    spark-submit --master yarn scripts/spark_extract.py hdfs:///news/2025 hdfs:///claims/2025

Each partition runs one claimtrace process (one thread: Spark runs a task per core), so
the cluster's cores are used by Spark's own scheduling. The binary must be on every
worker (same path, or shipped with --files). Records within a partition keep their
input order; concatenating the part files in name order gives the input's order when
the shards are read in name order (Spark lists them so on a local or HDFS directory).
Without a --master from spark-submit, it runs in local mode on all cores
(SPARK_MASTER overrides).
"""
import argparse
import os
import shlex

from pyspark.sql import SparkSession


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shards", help="directory (or glob) of JSON Lines shards")
    ap.add_argument("out", help="output directory (must not exist)")
    ap.add_argument("--claimtrace", default="claimtrace", help="the claimtrace binary on the workers")
    ap.add_argument("--with-text", action="store_true",
                    help="analysed records, for claimtrace ingest --analysed")
    args = ap.parse_args()

    builder = SparkSession.builder.appName("claimtrace-extract")
    # spark-submit starts this script with a gateway of its own, and its --master; run
    # with python3 alone, it is Spark's local mode.
    if "PYSPARK_GATEWAY_PORT" not in os.environ:
        builder = builder.master(os.environ.get("SPARK_MASTER", "local[*]"))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    cmd = [args.claimtrace, "extract", "--format", "jsonl", "--jobs", "1"]
    if args.with_text:
        cmd.append("--with-text")
    # checkCode: a partition whose claimtrace exits non-zero (a malformed line, which it
    # reports on stderr) fails its task, so a bad corpus cannot pass as a smaller one.
    (spark.sparkContext.textFile(args.shards)
        .pipe(shlex.join(cmd), checkCode=True)
        .saveAsTextFile(args.out))
    spark.stop()


if __name__ == "__main__":
    main()
