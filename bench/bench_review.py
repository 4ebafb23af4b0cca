#!/usr/bin/env python3
"""Benchmark: review-site generation (``zwgk review``) for N documents (default 1,000; goal ≤ 10 s).

    python bench/bench_review.py              # the bundled corpus' 28 results, copied to 1,000 documents
    python bench/bench_review.py --n 10000    # the index's size and time for 10,000
    python bench/bench_review.py --real       # the results of ../shared/corpus/real (212 renderings) instead

The source results are extracted once with ``--emit-text`` (not timed), then copied under
distinct names into an OUTDIR of N documents; the timed part is ``build_site`` (read every
JSON and text, mark every fact, write every page and the index), best of ``--repeat``.
Prints one line: documents, seconds, documents per second, facts marked, site size.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000, help="documents in the site (default 1000)")
    ap.add_argument("--real", action="store_true", help="copy the results of ../shared/corpus/real")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs; the best is printed (default 2)")
    args = ap.parse_args(argv)
    from extractor.cli import main as cli_main
    from extractor.review.site import build_site

    corpus = REPO.parent / "shared" / "corpus" / "real" if args.real else REPO / "corpus"
    if not corpus.is_dir():
        print(f"bench_review: {corpus} is not here", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="zwgk-bench-review-") as tmp:
        tmp = Path(tmp)
        src = tmp / "src"
        if cli_main(["extract", str(corpus), "-o", str(src), "--emit-text", "-q"]) not in (0, 1):
            print("bench_review: extract failed", file=sys.stderr)
            return 2
        pairs = sorted(p for p in src.rglob("*.json"))
        out = tmp / "out"
        for i in range(args.n):
            p = pairs[i % len(pairs)]
            d = out / f"batch{i // 500:03d}"
            d.mkdir(parents=True, exist_ok=True)
            stem = f"{i:05d}_{p.name[:-len('.json')]}"
            shutil.copyfile(p, d / f"{stem}.json")
            t = p.with_name(p.name[:-len(".json")] + ".text.txt")
            if t.exists():
                shutil.copyfile(t, d / f"{stem}.text.txt")
        best, best_cpu, res = None, None, None
        for r in range(max(1, args.repeat)):
            site = tmp / f"site{r}"
            t0, c0 = time.perf_counter(), time.process_time()
            res = build_site(out, site, reextract=False)
            dt, cpu = time.perf_counter() - t0, time.process_time() - c0
            if best is None or dt < best:
                best, best_cpu = dt, cpu
        size = _size(site) / 1e6
        index = (site / "data" / "index.js").stat().st_size / 1e6
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"review site: {res.documents} documents ({'real' if args.real else 'bundled'} results copied) "
              f"in {best:.2f} s wall, {best_cpu:.2f} s CPU (goal ≤ 10 s for 1,000) = {res.documents / best:.0f} docs/s; "
              f"{res.marked}/{res.facts} facts marked; site {size:.1f} MB, index data {index:.2f} MB; "
              f"load average {load:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
