"""``zwgk extract --engine dask``: the batch runner with Dask in place of the local process pool.

    from extractor.dask_engine import DaskOptions, run_extract
    summary = run_extract(["reports/"], "out/", DaskOptions(scheduler="tcp://10.0.0.5:8786"))

Everything but the pool is ``extractor.batch`` as it is: input discovery, output paths and
collisions, the lock, resume (the output file is the truth), the records of files that fail,
``manifest.jsonl`` and the atomic writes inside OUTDIR. ``batch.run_batch`` hands its queue to
``DaskOptions.pool`` (``dask_pool``), which sends the files to the cluster in tasks of a few
dozen (``TASK_SECONDS`` of work each: a Dask task costs about as much CPU as a small report):

* **The per-file worker is the local pool's** (``batch.worker_main``), run in a child process
  that each Dask worker keeps: the worker plugin starts it when the worker joins the run, it
  imports and warms the pipeline once (modules, compiled rules, lexicons) and then takes one
  file after another, the next one already waiting in its pipe as in the local pool. Where
  the Dask worker may have multiprocessing children (``LEAN_CONFIG``, the LocalCluster's) the
  children are forked from a warm server as the local pool's are; elsewhere each is a fresh
  interpreter. It writes the file's JSON (and text) into OUTDIR itself, with the same
  code, so the outputs are byte-identical to ``--jobs N``. OUTDIR must therefore be a path every
  worker sees (a shared filesystem), or a URL (see below).
* **Limits as in the local pool**: the task gives the child ``timeout`` seconds and watches its
  memory (RSS above the ceiling; RLIMIT_AS inside the child as a backstop); a child that hangs,
  dies or grows too big is killed and replaced, and the file gets the same error record as with
  the local pool (``timeout``, ``too_large``; ``worker_crashed`` after a second try in a fresh
  child, as there), written by the client. The Dask
  worker itself never runs a document, so it never dies of one. Children are replaced after
  ``max_tasks_per_worker`` files, and die with their Dask worker (parent-death signal).
* **A Dask worker that dies** (killed, its machine gone) loses only what it was doing: the
  scheduler gives its tasks to other workers and the client records each file once, when its
  task finishes (a file whose worker died while writing is written again, atomically, with the
  same bytes). A file whose task killed three workers gets ``worker_crashed``.
* **Progress** is the batch runner's (files done, errors, files/s, ETA on stderr, as each
  task ends); the dashboard link is printed when the scheduler has one (``pip install bokeh``).
* **Dask's own housekeeping** (profiler, event-loop ticks, monitors) is turned down for the
  LocalCluster and the client (``LEAN_CONFIG``); a cluster started apart has its own config.
* **Without an address** a ``LocalCluster`` of ``--jobs`` single-threaded worker processes on
  127.0.0.1 is started and closed; ``scheduler``/``scheduler_file`` connect to a running one.

**URLs** (``run_extract``, any engine): inputs and OUTDIR may be fsspec URLs. ``file://`` is a
local path. Other protocols (``s3://``, ``gs://``, ``memory://``… with their fsspec package):
remote inputs are listed with fsspec and staged on the client (it hashes them for resume);
a task whose worker cannot see the staged copy reads the URL itself. A remote OUTDIR is
mirrored in a local staging folder (existing results are fetched first, so resume works as
everywhere), the run writes there, and what it wrote is uploaded at the end, results first
and ``manifest.jsonl`` last (one object per file: a reader never sees half a result). The
lock only covers the staging folder: run one extract at a time per remote OUTDIR.

Size: one engine: the worker side (child process, runner, plugin), the client side and URL
staging; due to become a package like extractor/batch/ (issue 15).
"""
from __future__ import annotations

import json
import logging
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from . import batch
from .batch.common import WorkerMemory

MB = batch.MB

TASK_SECONDS = 1.0   # a Dask task holds about this much work (see ``dask_pool``)
MAX_CHUNK = 64       # files per task at most
_INSTALL_HINT = "the Dask engine needs dask, distributed and fsspec: pip install 'zwgk[dask]'"

# Dask's own housekeeping, turned down for this workload: its defaults cost ~30 ms of CPU per
# second of wall in the scheduler's process and as much in each worker, idle or not (measured:
# bench/bench_dask.py --idle), a cost that grows with the run's length, not its work. Used for
# the LocalCluster (its workers get it from their nanny) and the client; a cluster started
# apart takes it from its own config (README: the same keys as DASK_… environment variables).
# Nothing here changes what a task does or a result:
LEAN_CONFIG = {
    # the statistical profiler samples each worker thread every 10 ms: ours only waits on its
    # child's pipe (the document work happens in the child, which no Dask profile sees)
    "distributed.worker.profile.enabled": False,
    # the event-loop health check of every server and client: every 20 ms by default (Dask's
    # own cluster tests use 500 ms); it warns when a loop is blocked for 3 s, as before
    "distributed.admin.tick.interval": "500ms",
    # psutil samples (CPU, memory, network, disk) for the dashboard's graphs: every 0.5 s
    "distributed.admin.system-monitor.interval": "2s",
    # the worker's/nanny's memory check (spill, pause, terminate at Dask's thresholds): every
    # 100 ms; the task data here is a few tuples, and the child's memory ceiling is watched
    # by the task itself
    "distributed.worker.memory.monitor-interval": "1s",
    # a nanny's worker process is not daemonic, so it may have multiprocessing children: its
    # per-file children are then forked from a warm server (``_fork_context``), not started
    # as fresh interpreters (~0.5 s of CPU each, one per worker and per max_tasks_per_worker
    # files). The worker still dies with its nanny (Dask watches the parent), and the
    # children with the worker (parent-death signal, the worker's pid watched).
    "distributed.worker.daemon": False,
}


@dataclass
class DaskOptions(batch.BatchOptions):
    """``BatchOptions`` plus where the cluster is (neither: a LocalCluster of ``jobs`` workers)."""
    scheduler: str | None = None        # tcp://host:8786
    scheduler_file: str | None = None   # the JSON file `dask scheduler --scheduler-file` writes
    connect_timeout: float = 60.0

    @property
    def pool(self):  # read by batch.run_batch: the queue goes to the cluster instead of the local pool
        return dask_pool


# --------------------------------------------------------------------------- on the worker

# The child runs ``batch.worker_main`` on the socket it was given. Its code imports
# ``extractor.batch`` only, not this module: this module imports ``distributed`` (the worker
# plugin's base class), ~0.6 s of CPU that every child start (one per worker, then one per
# ``max_tasks_per_worker`` files) would pay for nothing.
_CHILD_CODE = ("import json, sys; from multiprocessing.connection import Connection; "
               "from extractor.batch import worker_main; c = json.loads(sys.argv[1]); "
               "worker_main(Connection(c['fd']), c['extract_fn'], c['popts'], c['want_text'], "
               "c['max_memory_mb'], True, c['main_pid'])")
_PKG_ROOT = str(Path(__file__).resolve().parent.parent)


def _fork_context():
    """The local pool's forkserver context (a server that imports and warms the pipeline once,
    children forked from it warm) when this process may have multiprocessing children, else
    None. A Dask worker under a nanny is a daemonic process unless the config says otherwise
    (``distributed.worker.daemon: False``, which ``LEAN_CONFIG`` sets for the LocalCluster;
    for ``dask worker`` processes: ``DASK_DISTRIBUTED__WORKER__DAEMON=False``), and a daemonic
    process may not have multiprocessing children: its children are then started with
    subprocess, each warming up from a fresh interpreter (~0.5 s of CPU per start)."""
    import multiprocessing as mp

    try:
        if mp.current_process().daemon:
            return None
        ctx = batch.mp_context()
        return ctx if ctx.get_start_method() == "forkserver" else None
    except Exception:
        return None


class _Child:
    """One warm per-file worker process: forked from a warm server (``_fork_context``) or
    started with subprocess (``_CHILD_CODE``)."""

    def __init__(self, cfg: dict):
        ctx = _fork_context()
        self.mp = None
        self.proc = None
        if ctx is not None:
            parent_conn, child_conn = ctx.Pipe(duplex=True)
            self.mp = ctx.Process(target=batch.worker_main, name="zwgk-dask-child", daemon=True,
                                  args=(child_conn, cfg["extract_fn"], cfg["popts"], cfg["want_text"],
                                        cfg["max_memory_mb"], True, os.getpid()))
            try:
                self.mp.start()
            finally:
                child_conn.close()
            self.conn = parent_conn
            self.pid = self.mp.pid
        else:
            parent_sock, child_sock = socket.socketpair()
            from multiprocessing.connection import Connection

            env = dict(os.environ)
            # the worker's own import path (an --extract-fn module it can import, the child can too)
            env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys([_PKG_ROOT] + [p for p in sys.path if p]))
            conf = {"fd": child_sock.fileno(), "extract_fn": cfg["extract_fn"], "popts": cfg["popts"],
                    "want_text": cfg["want_text"], "max_memory_mb": cfg["max_memory_mb"], "main_pid": os.getpid()}
            try:
                self.proc = subprocess.Popen([sys.executable, "-c", _CHILD_CODE, json.dumps(conf)],
                                             pass_fds=(child_sock.fileno(),), stdin=subprocess.DEVNULL, env=env)
            finally:
                child_sock.close()
            self.conn = Connection(parent_sock.detach())
            self.pid = self.proc.pid
        self.ready = False
        self.done = 0
        self.mem = WorkerMemory()  # RSS at start, peak, own growth (what the ceiling counts)
        self.spawned = time.monotonic()
        try:
            import psutil

            self.ps = psutil.Process(self.pid)
        except Exception:
            self.ps = None

    def alive(self) -> bool:
        return self.mp.is_alive() if self.mp is not None else self.proc.poll() is None

    def _wait(self, seconds: float) -> None:
        if self.mp is not None:
            self.mp.join(seconds)
        else:
            try:
                self.proc.wait(seconds)
            except subprocess.TimeoutExpired:
                pass

    def exitcode(self):
        self._wait(1)
        return self.mp.exitcode if self.mp is not None else self.proc.returncode

    def kill(self, graceful: bool = False) -> None:
        if graceful:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self._wait(2)
        try:
            (self.mp or self.proc).kill()
        except (OSError, ValueError, AttributeError):
            pass
        try:
            self._wait(5)
        except (OSError, ValueError, AssertionError):
            pass
        try:
            self.conn.close()
        except OSError:
            pass


class _StartupFailed(Exception):
    pass


class _Runner:
    """The children of one Dask worker for one run (one per worker thread, made on demand)."""

    def __init__(self, cfg: dict):
        self.cfg = cfg
        self.lock = threading.Lock()
        self.idle: list[_Child] = []
        self.starts = 0
        self.closed = False

    def _spawn(self) -> _Child:
        self.starts += 1
        return _Child(self.cfg)

    def warm(self) -> None:
        """Start a child now: it warms up while the client prepares the queue."""
        with self.lock:
            if not self.idle:
                self.idle.append(self._spawn())

    def close(self) -> None:
        with self.lock:
            self.closed = True
            children, self.idle = self.idle, []
        for c in children:
            c.kill(graceful=True)

    def _ready(self, child: _Child) -> _Child:
        """``child`` once it has said it is ready, or a new one if it died starting (three
        deaths in a row: ``_StartupFailed``, as the local pool stops then too)."""
        failures = 0
        while not child.ready:
            left = child.spawned + self.cfg["startup_timeout"] - time.monotonic()
            ok = False
            try:
                if child.conn.poll(max(0.0, min(left, 0.5))):
                    msg = child.conn.recv()
                    if msg[0] == "ready":
                        child.ready = True
                        child.mem.started(msg[2], msg[3] if len(msg) > 3 else 0)
                        return child
                    continue
                ok = child.alive() and left > 0
            except (EOFError, OSError):
                ok = False
            if not ok:
                rc = child.exitcode() if not child.alive() else None
                child.kill()
                failures += 1
                if failures >= 3:
                    raise _StartupFailed("worker processes die at start-up" + (f" (exit code {rc})" if rc is not None
                                                                               else " (start-up timeout)"))
                child = self._spawn()
        return child

    def run(self, tasks: list) -> list:
        """The files of one Dask task, [(task, url)], in this worker's child: [result of each]:
        ``("done", …)`` as the child sent it, ``("fail", code, message, seconds)``, or
        ``("startup_failed", message)`` for the files left when no child would start."""
        results: list = [None] * len(tasks)
        since = self.cfg.get("since_ns")
        todo = deque()
        for i, (task, _url) in enumerate(tasks):
            done = _written_this_run(task, since)
            if done is not None:
                results[i] = done
            else:
                todo.append(i)
        ready: dict = {}          # index -> the task as sent (a URL's input fetched here)
        fetched: list = []
        first_cause: dict = {}    # index -> how its first child died (it is tried once more)

        def prepare(i: int) -> tuple:
            if i not in ready:
                task, url = tasks[i]
                if url and not os.path.exists(task[1]):  # the client's staged copy is not here
                    local = _fetch(url)
                    fetched.append(local)
                    task = (task[0], local) + tuple(task[2:])
                ready[i] = task
            return ready[i]

        try:
            while todo:
                with self.lock:
                    child = self.idle.pop() if self.idle else None
                if child is None:
                    child = self._spawn()
                try:
                    child = self._ready(child)
                except _StartupFailed as e:
                    for i in todo:
                        results[i] = ("startup_failed", str(e))
                    break
                keep = self._on(child, todo, prepare, results, first_cause)
                if keep:
                    with self.lock:
                        if not self.closed:
                            self.idle.append(child)
                            child = None
                if child is not None:
                    child.kill(graceful=keep)
        finally:
            for local in fetched:
                shutil.rmtree(os.path.dirname(local), ignore_errors=True)
        return results

    def _on(self, child: _Child, todo: deque, prepare, results: list, first_cause: dict) -> bool:
        """Files of ``todo`` through ``child`` until it is done with them, due for recycling,
        or lost (dead, hung, too big: its file gets its record or goes back to ``todo`` for a
        fresh child, and so do the files sent after it). As in the local pool, one file
        more waits in the child's pipe while it works, so that it goes on without waiting
        for this thread to wake up, read the answer and send the next. True: keep the child."""
        cfg = self.cfg
        timeout = cfg["timeout"]
        mb = cfg["max_memory_mb"]
        ceiling = mb * MB if mb else 0
        max_tasks = cfg["max_tasks_per_worker"]
        sent: deque = deque()     # indexes sent, in order; sent[0] is the one the child is on

        def may_take() -> bool:  # one file more for this child (it stays under its recycling count)
            return (bool(todo) and child.done + len(sent) + 1 <= max_tasks
                    and not (ceiling and child.mem.peak_own > 0.6 * ceiling))

        def send() -> None:
            i = todo.popleft()
            task = prepare(i)
            sent.append(i)
            try:
                child.conn.send(task)
            except OSError:
                pass  # it died: seen below

        def lose(code: str | None, message: str, secs: float) -> bool:
            """The child is lost on sent[0]: its record (or a retry), the rest back to todo."""
            i = sent.popleft()
            while sent:
                todo.appendleft(sent.pop())
            if code is None:  # crashed: once more in a fresh child, then worker_crashed
                if i not in first_cause:
                    first_cause[i] = message
                    todo.appendleft(i)
                else:
                    results[i] = ("fail", "worker_crashed", f"the worker process died on this file twice "
                                                            f"({first_cause[i]}; then {message})", secs)
            else:
                results[i] = ("fail", code, message, secs)
            return False

        send()
        t0 = time.monotonic()
        deadline = t0 + timeout
        if may_take():
            send()
        while True:
            now = time.monotonic()
            dead = False
            try:
                if child.conn.poll(max(0.0, min(0.25, deadline - now))):
                    msg = child.conn.recv()
                    if msg[0] == "done" and sent:
                        results[sent.popleft()] = ("done",) + tuple(msg[1:])
                        child.done += 1
                        child.mem.saw(msg[6])
                        child.mem.next_file()
                        t0 = time.monotonic()   # the child has gone on to the next file sent
                        deadline = t0 + timeout
                        while len(sent) < 2 and may_take():
                            send()
                        if not sent:
                            return child.done < max_tasks and not (ceiling and child.mem.peak_own > 0.6 * ceiling)
                    continue
            except (EOFError, OSError):
                dead = True
            if dead or not child.alive():
                rc = child.exitcode()
                if ceiling and child.mem.file_own > 0.8 * ceiling:
                    return lose("too_large", f"the worker ran out of memory (ceiling {mb} MB) on this file",
                                time.monotonic() - t0)
                return lose(None, _crash_cause(rc), time.monotonic() - t0)
            now = time.monotonic()
            if now >= deadline:
                return lose("timeout", f"no result within {timeout:g} s", now - t0)
            if ceiling and child.ps is not None:
                try:
                    rss = child.ps.memory_info().rss
                except Exception:
                    continue
                if child.mem.saw(rss) > ceiling:
                    return lose("too_large", f"the file needs more than the memory ceiling ({mb} MB)",
                                time.monotonic() - t0)


def _written_this_run(task: tuple, since_ns: int | None) -> tuple | None:
    """The result of a file whose JSON was already written in this run (its task ran on a
    worker that died before it could report: the scheduler gave it to this one), read back
    instead of extracting and writing it a second time; None when there is none."""
    if since_ns is None:
        return None
    task_id, _path, _display, outdir_real, rel_json = task[:5]
    p = os.path.join(outdir_real, *rel_json.split("/"))
    try:
        st = os.lstat(p)
        if not stat.S_ISREG(st.st_mode) or st.st_mtime_ns < since_ns:
            return None
        with open(p, "rb") as f:
            rec = json.loads(f.read())
        errs = rec.get("errors") or []
        return ("done", task_id, batch.record_status(rec), errs[0].get("code") if errs else None,
                (rec.get("source") or {}).get("sha256"), {"total": 0.0}, 0, None)
    except (OSError, ValueError, AttributeError, TypeError):
        return None


def _crash_cause(exitcode) -> str:
    """The local pool's words for how a worker died ("exit code 3", "killed by SIGSEGV …")."""
    fn = getattr(batch, "crash_cause", None)
    return fn(exitcode) if fn is not None else f"exit code {exitcode}"


def _fetch(url: str) -> str:
    """A remote input copied to a local temp folder (its own name kept: the extension matters)."""
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    d = tempfile.mkdtemp(prefix="zwgk-fetch-")
    local = os.path.join(d, os.path.basename(path.rstrip("/")) or "input")
    fs.get_file(path, local)
    return local


try:
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # the module still imports (for --help, the URL layer); the pool says what to install
    _WorkerPlugin = object


class ZwgkWorkerPlugin(_WorkerPlugin):
    """Registered for one run: on each worker (those joining later too) it starts the warm child
    (imports, compiled rules, lexicons: once per worker, not per file) and stops it at the end."""

    idempotent = False

    def __init__(self, cfg: dict):
        self.cfg = cfg
        self.runner: _Runner | None = None

    def setup(self, worker=None):
        self.runner = _Runner(self.cfg)
        self.runner.warm()

    def teardown(self, worker=None):
        if self.runner is not None:
            self.runner.close()


def _run_files(plugin_name: str, tasks: list):
    """The Dask task of a few files, [(task, url)], one after the other in the worker's child:
    ([result of each], worker address, child starts so far)."""
    from distributed import get_worker

    w = get_worker()
    plugin = w.plugins.get(plugin_name)
    if plugin is None or plugin.runner is None:
        raise RuntimeError(f"worker plugin {plugin_name} is not set up on {w.address}")
    return plugin.runner.run(tasks), w.address, plugin.runner.starts


# --------------------------------------------------------------------------- on the client

def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


def connect_cluster(opts: DaskOptions, n_files: int):
    try:
        import dask
        from distributed import Client
    except ImportError as e:
        raise batch.BatchError(_INSTALL_HINT) from e
    with dask.config.set(LEAN_CONFIG):
        if opts.scheduler_file or opts.scheduler:
            try:
                if opts.scheduler_file:
                    client = Client(scheduler_file=opts.scheduler_file, timeout=opts.connect_timeout)
                else:
                    client = Client(opts.scheduler, timeout=opts.connect_timeout)
            except (OSError, TimeoutError, ValueError) as e:
                where = opts.scheduler_file or opts.scheduler
                raise batch.BatchError(f"cannot connect to the Dask scheduler {where}: {e}") from e
            return client, None
        jobs = max(1, min(opts.jobs or os.cpu_count() or 1, n_files))
        cluster = local_cluster(jobs)
        try:
            client = Client(cluster)
        except BaseException:
            cluster.close()
            raise
    return client, cluster


def local_cluster(jobs: int, **kw):
    """The LocalCluster of ``--engine dask`` without an address: ``jobs`` single-threaded
    worker processes on 127.0.0.1, with ``LEAN_CONFIG`` (the benchmark starts the same one)."""
    import dask
    from distributed import LocalCluster

    kw = {"silence_logs": logging.ERROR, **kw}
    with dask.config.set(LEAN_CONFIG):
        return LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                            dashboard_address="127.0.0.1:0",  # loopback, a free port (never 8787 taken)
                            **kw)


def dashboard_link(client) -> str | None:
    """The dashboard's address when the scheduler serves one (it needs bokeh there), else None."""
    try:
        if "dashboard" not in (client.scheduler_info().get("services") or {}):
            return None
        if not client.run_on_scheduler(_has_bokeh):
            return None
        return client.dashboard_link
    except Exception:
        return None


def dask_pool(queue: deque, outdir: Path, opts: DaskOptions, popts: dict, want_text: bool, summary, record,
              parent_error) -> None:
    """the local pool's contract (``batch.pool.Pool``) on a Dask cluster: every (item, sha) of ``queue`` ends in
    ``record`` (the child's result) or ``parent_error`` (timeout, memory, crash)."""
    try:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker
    except ImportError as e:
        raise batch.BatchError(_INSTALL_HINT) from e
    client, cluster = connect_cluster(opts, len(queue))
    name = f"zwgk-{uuid.uuid4().hex[:12]}"
    inflight: dict = {}   # future -> ([(item, sha)], submitted at)
    registered = False
    try:
        # the files this run writes are newer than the lock file (touched now): a task given
        # again after its worker died reads back what that worker wrote (``_written_this_run``)
        lock = outdir / batch.LOCK_FILE
        try:
            os.utime(lock)
            since_ns = os.stat(lock).st_mtime_ns
        except OSError:
            since_ns = None
        cfg = {"since_ns": since_ns, "extract_fn": opts.extract_fn, "popts": popts, "want_text": want_text,
               "max_memory_mb": opts.max_memory_mb, "timeout": float(opts.timeout),
               "max_tasks_per_worker": opts.max_tasks_per_worker, "startup_timeout": float(opts.startup_timeout)}
        client.register_plugin(ZwgkWorkerPlugin(cfg), name=name)
        registered = True
        nthreads = sum(client.nthreads().values())
        if not opts.quiet:
            where = "LocalCluster" if cluster is not None else client.scheduler.address
            link = dashboard_link(client)
            print(f"zwgk: Dask {where}: {len(client.nthreads())} workers, {nthreads} threads"
                  + (f"; dashboard {link}" if link else ""), file=sys.stderr, flush=True)
        # A task is a chunk of files: a Dask task costs ~4-10 ms of CPU (client, scheduler,
        # worker: measured with chunks of one file), as much as a small born-digital report
        # takes to extract. The first tasks are one file each, then as many as take about
        # TASK_SECONDS by the per-file time measured so far (at most MAX_CHUNK, and small
        # enough that the last tasks still spread over every worker): ~0.1 ms of Dask per
        # file. A worker killed mid-task costs no more than its task's unfinished files
        # (what it wrote is read back, ``_written_this_run``). A window of tasks is
        # in flight, not the whole queue (a million futures would weigh on client and
        # scheduler): two per thread, so no worker waits for the client.
        threads = max(1, nthreads)
        window = 2 * threads
        ac = as_completed(with_results=True, raise_errors=False)  # results gathered as tasks end
        starts: dict = {}
        rss_every = max(1, len(queue) // 200)
        n_done = 0
        seconds = [0.0, 0]   # per-file seconds so far: sum, count

        def chunk_size() -> int:
            if seconds[1] < threads:
                return 1
            per = max(seconds[0] / seconds[1], 1e-3)
            k = max(1, min(MAX_CHUNK, int(TASK_SECONDS / per)))
            return max(1, min(k, len(queue) // (2 * threads)))

        def submit():
            items = [queue.popleft() for _ in range(min(chunk_size(), len(queue)))]
            tasks = [((item.index, item.path, item.display, str(outdir), item.out_json, item.out_text),
                      getattr(item, "url", None)) for item, _sha in items]
            fut = client.submit(_run_files, name, tasks, key=f"{name}-{items[0][0].index}", pure=False)
            inflight[fut] = (items, time.monotonic())
            ac.add(fut)

        def handle(item, sha, res, worker, t0):
            nonlocal n_done
            kind = res[0]
            if kind == "startup_failed":
                raise batch.BatchError(res[1])
            if kind == "done":
                _tid, status, code, wsha, stages, rss, message = res[1:]
                if worker is not None and rss:
                    summary.worker_peak_rss_mb[worker] = max(summary.worker_peak_rss_mb.get(worker, 0.0),
                                                             round(rss / MB, 1))
                summary.ocr_pages += int(stages.pop("ocr_pages", 0))
                if stages.pop("no_report_content", 0):  # a flag, as the local pool takes it
                    summary.note_no_report_content(item.display)
                for k, v in stages.items():
                    summary.stage_seconds[k] += v
                n_done += 1
                if n_done % rss_every == 0 and rss:
                    summary.rss_samples_mb.append(round(rss / MB, 1))
                total = stages.get("total", time.monotonic() - t0)
                seconds[0] += total
                seconds[1] += 1
                record(item, batch.manifest_entry(item, wsha if wsha else sha, status, code, total, message))
            else:
                _kind, code, message, secs = res
                seconds[0] += secs
                seconds[1] += 1
                parent_error(item, sha if sha else batch.safe_sha(item.path), code, message, secs)

        while queue and len(inflight) < window:
            submit()
        for fut, out in ac:
            items, t0 = inflight.pop(fut)
            worker = None
            if fut.status == "finished":
                results, worker, nstarts = out
                starts[worker] = nstarts
            else:
                e = out[1] if isinstance(out, tuple) and len(out) == 3 else out
                if isinstance(e, KilledWorker):
                    results = [("fail", "worker_crashed", "the Dask workers running this file died (3 times)",
                                time.monotonic() - t0)] * len(items)
                else:  # a task that could not run at all (cancelled, lost, a bug)
                    results = [("fail", "internal_error", f"Dask task failed: {type(e).__name__}: {e}"[:500],
                                time.monotonic() - t0)] * len(items)
            fut.release()
            for (item, sha), res in zip(items, results):
                handle(item, sha, res, worker, t0)
            while queue and len(inflight) < window:
                submit()
        summary.worker_starts += sum(starts.values())
    finally:
        if inflight:
            try:
                client.cancel(list(inflight))
            except Exception:
                pass
        if registered:
            try:
                client.unregister_worker_plugin(name)
            except Exception:
                pass
        try:
            client.close()
        except Exception:
            pass
        if cluster is not None:
            try:
                cluster.close()
            except Exception:
                pass


# --------------------------------------------------------------------------- URLs

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*(::[A-Za-z][A-Za-z0-9+.\-]*)*://")


def is_url(s: str) -> bool:
    return bool(_URL.match(os.fspath(s)))


def local_path(s: str) -> str | None:
    """The local path a ``file://`` URL (or a plain path) names; None for other URLs."""
    s = os.fspath(s)
    if not is_url(s):
        return s
    if s.startswith("file://"):
        from urllib.parse import unquote

        return unquote(s[len("file://"):]) or "/"
    if s.startswith("local://"):
        return s[len("local://"):]
    return None


def _fs(url: str):
    try:
        import fsspec
    except ImportError as e:
        raise batch.BatchError(f"{url}: URLs need fsspec: pip install 'zwgk[dask]'") from e
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as e:
        raise batch.BatchError(f"{url}: {e}") from e


@dataclass
class UrlItem(batch.Item):
    """An input read from a URL: staged in a local file (``path``), known by its URL."""
    url: str = ""

    @property
    def input_id(self) -> str:
        return self.url


def _remote_items(inputs: list[str], outdir: str, staging: str, opts=None) -> list[batch.Item]:
    """Every input (local ones through ``batch.discover``, URLs listed with fsspec and copied
    to ``staging``), in input order, with output paths and collisions as ``discover`` gives;
    ``--include``/``--exclude`` globs apply to both (to a file's name and its path below the
    folder given)."""
    from .load import SUPPORTED_EXTENSIONS

    include = tuple(getattr(opts, "include", None) or ())
    exclude = tuple(getattr(opts, "exclude", None) or ())
    kw = {}
    if include or exclude:
        kw = {"include": include, "exclude": exclude}
    matches = batch.matches_any
    items: list[batch.Item] = []
    seen: set = set()
    for n, inp in enumerate(inputs):
        lp = local_path(inp)
        if lp is not None:
            for it in batch.discover([lp], outdir, **kw):
                if it.input_id not in seen:
                    seen.add(it.input_id)
                    items.append(it)
            continue
        fs, root = _fs(inp)
        root = root.rstrip("/") or root
        if not fs.exists(root):
            raise batch.BatchError(f"input not found: {inp}")
        if fs.isdir(root):
            found = []
            for p in fs.find(root):
                name = p.rsplit("/", 1)[-1]
                if batch.is_lock_or_temp(name) or os.path.splitext(name)[1].lower() not in SUPPORTED_EXTENSIONS:
                    continue
                if name.endswith(".text.txt") and fs.exists(p[: -len(".text.txt")] + ".json"):
                    continue  # --emit-text output beside its JSON
                sub = p[len(root):].lstrip("/")
                if ((include and not matches(include, sub, name))
                                            or (exclude and matches(exclude, sub, name))):
                    continue
                found.append(p)
            base = root.rsplit("/", 1)[-1] or "_root"
            # each file's URL spelt as the input was (fsspec's own form may differ: memory:///x)
            pairs = [(p, base + "/" + p[len(root):].lstrip("/"), inp.rstrip("/") + "/" + p[len(root):].lstrip("/"))
                     for p in sorted(found)]
        else:
            pairs = [(root, root.rsplit("/", 1)[-1], inp)]
        for k, (p, rel, url) in enumerate(pairs):
            if url in seen:
                continue
            seen.add(url)
            local = os.path.join(staging, f"{n}-{k}", rel.rsplit("/", 1)[-1])
            os.makedirs(os.path.dirname(local), exist_ok=True)
            fs.get_file(p, local)
            items.append(UrlItem(path=local, display=url, rel=batch.output_relpath(rel), url=url))
    files: dict = {}
    dirs: dict = {}
    for i, it in enumerate(items):
        it.index = i
        it.collision = batch.claim_output(it, files, dirs)
    return items


def _snapshot(root: str) -> dict[str, tuple]:
    snap = {}
    for d, _dirs, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            st = os.lstat(p)
            snap[os.path.relpath(p, root).replace(os.sep, "/")] = (st.st_size, st.st_mtime_ns)
    return snap


def _download(fs, root: str, local: str) -> None:
    """The remote OUTDIR's results and manifest, into the local staging folder (resume)."""
    if not fs.exists(root):
        return
    for p in fs.find(root):
        rel = p[len(root):].lstrip("/")
        if not rel or rel == batch.LOCK_FILE or rel.endswith(batch.TMP_MARK):
            continue
        dest = os.path.join(local, *rel.split("/"))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        fs.get_file(p, dest)


def _upload(fs, root: str, local: str, before: dict) -> int:
    """What the run wrote (new or changed files), results first, the manifest last."""
    after = _snapshot(local)
    changed = [r for r, v in after.items() if before.get(r) != v and r != batch.LOCK_FILE
               and not r.endswith(batch.TMP_MARK)]
    changed.sort(key=lambda r: (r == batch.MANIFEST, r))
    for rel in changed:
        with open(os.path.join(local, *rel.split("/")), "rb") as f:
            data = f.read()
        fs.pipe_file(root + "/" + rel, data)
    return len(changed)


def run_extract(inputs: list[str], output: str, opts: batch.BatchOptions | None = None) -> batch.Summary:
    """``batch.run_batch`` with fsspec URLs allowed for inputs and OUTDIR (any engine: the pool
    is ``opts.pool``, the local one for plain ``BatchOptions``)."""
    opts = opts or DaskOptions()
    out_local = local_path(output)
    remote_in = [i for i in inputs if local_path(i) is None]
    plain = [local_path(i) or i for i in inputs]
    if out_local is not None and not remote_in:
        return batch.run_batch(plain, out_local, opts)
    tmp = tempfile.mkdtemp(prefix="zwgk-stage-")
    try:
        if out_local is None:
            fs, root = _fs(output)
            root = root.rstrip("/")
            out_dir = os.path.join(tmp, "out")
            os.makedirs(out_dir)
            _download(fs, root, out_dir)
            before = _snapshot(out_dir)
        else:
            fs = root = before = None
            out_dir = out_local
        staging = os.path.join(tmp, "in")
        os.makedirs(staging)
        items = _remote_items(inputs, out_dir, staging, opts) if remote_in else None
        try:
            return batch.run_batch(plain if items is None else [], out_dir, opts, items=items)
        finally:
            if fs is not None:
                _upload(fs, root, out_dir, before)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


__all__ = ["DaskOptions", "dask_pool", "connect_cluster", "run_extract", "ZwgkWorkerPlugin", "dashboard_link",
           "is_url", "local_path", "UrlItem"]
