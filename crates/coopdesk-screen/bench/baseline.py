#!/usr/bin/env python3
"""Baseline: Python rapidfuzz token_set_ratio on the same entries, queries and normalisation.

Usage:
    cargo bench -p coopdesk-screen --bench screen -- --export "$PWD/crates/coopdesk-screen/bench/out"
    (cargo runs benches in the crate directory, so give an absolute path)
    python3 crates/coopdesk-screen/bench/baseline.py crates/coopdesk-screen/bench/out

The Rust bench writes every name, alias, Chinese name and acronym of the 100 000 entries already
normalised by coopdesk_screen::normalize (names.tsv), and the labelled queries with their normalised
form (queries.tsv). This script scores each query against all names with rapidfuzz's token_set_ratio,
keeps names at or above the same threshold (0.85, i.e. 85), reports an entity when any of its names
passes, and prints recall, false-hit rate and milliseconds per query in the Rust bench's format.
Normalisation time is not counted for either side's queries here (it is part of the Rust figure).
"""

import csv
import statistics
import sys
import time

from rapidfuzz import fuzz, process

THRESHOLD = 85.0


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def main(out_dir):
    names = read_tsv(f"{out_dir}/names.tsv")
    queries = read_tsv(f"{out_dir}/queries.tsv")
    choices = [n["normalised"] for n in names]
    owners = [n["entity"] for n in names]
    entities = len(set(owners))

    found = listed = clean = false_hits = 0
    times = []
    misses = []
    for q in queries:
        started = time.perf_counter()
        matches = process.extract(
            q["normalised"], choices, scorer=fuzz.token_set_ratio, score_cutoff=THRESHOLD, limit=None
        )
        hit_entities = {owners[index] for _, _, index in matches}
        times.append((time.perf_counter() - started) * 1000.0)
        if q["expected"] == "-":
            clean += 1
            false_hits += bool(hit_entities)
        else:
            listed += 1
            if q["expected"] in hit_entities:
                found += 1
            else:
                misses.append(q["query"])
    times.sort()
    p99 = times[min(len(times) - 1, len(times) * 99 // 100)]
    print(f"rapidfuzz token_set_ratio: {entities} entries, {len(choices)} names")
    print(
        f"rapidfuzz token_set_ratio: recall {found / max(listed, 1):.3f}  "
        f"false-hit rate {false_hits / max(clean, 1):.3f}  "
        f"ms/query mean {statistics.fmean(times):.3f}  p99 {p99:.3f}  max {times[-1]:.3f}"
    )
    for miss in misses:
        print(f"  miss: {miss}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "crates/coopdesk-screen/bench/out")
