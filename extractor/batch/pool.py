"""The local pool of worker processes (``Pool``): how many (their start method is
``start``'s: fork from this process where fork is safe, warmed first for a batch of more
than a handful of files; elsewhere forkserver with a warm server, or spawn), handing out files, deadlines, memory
ceiling (on a worker's own memory: what it grew by since it started), crashes and
recycling. What a worker does with a file is ``worker``'s."""
from __future__ import annotations

import gc
import os
import selectors
import signal
import time
from collections import deque

from .common import MB, BatchError, WorkerMemory
from .inputs import Item
from .lock import RunLock
from .start import pool_context
from .store import manifest_entry, safe_sha
from .worker import worker_main

class _Worker:
    __slots__ = ("proc", "conn", "ready", "task", "pending", "deadline", "started", "done", "mem",
                 "ps", "ident", "spawned", "rss_read")

    def __init__(self, proc, conn, ident):
        self.proc = proc
        self.conn = conn
        self.ready = False
        self.task = None          # (item, sha, t0): the file the worker is on
        self.pending = deque()    # (item, sha): sent after it, not started yet
        self.deadline = 0.0
        self.started = 0.0
        self.done = 0
        self.mem = WorkerMemory()  # its RSS at start, peak, own growth (what the ceiling counts)
        self.ps = None
        self.ident = ident
        self.spawned = time.monotonic()
        self.rss_read = 0.0       # when its RSS was last read by the parent

    def kill(self):
        try:
            self.proc.kill()
        except (OSError, AttributeError, ValueError):
            pass
        try:
            self.proc.join(5)
        except (OSError, ValueError, AssertionError):
            pass
        try:
            self.conn.close()
        except OSError:
            pass


class _Rss:
    """A worker's resident set size, read from /proc/PID/statm (psutil where there is no
    /proc): the parent reads it after every message, and importing psutil is ~0.1 s of every
    run's start-up."""

    __slots__ = ("path", "ps")

    def __init__(self, pid: int):
        self.path = f"/proc/{pid}/statm"
        self.ps = None
        if not os.path.exists(self.path):
            import psutil

            self.ps = psutil.Process(pid)

    def rss(self) -> int:
        if self.ps is not None:
            return self.ps.memory_info().rss
        with open(self.path, "rb") as f:
            return int(f.read().split()[1]) * _PAGE_SIZE


RSS_EVERY = 0.1    # seconds between two reads of a busy worker's RSS by the parent

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def crash_cause(exitcode: int | None) -> str:
    """How a worker died, for the ``worker_crashed`` message: "killed by SIGKILL (signal 9)",
    "exit code 3"."""
    if exitcode is None:
        return "exit status unknown"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        else:
            name = f"{name} (signal {-exitcode})"
        hint = " (often: out of memory, killed by the system)" if -exitcode == signal.SIGKILL else ""
        return f"killed by {name}{hint}"
    return f"exit code {exitcode}"


class Pool:
    """``jobs`` worker processes (``worker.worker_main``) doing the files of ``queue``, a
    deque of (item, sha or None). Every file ends in ``record`` (the worker's answer) or in
    ``parent_error`` (timeout, crash twice, memory ceiling); a worker that dies, hangs or
    grows too large is killed and replaced, and one is recycled after
    ``opts.max_tasks_per_worker`` files. ``run`` returns when the queue is done (or raises
    ``BatchError`` when workers cannot start); no worker is left behind."""

    def __init__(self, queue, outdir, opts, popts, want_text, summary, record, parent_error):
        self.queue = queue
        self.outdir = outdir
        self.opts = opts
        self.popts = popts
        self.want_text = want_text
        self.summary = summary
        self.record = record
        self.parent_error = parent_error
        # forked from this process (warm for more than a handful of files, else cold: each
        # worker builds what its files need), else a warm forkserver or spawn
        self.ctx, self.warm = pool_context(len(queue), {os.path.splitext(it.path)[1].lower() for it, _ in queue},
                                           opts.extract_fn)
        self.jobs = max(1, min(opts.jobs or os.cpu_count() or 1, len(queue)))
        self.workers: list[_Worker] = []
        self.started = 0                 # workers started (names them: zwgk-worker-N)
        self.startup_failures = 0        # workers in a row that died or hung before they were ready
        self.answered = 0                # files the workers answered for
        # the workers' pipes and sentinels, registered once per worker (not once per
        # wake-up, as multiprocessing.connection.wait does: a selector built and filled
        # for every answer); poll(2) holds no kernel state, so closing is never a surprise
        self.selector = selectors.PollSelector() if hasattr(selectors, "PollSelector") else selectors.SelectSelector()
        self.rss_every = max(1, len(queue) // 200)   # an RSS sample every this many answers
        self.crashed: dict[int, str] = {}   # item index -> cause of its first crash (it is retried once)
        self.ceiling = opts.max_memory_mb * MB if opts.max_memory_mb else 0

    # ---- the loop

    def run(self) -> None:
        # workers forked from this process share its objects (the warm pipeline) page by
        # page: while they run, this process's cyclic collector leaves those objects alone
        # (a full collection would walk them all, and write to the pages it walks, so that
        # the kernel copies them); unfrozen when the run ends (unless frozen by the caller)
        frozen = self.ctx.get_start_method() == "fork" and gc.get_freeze_count() == 0
        if frozen:
            gc.freeze()
        try:
            while self.queue or any(w.task for w in self.workers):
                self.fill()
                ready, objs = self.wait()
                dead: set = set()
                self.read_answers(ready, objs, dead)
                self.check_limits(dead)
        finally:
            self.shutdown()
            self.selector.close()
            if frozen:
                gc.unfreeze()

    def fill(self) -> None:
        """Start workers up to ``jobs`` (no more than there are files for), give each ready
        worker a file, and one more to wait in its pipe."""
        queue, opts, jobs = self.queue, self.opts, self.jobs
        while len(self.workers) < jobs and len(self.workers) < len(queue) + sum(1 for w in self.workers if w.task):
            self.spawn()
        for w in self.workers:
            if w.ready and w.task is None and queue:
                item, sha = queue.popleft()
                w.task = (item, sha, time.monotonic())
                w.mem.next_file()
                w.deadline = time.monotonic() + opts.timeout
                try:
                    self.send_task(w, item)
                except OSError:  # the worker just died: the file goes back to the queue
                    w.task = None
                    queue.appendleft((item, sha))
            # one more file waits in the worker's pipe, so that it starts on it as soon as it
            # is done with the last one (not after the parent has woken up, recorded the
            # result and sent the next): the worker never idles while files are left.
            # Not when it is due to be recycled, near the memory ceiling, or when the
            # files left are no more than the workers (the last ones go to idle workers).
            if (w.ready and w.task is not None and not w.pending and len(queue) >= jobs
                    and w.done + 2 <= opts.max_tasks_per_worker
                    and not (self.ceiling and w.mem.peak_own > 0.6 * self.ceiling)):
                item, sha = queue.popleft()
                try:
                    self.send_task(w, item)
                except OSError:
                    queue.appendleft((item, sha))
                else:
                    w.pending.append((item, sha))

    def wait(self):
        """Sleep until a worker answers or dies, or the next deadline (at most 0.25 s):
        (what is ready, {waitable: worker})."""
        now = time.monotonic()
        deadlines = [w.deadline for w in self.workers if w.task]
        deadlines += [w.spawned + self.opts.startup_timeout for w in self.workers if not w.ready]
        wait_for = min([d - now for d in deadlines] + [0.25])
        events = self.selector.select(max(0.0, wait_for))
        return [key.fileobj for key, _ in events], {key.fileobj: key.data for key, _ in events}

    def read_answers(self, ready, objs, dead: set) -> None:
        """Every message of the workers that are ready; then the dead are replaced and the
        idle ones due for recycling retired (both added to ``dead``)."""
        opts, ceiling = self.opts, self.ceiling
        for obj in ready:
            w = objs[obj]
            if w in dead:
                continue
            # drain every message the worker sent, then see whether it is still alive
            alive = True
            # its pipe was among the ready: the first message is read without asking again
            first = w.conn in ready
            while True:
                try:
                    if not first and not w.conn.poll():
                        break
                    first = False
                    msg = w.conn.recv()
                except (EOFError, OSError):
                    alive = False
                    break
                self.on_message(w, msg)
            if alive and w.proc.sentinel in ready and not w.proc.is_alive():
                alive = False
            if not alive:
                self.on_death(w)
                dead.add(w)
            elif w.task is None and w.ready and (
                    w.done >= opts.max_tasks_per_worker or (ceiling and w.mem.peak_own > 0.6 * ceiling)):
                self.retire(w, graceful=True)
                dead.add(w)

    def check_limits(self, dead: set) -> None:
        """Timeouts, start-up timeouts and the memory ceiling of the workers still there."""
        opts, ceiling = self.opts, self.ceiling
        now = time.monotonic()
        for w in list(self.workers):
            if w in dead:
                continue
            if w.task and now >= w.deadline:
                self.fail_task(w, "timeout", f"no result within {opts.timeout:g} s")
                self.retire(w, graceful=False)
            elif not w.ready and now >= w.spawned + opts.startup_timeout:
                self.retire(w, graceful=False)
                self.startup_failures += 1
                if self.startup_failures >= 3:
                    raise BatchError("worker processes do not start (start-up timeout)")
            elif w.task and ceiling and w.ps is not None and now - w.rss_read >= RSS_EVERY:
                # at most every RSS_EVERY s (the loop wakes at least every 0.25 s, so a
                # worker over the ceiling is still seen within that; answers arriving
                # every few ms no longer cost a read of /proc each)
                w.rss_read = now
                try:
                    rss = w.ps.rss()
                except Exception:
                    continue
                if w.mem.saw(rss) > ceiling:
                    self.fail_task(w, "too_large", f"the file needs more than the memory ceiling "
                                                   f"({opts.max_memory_mb} MB)")
                    self.retire(w, graceful=False)

    def shutdown(self) -> None:
        """Workers still on a file are killed; idle ones are asked to stop."""
        for w in list(self.workers):
            if w.task:
                self.unwatch(w)
                w.kill()
                self.workers.remove(w)
                self.summary.worker_peak_rss_mb[str(w.ident)] = round(w.mem.peak / MB, 1)
            else:
                self.retire(w, graceful=True)

    # ---- one worker

    def spawn(self) -> _Worker:
        opts = self.opts
        parent_conn, child_conn = self.ctx.Pipe(duplex=True)
        self.started += 1
        proc = self.ctx.Process(target=worker_main, name=f"zwgk-worker-{self.started}",
                                args=(child_conn, opts.extract_fn, self.popts, self.want_text, opts.max_memory_mb,
                                      self.warm, os.getpid()),
                                daemon=True)
        proc.start()
        child_conn.close()
        if RunLock.active is not None:
            RunLock.active.add_worker(proc.pid)
        w = _Worker(proc, parent_conn, self.started)
        try:
            w.ps = _Rss(proc.pid)
        except Exception:
            w.ps = None
        self.workers.append(w)
        self.selector.register(parent_conn, selectors.EVENT_READ, w)
        self.selector.register(proc.sentinel, selectors.EVENT_READ, w)
        self.summary.worker_starts += 1
        return w

    def unwatch(self, w: _Worker) -> None:
        """Stop waiting on the worker's pipe and sentinel (before they are closed)."""
        for obj in (w.conn, w.proc.sentinel):
            try:
                self.selector.unregister(obj)
            except (KeyError, ValueError, OSError):
                pass

    def send_task(self, w: _Worker, item: Item) -> None:
        w.conn.send((item.index, item.path, item.display, str(self.outdir), item.out_json, item.out_text))

    def requeue_pending(self, w: _Worker) -> None:
        """Files sent to a worker that will not do them (it died, hangs, is killed)
        were never started: they go back to the front of the queue, in order."""
        while w.pending:
            self.queue.appendleft(w.pending.pop())

    def retire(self, w: _Worker, graceful: bool) -> None:
        self.requeue_pending(w)
        if graceful:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.proc.join(2)
        self.unwatch(w)
        w.kill()
        self.workers.remove(w)
        if RunLock.active is not None:
            RunLock.active.remove_worker(w.proc.pid)
        self.summary.worker_peak_rss_mb[str(w.ident)] = round(w.mem.peak / MB, 1)

    def fail_task(self, w: _Worker, code: str, message: str) -> None:
        item, sha, t0 = w.task
        w.task = None
        if sha is None:  # not hashed up front (no earlier output): hash it now
            sha = safe_sha(item.path)
        self.parent_error(item, sha, code, message, time.monotonic() - t0)

    def on_message(self, w: _Worker, msg) -> None:
        summary = self.summary
        if msg[0] == "ready":
            w.ready = True
            self.startup_failures = 0
            # (its RSS when it started: older workers' messages have no fourth element)
            w.mem.started(msg[2], msg[3] if len(msg) > 3 else 0)
        elif msg[0] == "done" and w.task is not None:
            _tid, status, code, sha, stages, rss, message = msg[1:]
            item, sha0, t0 = w.task
            w.task = None
            w.mem.saw(rss)
            w.mem.next_file()
            if w.pending:  # the worker has gone on to the file sent after this one
                nitem, nsha = w.pending.popleft()
                w.task = (nitem, nsha, time.monotonic())
                w.deadline = time.monotonic() + self.opts.timeout
            w.done += 1
            summary.ocr_pages += int(stages.pop("ocr_pages", 0))
            if stages.pop("no_report_content", 0):
                summary.note_no_report_content(item.display)
            for k, v in stages.items():
                summary.stage_seconds[k] += v
            self.answered += 1
            if self.answered % self.rss_every == 0:
                summary.rss_samples_mb.append(round(rss / MB, 1))
            self.record(item, manifest_entry(item, sha if sha else sha0, status, code,
                                              stages.get("total", time.monotonic() - t0), message))

    def on_death(self, w: _Worker) -> None:
        """A worker died: its file is tried once more in a fresh worker (or fails, the second
        time or near the memory ceiling); three workers dying before they start stop the run."""
        w.proc.join(1)
        rc = w.proc.exitcode
        if w.task:
            if self.ceiling and w.mem.file_own > 0.8 * self.ceiling:
                self.fail_task(w, "too_large", f"the worker ran out of memory (ceiling "
                                               f"{self.opts.max_memory_mb} MB) on this file")
            else:
                cause = crash_cause(rc)
                item, sha, _t0 = w.task
                if item.index not in self.crashed:  # once more, in a fresh worker, before giving up
                    self.crashed[item.index] = cause
                    w.task = None
                    self.queue.appendleft((item, sha))
                else:
                    self.fail_task(w, "worker_crashed", f"the worker process died on this file twice "
                                                        f"({self.crashed[item.index]}; then {cause})")
        elif not w.ready:
            self.startup_failures += 1
            if self.startup_failures >= 3:
                raise BatchError(f"worker processes die at start-up (exit code {rc})")
        self.retire(w, graceful=False)


def _pool(queue, outdir, opts, popts, want_text, summary, record, parent_error):
    """The local engine (``BatchOptions.pool`` unset): see ``Pool``. Another engine takes the
    same arguments (``extractor.dask_engine``)."""
    Pool(queue, outdir, opts, popts, want_text, summary, record, parent_error).run()
