#!/usr/bin/env python3
"""Benchmark of ``zwgk extract --engine dask`` against the local pool, on real reports.

    python bench/bench_dask.py                  # 2 and 4 copies of the dev set's born-digital renderings
    python bench/bench_dask.py --copies 4 --runs 2 --json bench_dask.json

Inputs: every .txt/.html/.docx/.pdf of ../shared/corpus/real except the scans (``--corpus`` to
change; the scans would make one run last minutes of OCR), copied into folders of their own.
Four configurations, each run twice into a fresh OUTDIR: on ``--copies`` copies and on twice
as many (best of ``--runs`` each). Per-file figures are marginal — (larger run − smaller run)
÷ the files between — so start-up (a LocalCluster worker's child warms up from a fresh
interpreter, the local pool forks from a warm server) and the tail of a run cancel out:

* local pool, 1 and 2 workers (``--jobs``);
* Dask, 1 and 2 single-threaded workers of a LocalCluster on 127.0.0.1 that is started before
  the timing (a running cluster, as a user with ``--scheduler`` has; its start is printed
  apart), the one ``--engine dask`` starts (``dask_engine.local_cluster``: ``LEAN_CONFIG``;
  ``--dask-defaults``: Dask's default config instead). The Dask runs include registering the
  worker plugin and warming each worker's child.

Measured per file: wall × workers (worker-seconds) and the CPU seconds of the whole process
tree (this process with the LocalCluster's scheduler, the Dask workers and nannies, the
children, the local pool's workers: sampled by a thread), which a loaded machine disturbs far
less than wall time. Printed: the 1→2 worker scaling, the Dask overhead per file against the
local pool with as many workers, the marginal CPU split by process (``role``: this process
with the client, scheduler and nannies; the Dask workers; their children; the local pool),
the mean per-file time inside the worker (manifest ``seconds``), worker peak RSS, and a
projection for 1,000,000 reports from the measured costs. ``--idle 20`` only measures what an
idle LocalCluster costs per second (Dask's defaults against ``LEAN_CONFIG``).
The load average before and after is printed: other processes on the machine take CPU from the
2-worker runs, so on a shared 2-core box the wall-time scaling and overhead are bounds.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
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


ROLES = ("main", "dask_worker", "child", "pool")


def role(p, me: int) -> str:
    """What a process of the tree is: ``main`` (this one: the client, and the LocalCluster's
    scheduler and nannies, or the local pool's parent), ``dask_worker`` (a Dask worker
    process), ``child`` (a Dask worker's per-file children and the server they are forked
    from), ``pool`` (the local pool's forkserver and its workers)."""
    if p.pid == me:
        return "main"
    try:
        cmd = " ".join(p.cmdline())
    except Exception:
        return "pool"
    if "worker_main" in cmd or "_child_main" in cmd:
        return "child"
    if "spawn_main" in cmd or "distributed.cli" in cmd or "dask worker" in cmd:
        return "dask_worker"
    try:  # a Dask worker's forkserver and the children forked from it
        if any(role(q, me) == "dask_worker" for q in p.parents() if q.pid != me):
            return "child"
    except Exception:
        pass
    return "pool"


class TreeCPU:
    """CPU seconds of this process and all its descendants (Dask workers and nannies, the
    per-file children, the local pool's workers), sampled every 0.2 s by a thread so that
    processes that end before the run does are still counted (up to their last sample);
    ``by_role``: the same split by ``role``."""

    def __init__(self):
        import psutil

        self.psutil = psutil
        self.seen: dict = {}
        self.roles: dict = {}
        self.me = os.getpid()
        self.own = 0.0  # this sampler's own CPU (it reads /proc for every process on the machine)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self):
        me = self.psutil.Process()
        for p in [me] + me.children(recursive=True):
            try:
                t = p.cpu_times()
                key = (p.pid, p.create_time())
                self.seen[key] = t.user + t.system
                if key not in self.roles:
                    self.roles[key] = role(p, self.me)
            except (self.psutil.Error, OSError):
                pass

    def _loop(self):
        while not self.stop.wait(0.2):
            t = time.thread_time()
            self._sample()
            self.own += time.thread_time() - t

    def __enter__(self):
        self._sample()
        self.base = dict(self.seen)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self._sample()
        self.stop.set()
        self.thread.join()
        self.cpu = sum(v - self.base.get(k, 0.0) for k, v in self.seen.items()) - self.own
        self.by_role = dict.fromkeys(ROLES, 0.0)
        self.by_role["main"] = -self.own
        for k, v in self.seen.items():
            r = self.roles.get(k, "pool")
            self.by_role[r] = self.by_role.get(r, 0.0) + v - self.base.get(k, 0.0)


def timed(folders, out: Path, opts) -> dict:
    if out.exists():
        shutil.rmtree(out)
    t0 = time.monotonic()
    with TreeCPU() as tc:
        s = run_batch(folders, out, opts)
    wall = time.monotonic() - t0
    per_file = [json.loads(line)["seconds"] for line in (out / batch.MANIFEST).read_text().splitlines()]
    assert s.ok + s.errors + s.needs_ocr == s.files and s.skipped == 0
    return {"wall": wall, "cpu": tc.cpu, "cpu_by_role": tc.by_role, "files": s.files, "ok": s.ok,
            "mean_file_s": statistics.fmean(per_file),
            "peak_rss_mb": max(s.worker_peak_rss_mb.values() or [0.0])}


def best(runs: int, fn) -> dict:
    results = [fn() for _ in range(runs)]
    return min(results, key=lambda r: r["wall"])


def idle(seconds: float) -> int:
    """CPU per second of an idle LocalCluster (one worker, a client): Dask's defaults, then
    ``LEAN_CONFIG``. What Dask's housekeeping costs whatever the work, for as long as a run lasts."""
    import psutil
    from distributed import Client, LocalCluster

    from extractor import dask_engine

    me = psutil.Process()

    def cpu() -> dict:
        out = {}
        for p in [me] + me.children(recursive=True):
            try:
                t = p.cpu_times()
                out[(p.pid, role(p, me.pid))] = t.user + t.system
            except psutil.Error:
                pass
        return out

    for label in ("defaults", "lean"):
        if label == "defaults":
            cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address="127.0.0.1:0")
        else:
            cluster = dask_engine.local_cluster(1, silence_logs=30)
        import dask

        with dask.config.set(dask_engine.LEAN_CONFIG if label == "lean" else {}):
            client = Client(cluster)
        try:
            time.sleep(2)
            a, t0 = cpu(), time.monotonic()
            time.sleep(seconds)
            b, dt = cpu(), time.monotonic() - t0
        finally:
            client.close()
            cluster.close()
        by: dict = {}
        for k, v in b.items():
            by[k[1]] = by.get(k[1], 0.0) + v - a.get(k, 0.0)
        print(f"idle LocalCluster, {label:<8}: " + ", ".join(
            f"{r} {1000 * v / dt:.1f}" for r, v in sorted(by.items())) + " ms CPU per second of wall")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus" / "real"))
    ap.add_argument("--copies", type=int, default=2,
                    help="copies of the corpus in the smaller run, twice that in the larger (default 2)")
    ap.add_argument("--runs", type=int, default=1, help="timed runs per configuration, best kept (default 1)")
    ap.add_argument("--json", help="also write the figures as JSON")
    ap.add_argument("--dask-defaults", action="store_true",
                    help="start the LocalCluster with Dask's default config, not the engine's LEAN_CONFIG")
    ap.add_argument("--idle", type=float, metavar="SECONDS",
                    help="only measure the CPU an idle LocalCluster of one worker takes per second, "
                         "with Dask's defaults and with LEAN_CONFIG, over SECONDS each")
    args = ap.parse_args()
    if args.idle:
        return idle(args.idle)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    from extractor import dask_engine
    from extractor.dask_engine import DaskOptions

    def start_cluster(jobs: int):
        if args.dask_defaults:
            from distributed import LocalCluster

            return LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                                dashboard_address="127.0.0.1:0")
        return dask_engine.local_cluster(jobs)  # what --engine dask starts without an address

    work = Path(tempfile.mkdtemp(prefix="zwgk-bench-dask-"))
    res: dict = {"load_before": os.getloadavg(), "dask_config": "defaults" if args.dask_defaults else "lean",
                 "task_seconds": dask_engine.TASK_SECONDS, "max_chunk": dask_engine.MAX_CHUNK}
    try:
        folders = inputs(corpus, 2 * args.copies, work)
        small = folders[: args.copies]

        def marginal(opts) -> dict:
            """The run on all copies, with per-file figures from the difference to the run on
            half of them (start-up and the last files' tail cancel out)."""
            a = best(args.runs, lambda: timed(small, work / "out", opts))
            b = best(args.runs, lambda: timed(folders, work / "out", opts))
            dn = b["files"] - a["files"]
            return dict(b, marginal_wall=(b["wall"] - a["wall"]) / dn, marginal_cpu=(b["cpu"] - a["cpu"]) / dn,
                        marginal_cpu_by_role={r: (b["cpu_by_role"][r] - a["cpu_by_role"][r]) / dn for r in ROLES},
                        small=a)

        for jobs in (1, 2):
            res[f"local{jobs}"] = marginal(BatchOptions(jobs=jobs, quiet=True))
            print(f"local pool, {jobs} worker(s): {res[f'local{jobs}']}", file=sys.stderr)
            t0 = time.monotonic()
            cluster = start_cluster(jobs)
            res[f"cluster_start{jobs}"] = time.monotonic() - t0
            try:
                res[f"dask{jobs}"] = marginal(DaskOptions(scheduler=cluster.scheduler_address, quiet=True))
            finally:
                cluster.close()
            print(f"dask, {jobs} worker(s): {res[f'dask{jobs}']}", file=sys.stderr)
        res["load_after"] = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    n = res["dask1"]["files"]
    keys = ("local1", "local2", "dask1", "dask2")
    # marginal worker-seconds per file (wall of the extra files × workers)
    cost = {k: res[k]["marginal_wall"] * int(k[-1]) for k in keys}
    res["worker_seconds_per_file"] = cost
    res["scaling_dask_1_to_2"] = res["dask1"]["marginal_wall"] / res["dask2"]["marginal_wall"]
    res["scaling_local_1_to_2"] = res["local1"]["marginal_wall"] / res["local2"]["marginal_wall"]
    res["dask_overhead_1"] = (cost["dask1"] - cost["local1"]) / cost["local1"]
    res["dask_overhead_2"] = (cost["dask2"] - cost["local2"]) / cost["local2"]
    cpu = {k: res[k]["marginal_cpu"] for k in keys}  # marginal CPU-s per file, whole process tree
    res["cpu_seconds_per_file"] = cpu
    res["dask_cpu_overhead_1"] = (cpu["dask1"] - cpu["local1"]) / cpu["local1"]
    res["dask_cpu_overhead_2"] = (cpu["dask2"] - cpu["local2"]) / cpu["local2"]
    # the projection: CPU seconds per born-digital report under Dask (the whole tree, so the
    # client's and scheduler's share is in it; wall on a loaded machine would count others' work)
    per = min(cpu["dask1"], cpu["dask2"])
    million = 1_000_000
    res["projection"] = {"worker_seconds_per_report": per, "worker_hours_1M": million * per / 3600,
                         "hours_1M_at": {w: million * per / 3600 / w for w in (2, 16, 64, 256)},
                         "peak_rss_mb_per_child": max(res["dask1"]["peak_rss_mb"], res["dask2"]["peak_rss_mb"])}

    print(f"\n{n} files ({2 * args.copies} copies of the born-digital renderings of {corpus}); per-file "
          f"figures are marginal: (run on all − run on half) ÷ the files between; "
          f"load average before {res['load_before'][0]:.1f}, after {res['load_after'][0]:.1f}")
    print(f"{'run':<14}{'wall s':>8}{'files/s':>9}{'worker-s/file':>15}{'CPU s/file':>12}"
          f"{'in-worker s/file':>18}{'peak RSS MB':>13}")
    for k, label in (("local1", "local, 1"), ("local2", "local, 2"), ("dask1", "dask, 1"), ("dask2", "dask, 2")):
        r = res[k]
        print(f"{label:<14}{r['wall']:>8.1f}{r['files'] / r['wall']:>9.2f}{cost[k]:>15.4f}{cpu[k]:>12.4f}"
              f"{r['mean_file_s']:>18.4f}{r['peak_rss_mb']:>13.0f}")
    print("(wall s and files/s: the run on all files, start-up included)")
    print("marginal CPU ms per file by process: " + "; ".join(
        f"{label} " + ", ".join(f"{r} {1000 * res[k]['marginal_cpu_by_role'][r]:.2f}" for r in ROLES
                                if res[k]["cpu_by_role"][r] or res[k]["small"]["cpu_by_role"][r])
        for k, label in (("local1", "local 1"), ("local2", "local 2"), ("dask1", "dask 1"), ("dask2", "dask 2"))))
    print(f"LocalCluster start (not in the Dask walls): {res['cluster_start1']:.1f} s (1 worker), "
          f"{res['cluster_start2']:.1f} s (2 workers)")
    print(f"scaling 1 -> 2 workers: Dask {res['scaling_dask_1_to_2']:.2f}x, local pool {res['scaling_local_1_to_2']:.2f}x")
    print(f"Dask overhead per file vs the local pool, wall (worker-s/file): {100 * res['dask_overhead_1']:+.1f}% "
          f"(1 worker), {100 * res['dask_overhead_2']:+.1f}% (2 workers); CPU of the whole process tree "
          f"(client, scheduler, workers, children): {100 * res['dask_cpu_overhead_1']:+.1f}% (1 worker), "
          f"{100 * res['dask_cpu_overhead_2']:+.1f}% (2 workers)")
    p = res["projection"]
    print(f"projection, 1,000,000 born-digital reports at {per:.3f} CPU-s each: {p['worker_hours_1M']:.0f} "
          f"worker-hours; " + ", ".join(f"{w} workers {h:.1f} h" for w, h in p["hours_1M_at"].items())
          + f"; about {p['peak_rss_mb_per_child']:.0f} MB peak per worker's child")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
