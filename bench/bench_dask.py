#!/usr/bin/env python3
"""Benchmark of ``zwgk extract --engine dask`` against the local pool, on real reports.

    python bench/bench_dask.py                  # 2 copies of the dev set's born-digital renderings
    python bench/bench_dask.py --copies 4 --runs 2 --json bench_dask.json

Inputs: every .txt/.html/.docx/.pdf of ../shared/corpus/real except the scans (``--corpus`` to
change; the scans would make one run last minutes of OCR), copied ``--copies`` times into
folders of their own, so each run has a few hundred files. Four configurations, each timed as
the wall time of ``batch.run_batch`` into a fresh OUTDIR (best of ``--runs``):

* local pool, 1 and 2 workers (``--jobs``);
* Dask, 1 and 2 single-threaded workers of a LocalCluster on 127.0.0.1 that is started before
  the timing (a running cluster, as a user with ``--scheduler`` has; its start is printed
  apart). The Dask runs include registering the worker plugin and warming each worker's child.

Printed: files/s of each, the 1→2 worker scaling under Dask, the Dask overhead per file against
the local pool with the same number of workers ((Dask worker-seconds per file − local) / local),
the mean per-file time measured inside the worker (manifest ``seconds``), worker peak RSS, and
a projection for 1,000,000 reports from those measured costs. The load average before and after
is printed: other processes on the machine take CPU from the 2-worker runs, so read the figures
of a quiet machine (on a shared 2-core box, the scaling and overhead figures are bounds).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor import batch  # noqa: E402
from extractor.batch import BatchOptions, run_batch  # noqa: E402


def inputs(corpus: Path, copies: int, work: Path) -> list[str]:
    files = sorted(p for p in corpus.iterdir()
                   if p.suffix in (".txt", ".html", ".docx", ".pdf") and ".scan." not in p.name
                   and not p.name.endswith((".gold.json", ".meta.json")))
    folders = []
    for k in range(copies):
        d = work / "in" / f"copy{k}"
        d.mkdir(parents=True, exist_ok=True)
        for f in files:
            shutil.copy2(f, d / f.name)
        folders.append(str(d))
    return folders


def timed(folders, out: Path, opts) -> dict:
    if out.exists():
        shutil.rmtree(out)
    t0 = time.monotonic()
    s = run_batch(folders, out, opts)
    wall = time.monotonic() - t0
    per_file = [json.loads(line)["seconds"] for line in (out / batch.MANIFEST).read_text().splitlines()]
    assert s.ok + s.errors + s.needs_ocr == s.files and s.skipped == 0
    return {"wall": wall, "files": s.files, "ok": s.ok, "mean_file_s": statistics.fmean(per_file),
            "peak_rss_mb": max(s.worker_peak_rss_mb.values() or [0.0])}


def best(runs: int, fn) -> dict:
    results = [fn() for _ in range(runs)]
    return min(results, key=lambda r: r["wall"])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "real"))
    ap.add_argument("--copies", type=int, default=2, help="copies of the corpus per run (default 2)")
    ap.add_argument("--runs", type=int, default=1, help="timed runs per configuration, best kept (default 1)")
    ap.add_argument("--json", help="also write the figures as JSON")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    from distributed import LocalCluster

    from extractor.dask_engine import DaskOptions

    work = Path(tempfile.mkdtemp(prefix="zwgk-bench-dask-"))
    res: dict = {"load_before": os.getloadavg()}
    try:
        folders = inputs(corpus, args.copies, work)
        for jobs in (1, 2):
            res[f"local{jobs}"] = best(args.runs, lambda: timed(folders, work / "out", BatchOptions(jobs=jobs, quiet=True)))
            print(f"local pool, {jobs} worker(s): {res[f'local{jobs}']}", file=sys.stderr)
            t0 = time.monotonic()
            cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address="127.0.0.1:0")
            res[f"cluster_start{jobs}"] = time.monotonic() - t0
            try:
                opts = DaskOptions(scheduler=cluster.scheduler_address, quiet=True)
                res[f"dask{jobs}"] = best(args.runs, lambda: timed(folders, work / "out", opts))
            finally:
                cluster.close()
            print(f"dask, {jobs} worker(s): {res[f'dask{jobs}']}", file=sys.stderr)
        res["load_after"] = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    n = res["dask1"]["files"]
    cost = {k: res[k]["wall"] * int(k[-1]) / n for k in ("local1", "local2", "dask1", "dask2")}  # worker-s/file
    res["worker_seconds_per_file"] = cost
    res["scaling_dask_1_to_2"] = res["dask1"]["wall"] / res["dask2"]["wall"]
    res["scaling_local_1_to_2"] = res["local1"]["wall"] / res["local2"]["wall"]
    res["dask_overhead_1"] = (cost["dask1"] - cost["local1"]) / cost["local1"]
    res["dask_overhead_2"] = (cost["dask2"] - cost["local2"]) / cost["local2"]
    # the projection: worker-seconds per born-digital report as measured with 2 Dask workers
    per = cost["dask2"]
    million = 1_000_000
    res["projection"] = {"worker_seconds_per_report": per, "worker_hours_1M": million * per / 3600,
                         "hours_1M_at": {w: million * per / 3600 / w for w in (2, 16, 64, 256)},
                         "peak_rss_mb_per_child": max(res["dask1"]["peak_rss_mb"], res["dask2"]["peak_rss_mb"])}

    print(f"\n{n} files ({args.copies} copies of the born-digital renderings of {corpus}); "
          f"load average before {res['load_before'][0]:.1f}, after {res['load_after'][0]:.1f}")
    print(f"{'run':<14}{'wall s':>8}{'files/s':>9}{'worker-s/file':>15}{'in-worker s/file':>18}{'peak RSS MB':>13}")
    for k, label in (("local1", "local, 1"), ("local2", "local, 2"), ("dask1", "dask, 1"), ("dask2", "dask, 2")):
        r = res[k]
        print(f"{label:<14}{r['wall']:>8.1f}{r['files'] / r['wall']:>9.2f}{cost[k]:>15.4f}"
              f"{r['mean_file_s']:>18.4f}{r['peak_rss_mb']:>13.0f}")
    print(f"LocalCluster start (not in the Dask walls): {res['cluster_start1']:.1f} s (1 worker), "
          f"{res['cluster_start2']:.1f} s (2 workers)")
    print(f"scaling 1 -> 2 workers: Dask {res['scaling_dask_1_to_2']:.2f}x, local pool {res['scaling_local_1_to_2']:.2f}x")
    print(f"Dask overhead per file vs the local pool: {100 * res['dask_overhead_1']:+.1f}% (1 worker), "
          f"{100 * res['dask_overhead_2']:+.1f}% (2 workers)")
    p = res["projection"]
    print(f"projection, 1,000,000 born-digital reports at {per:.3f} worker-s each: {p['worker_hours_1M']:.0f} "
          f"worker-hours; " + ", ".join(f"{w} workers {h:.1f} h" for w, h in p["hours_1M_at"].items())
          + f"; about {p['peak_rss_mb_per_child']:.0f} MB peak per worker's child")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
