#!/usr/bin/env python3
"""Writes a seeded Zipf sequence of query numbers for benchmarks/api-vs-sql.

usage: zipf.py QUERIES REQUESTS EXPONENT SEED OUT

OUT gets REQUESTS lines, each a 1-based line number of bodies.jsonl. Rank k (1 = the most
popular) is drawn with probability proportional to 1 / k^EXPONENT; ranks are mapped to queries
through a seeded shuffle, so popularity has nothing to do with a query's id. Python's random is
Mersenne Twister with a documented, version-stable seeding of integers, so a seed names one
sequence: both sides of a comparison, and every run of the benchmark, send the same requests in
the same order. Prints "DISTINCT n": the number of different queries in the sequence, which
bounds the hits (every first occurrence must miss).
"""

import bisect
import itertools
import random
import sys


def main() -> None:
    queries, requests, exponent, seed, out = (
        int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    generator = random.Random(seed)
    by_rank = list(range(1, queries + 1))
    generator.shuffle(by_rank)
    # Inverse-CDF draws over the cumulative weights: exact for any exponent, no rejection loop.
    cumulative = list(itertools.accumulate(1.0 / rank ** exponent for rank in range(1, queries + 1)))
    total = cumulative[-1]
    sequence = [by_rank[bisect.bisect_left(cumulative, generator.random() * total)] for _ in range(requests)]
    with open(out, "w", encoding="ascii") as file:
        file.write("".join(f"{query}\n" for query in sequence))
    print(f"DISTINCT {len(set(sequence))}")


if __name__ == "__main__":
    main()
