"""What every part of a batch run shares: the names of OUTDIR's own files, the run's
errors (``BatchError``, ``RunStopped``), the error codes of unwritten outputs and how a
parent counts a worker's memory (``WorkerMemory``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .run import Summary

MANIFEST = "manifest.jsonl"
LOCK_FILE = ".zwgk.lock"

MB = 1024 * 1024


class BatchError(Exception):
    """A problem with the run itself (not with one file): bad OUTDIR, lock held…"""


class RunStopped(BatchError):
    """The run began but had to stop: nothing more can be recorded (the manifest cannot be
    written). ``summary`` holds what was done; rerunning the same command resumes."""

    def __init__(self, message: str, summary: "Summary | None" = None):
        super().__init__(message)
        self.summary = summary


# error codes of files whose output could not be written (no JSON is left: a rerun retries them)
WRITE_ERRORS = ("disk_full", "write_failed", "output_collision")
# warnings that say a page had no usable text and was not OCR'd (``record_status``)
OCR_WARNINGS = ("needs_ocr", "ocr_unavailable")


class WorkerMemory:
    """A worker process's memory as its parent sees it (the local pool and the Dask
    engine's per-file children). The ceiling counts the worker's own memory: its RSS less
    what it had when it started (the pages it shares with the process it was forked from,
    however large that process is). Whether a death was the memory's doing is judged on
    the file it died on only: a hog stopped by its own allocation limit leaves a high
    lifetime peak, and the file waiting in the pipe after it may die for its own reasons."""

    __slots__ = ("base", "peak", "peak_own", "last_own", "file_own")

    def __init__(self) -> None:
        self.base = 0       # RSS at start
        self.peak = 0       # the largest RSS seen (reported in the summary)
        self.peak_own = 0   # the largest growth since start (retires a worker near the ceiling)
        self.last_own = 0   # the growth at the last reading
        self.file_own = 0   # the largest growth seen on the file it is on now

    def started(self, rss: int, base: int) -> None:
        self.base = base
        self.saw(rss)

    def saw(self, rss: int) -> int:
        """Note an RSS reading; returns the worker's own memory (growth since it started)."""
        self.peak = max(self.peak, rss)
        own = max(0, rss - self.base)
        self.peak_own = max(self.peak_own, own)
        self.last_own = own
        self.file_own = max(self.file_own, own)
        return own

    def next_file(self) -> None:
        """The worker has gone on to another file: what it holds now (the last reading,
        taken as the last file was done) is where this file's count starts."""
        self.file_own = self.last_own
