"""One run at a time per OUTDIR: the lock file (``_lock``) and what it records, the run's
processes (``RunLock``), so that a rerun stops the ones a killed run left behind."""
from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path

from ..atomic import OutDir
from .common import LOCK_FILE, BatchError
from .store import _top_file_error

def _lock(od: OutDir, outdir: Path) -> int:
    import fcntl

    try:
        fd = od.open_file(LOCK_FILE, os.O_RDWR | os.O_CREAT)
    except OSError as e:
        raise _top_file_error(outdir, LOCK_FILE, e) from e
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        os.close(fd)
        raise BatchError(f"another zwgk run is writing to {outdir}") from e
    return fd


def _proc_start(pid: int) -> float | None:
    """The process's start time (seconds since the epoch, as psutil's ``create_time``), None
    when it is gone or cannot be seen. Read from /proc where there is one (importing psutil
    is ~0.1 s of every run's start-up)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            ticks = int(f.read().rsplit(b")", 1)[1].split()[19])
        return ticks / os.sysconf("SC_CLK_TCK") + _boot_time()
    except FileNotFoundError:
        if os.path.isdir("/proc/self"):
            return None  # gone
    except (OSError, ValueError, IndexError):
        pass
    try:
        import psutil

        return psutil.Process(pid).create_time()
    except Exception:
        return None


_BOOT_TIME: list = []


def _boot_time() -> float:
    if not _BOOT_TIME:
        with open("/proc/stat", "rb") as f:
            for line in f:
                if line.startswith(b"btime"):
                    _BOOT_TIME.append(float(line.split()[1]))
                    break
            else:
                raise ValueError("no btime in /proc/stat")
    return _BOOT_TIME[0]


def _descendants(pid: int) -> set[int]:
    try:
        import psutil

        return {c.pid for c in psutil.Process(pid).children(recursive=True)}
    except Exception:
        return set()


def _alive(pid: int) -> bool:
    """The process exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


class RunLock:
    """The lock file records who writes to OUTDIR: the main process and every worker (pid and
    start time, JSON). Should a run's main process be killed and some of its processes live on
    (where the parent-death signal is missing), the next run finds them there: a recorded
    process that is still alive with the same start time is a leftover of that run, stopped
    before anything is written (``reap_leftovers``); one that cannot be stopped refuses the
    run with a message. A pid reused by an unrelated process (another start time) is left alone."""

    active: RunLock | None = None   # the run under way in this process: its pool records its workers here

    def __init__(self, fd: int):
        self.fd = fd
        self.info = {"pid": os.getpid(), "started": _proc_start(os.getpid()), "workers": {}}

    def _read(self) -> dict:
        try:
            size = os.fstat(self.fd).st_size
            data = os.pread(self.fd, min(size, 1 << 20), 0) if size else b""
            rec = json.loads(data) if data.strip() else {}
        except (OSError, ValueError):
            return {}
        return rec if isinstance(rec, dict) else {}

    def _write(self) -> None:
        try:
            data = json.dumps(self.info).encode()
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, data, 0)
        except OSError:
            pass  # the record helps the next run; a full disk must not stop this one

    def reap_leftovers(self, outdir, quiet: bool = False) -> list[int]:
        """Stop the processes an earlier run left behind (see the class); their pids."""
        old = self._read()
        procs = old.get("workers") if isinstance(old.get("workers"), dict) else {}
        mine = _descendants(os.getpid()) if procs else set()  # this process's own server and workers
        found = []
        for entry in procs.values():
            try:
                pid, started = int(entry[0]), float(entry[1])
            except (TypeError, ValueError, IndexError):
                continue
            now = _proc_start(pid)
            if pid != os.getpid() and pid not in mine and now is not None and abs(now - started) < 0.05:
                found.append(pid)
        stopped = []
        for pid in found:
            try:
                os.kill(pid, signal.SIGKILL)
                stopped.append(pid)
            except ProcessLookupError:
                continue
            except OSError as e:
                raise BatchError(f"process {pid} of an earlier zwgk run into {outdir} is still running and "
                                 f"cannot be stopped ({e.strerror}); stop it, then run again") from e
        deadline = time.monotonic() + 10
        while stopped and time.monotonic() < deadline and any(_alive(p) for p in stopped):
            time.sleep(0.05)
        if stopped and not quiet:
            print(f"zwgk: stopped {len(stopped)} leftover process(es) of an earlier run into {outdir} "
                  f"(pids {', '.join(map(str, stopped))})", file=sys.stderr)
        return stopped

    def begin(self) -> None:
        self._write()

    def end(self) -> None:
        """The run is over and its workers are gone: nothing is left to reap."""
        self.info["workers"] = {}
        self._write()

    def add_worker(self, pid: int | None) -> None:
        if pid:
            st = _proc_start(pid)
            if st is not None:
                self.info["workers"][str(pid)] = [pid, st]
                self._write()

    def remove_worker(self, pid: int | None) -> None:
        if pid and self.info["workers"].pop(str(pid), None) is not None:
            self._write()
