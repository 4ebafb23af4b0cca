"""What every part of a batch run shares: the names of OUTDIR's own files, the run's
errors (``BatchError``, ``RunStopped``) and the error codes of unwritten outputs."""
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
