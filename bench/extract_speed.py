#!/usr/bin/env python3
"""extract_speed.py: throughput of `incimap extract` on one core, against
`wc -w` over the same corpus in the same run (the peer: the cost of merely
reading and splitting the text into words).

Usage: extract_speed.py --incimap BIN --corpus FILE.jsonl [--repeat N] [--gazetteer DIR]
The corpus is concatenated N times into a work file first. Prints a Markdown
table on stdout.
"""
import argparse
import os
import shutil
import subprocess
import sys
import time


def best_of(cmd, runs):
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
        if p.returncode not in (0, 1):
            sys.stderr.write(p.stderr.decode("utf-8", "replace"))
            raise SystemExit("failed: %s" % " ".join(cmd))
        best = dt if best is None or dt < best else best
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--incimap", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--gazetteer")
    ap.add_argument("--work", default="bench/work")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    big = os.path.join(args.work, "speed.jsonl")
    with open(args.corpus, "rb") as src:
        data = src.read()
    with open(big, "wb") as out:
        for _ in range(args.repeat):
            out.write(data)
    n_art = data.count(b"\n") * args.repeat
    size = len(data) * args.repeat
    pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    gz = ["--gazetteer", args.gazetteer] if args.gazetteer else []
    # warm up: the gazetteer index is built once, before timing
    subprocess.run([args.incimap, "geocode", "Basra"] + gz, stdout=subprocess.DEVNULL)
    inc = pin + [args.incimap, "extract", "-q", "-f", "geojsonseq", big, "-o", "/dev/null"] + gz
    wc = pin + ["wc", "-w", big]
    t_inc = best_of(inc, args.runs)
    t_wc = best_of(wc, args.runs)
    show = lambda c: " ".join(c).replace(args.work + "/", "bench/work/")
    print("| measure | incimap extract | wc -w |")
    print("|---|---|---|")
    print("| command | `%s` | `%s` |" % (show(inc), show(wc)))
    print("| corpus | %d articles, %.1f MB | same file |" % (n_art, size / 1e6))
    print("| time (best of %d) | %.3f s | %.3f s |" % (args.runs, t_inc, t_wc))
    print("| articles/s | %.0f | %.0f |" % (n_art / t_inc, n_art / t_wc))
    print("| MB/s | %.2f | %.1f |" % (size / 1e6 / t_inc, size / 1e6 / t_wc))
    print("| time ratio incimap / wc | %.1f | 1 |" % (t_inc / t_wc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
