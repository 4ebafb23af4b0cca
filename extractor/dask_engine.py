"""``zwgk extract --engine dask``: the batch runner with Dask in place of the local process pool.

    from extractor.dask_engine import DaskOptions, run_extract
    summary = run_extract(["reports/"], "out/", DaskOptions(scheduler="tcp://10.0.0.5:8786"))

Everything but the pool is ``extractor.batch`` as it is: input discovery, output paths and
collisions, the lock, resume (the output file is the truth), the records of files that fail,
``manifest.jsonl`` and the atomic writes inside OUTDIR. ``batch.run_batch`` hands its queue to
``DaskOptions.pool`` (``dask_pool``), which sends each file to the cluster as one task:

* **The per-file worker is the local pool's** (``batch._worker_main``), run in a child process
  that each Dask worker keeps: the worker plugin starts it when the worker joins the run, it
  imports and warms the pipeline once (modules, compiled rules, lexicons) and then takes one
  file after another. It writes the file's JSON (and text) into OUTDIR itself, with the same
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
* **Progress** is the batch runner's (files done, errors, files/s, ETA on stderr); the
  dashboard link is printed when the scheduler has one (``pip install bokeh``).
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

MB = batch.MB

TASK_SECONDS = 0.5   # a Dask task holds about this much work (see ``dask_pool``)
MAX_CHUNK = 16       # files per task at most
_INSTALL_HINT = "the Dask engine needs dask, distributed and fsspec: pip install 'zwgk[dask]'"


@dataclass
class DaskOptions(batch.BatchOptions):
    """``BatchOptions`` plus where the cluster is (neither: a LocalCluster of ``jobs`` workers)."""
    scheduler: str | None = None        # tcp://host:8786
    scheduler_file: str | None = None   # the JSON file `dask scheduler --scheduler-file` writes
    connect_timeout: float = 60.0

    @property
    def pool(self):  # read by batch._run: the queue goes to the cluster instead of the local pool
        return dask_pool


# --------------------------------------------------------------------------- on the worker

_CHILD_CODE = "import sys; from extractor.dask_engine import _child_main; _child_main(sys.argv[1])"
_PKG_ROOT = str(Path(__file__).resolve().parent.parent)


def _child_main(config: str) -> None:
    """The child process of a Dask worker: ``batch._worker_main`` on the socket it was given."""
    from multiprocessing.connection import Connection

    cfg = json.loads(config)
    conn = Connection(cfg["fd"])
    batch._worker_main(conn, cfg["extract_fn"], cfg["popts"], cfg["want_text"], cfg["max_memory_mb"],
                       True, cfg["main_pid"])


class _Child:
    """One warm per-file worker process (started with subprocess, not multiprocessing: Dask
    worker processes are daemonic, and those may not have multiprocessing children)."""

    def __init__(self, cfg: dict):
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
        self.ready = False
        self.done = 0
        self.peak_rss = 0
        self.spawned = time.monotonic()
        try:
            import psutil

            self.ps = psutil.Process(self.proc.pid)
        except Exception:
            self.ps = None

    def alive(self) -> bool:
        return self.proc.poll() is None

    def exitcode(self):
        try:
            return self.proc.wait(1)
        except subprocess.TimeoutExpired:
            return None

    def kill(self, graceful: bool = False) -> None:
        if graceful:
            try:
                self.conn.send(None)
                self.proc.wait(2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        try:
            self.proc.kill()
        except OSError:
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
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
                        child.peak_rss = max(child.peak_rss, msg[2])
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

    def run(self, task: tuple, url: str | None = None) -> tuple:
        """One file: ``("done", …)`` as the child sent it, or ``("fail", code, message, seconds)``."""
        done = _written_this_run(task, self.cfg.get("since_ns"))
        if done is not None:
            return done
        fetched = None
        if url and not os.path.exists(task[1]):  # the client's staged copy is not here: read the URL
            fetched = _fetch(url)
            task = (task[0], fetched) + tuple(task[2:])
        first_cause = None
        try:
            while True:
                with self.lock:
                    child = self.idle.pop() if self.idle else None
                if child is None:
                    child = self._spawn()
                try:
                    child = self._ready(child)
                except _StartupFailed as e:
                    return ("startup_failed", str(e))
                result, keep = self._on(child, task)
                if keep:
                    with self.lock:
                        if not self.closed:
                            self.idle.append(child)
                            child = None
                if child is not None:
                    child.kill(graceful=keep)
                if result[0] == "crashed":  # as the local pool: once more, in a fresh child
                    cause = result[1]
                    if first_cause is None:
                        first_cause = cause
                        continue
                    return ("fail", "worker_crashed", f"the worker process died on this file twice "
                                                      f"({first_cause}; then {cause})", result[2])
                return result
        finally:
            if fetched:
                shutil.rmtree(os.path.dirname(fetched), ignore_errors=True)

    def _on(self, child: _Child, task: tuple) -> tuple[tuple, bool]:
        timeout = self.cfg["timeout"]
        mb = self.cfg["max_memory_mb"]
        ceiling = mb * MB if mb else 0
        t0 = time.monotonic()
        deadline = t0 + timeout
        try:
            child.conn.send(task)
        except OSError:
            pass  # it died: seen below
        while True:
            now = time.monotonic()
            dead = False
            try:
                if child.conn.poll(max(0.0, min(0.25, deadline - now))):
                    msg = child.conn.recv()
                    if msg[0] == "done":
                        child.done += 1
                        child.peak_rss = max(child.peak_rss, msg[6])
                        keep = child.done < self.cfg["max_tasks_per_worker"] and not (
                            ceiling and child.peak_rss > 0.6 * ceiling)
                        return ("done",) + tuple(msg[1:]), keep
                    continue
            except (EOFError, OSError):
                dead = True
            if dead or not child.alive():
                rc = child.exitcode()
                if ceiling and child.peak_rss > 0.8 * ceiling:
                    return ("fail", "too_large", f"the worker ran out of memory (ceiling {mb} MB) on this file",
                            time.monotonic() - t0), False
                return ("crashed", _crash_cause(rc), time.monotonic() - t0), False
            now = time.monotonic()
            if now >= deadline:
                return ("fail", "timeout", f"no result within {timeout:g} s", now - t0), False
            if ceiling and child.ps is not None:
                try:
                    rss = child.ps.memory_info().rss
                except Exception:
                    continue
                child.peak_rss = max(child.peak_rss, rss)
                if rss > ceiling:
                    return ("fail", "too_large", f"the file needs more than the memory ceiling ({mb} MB)",
                            time.monotonic() - t0), False


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
    results = []
    for task, url in tasks:
        r = plugin.runner.run(task, url)
        results.append(r)
        if r[0] == "startup_failed":
            break
    return results, w.address, plugin.runner.starts


# --------------------------------------------------------------------------- on the client

def _has_bokeh() -> bool:
    import importlib.util

    return importlib.util.find_spec("bokeh") is not None


def _connect(opts: DaskOptions, n_files: int):
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:
        raise batch.BatchError(_INSTALL_HINT) from e
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
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address="127.0.0.1:0",  # loopback, a free port (never 8787 taken)
                           silence_logs=logging.ERROR)
    try:
        client = Client(cluster)
    except BaseException:
        cluster.close()
        raise
    return client, cluster


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
    """``batch._pool``'s contract on a Dask cluster: every (item, sha) of ``queue`` ends in
    ``record`` (the child's result) or ``parent_error`` (timeout, memory, crash)."""
    try:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker
    except ImportError as e:
        raise batch.BatchError(_INSTALL_HINT) from e
    client, cluster = _connect(opts, len(queue))
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
        # A task is a chunk of files (one Dask task per file of ~30 ms would cost as much again
        # in scheduling): the first tasks one file each, then as many as take about
        # TASK_SECONDS by the per-file time measured so far (at most MAX_CHUNK, and small
        # enough that the last tasks still spread over every worker). A window of tasks is
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
                for k, v in stages.items():
                    summary.stage_seconds[k] += v
                n_done += 1
                if n_done % rss_every == 0 and rss:
                    summary.rss_samples_mb.append(round(rss / MB, 1))
                total = stages.get("total", time.monotonic() - t0)
                seconds[0] += total
                seconds[1] += 1
                record(item, batch._manifest_entry(item, wsha if wsha else sha, status, code, total, message))
            else:
                _kind, code, message, secs = res
                seconds[0] += secs
                seconds[1] += 1
                parent_error(item, sha if sha else batch._safe_sha(item.path), code, message, secs)

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
    matches = getattr(batch, "_matches", None)
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
                if matches is not None and ((include and not matches(include, sub, name))
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
        it.collision = batch._claim(it, files, dirs)
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


__all__ = ["DaskOptions", "dask_pool", "run_extract", "ZwgkWorkerPlugin", "dashboard_link", "is_url", "local_path",
           "UrlItem"]
