"""What the user sees while a run goes: the progress bar or lines (``_Progress``) and the
per-file log (``log``, ``configure_logging``)."""
from __future__ import annotations

import logging
import sys
import time

from .common import BatchError

log = logging.getLogger("zwgk")   # one line per file (INFO), decisions (DEBUG): ``configure_logging``


def configure_logging(verbose: int = 0, log_file: str | None = None) -> None:
    """``-v``: a line per file on stderr (``-vv``: also what was skipped or not taken and why);
    ``--log-file FILE``: the same lines, always at ``-vv`` detail, appended to FILE."""
    log.handlers.clear()
    log.propagate = False
    fmt = logging.Formatter("%(asctime)s zwgk %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S")
    levels = []
    if verbose:
        h = logging.StreamHandler(sys.stderr)
        h.setLevel(logging.INFO if verbose == 1 else logging.DEBUG)
        h.setFormatter(fmt)
        log.addHandler(h)
        levels.append(h.level)
    if log_file:
        try:
            h = logging.FileHandler(log_file, encoding="utf-8")
        except OSError as e:
            raise BatchError(f"cannot open the log file {log_file}: {e.strerror or e}") from e
        h.setLevel(logging.DEBUG)
        h.setFormatter(fmt)
        log.addHandler(h)
        levels.append(logging.DEBUG)
    log.setLevel(min(levels) if levels else logging.WARNING)


class _Progress:
    def __init__(self, total: int, mode: str, quiet: bool, summary=None):
        self.summary = summary  # for the count of OCR'd pages
        self.total = total
        self.done = 0
        self.errors = 0
        self.t0 = time.monotonic()
        self.last = 0.0
        self.bar = None
        if quiet or mode == "none":
            self.mode = "none"
        elif mode == "auto":
            self.mode = "bar" if sys.stderr.isatty() else "lines"
        else:
            self.mode = mode
        if self.mode == "bar":
            try:
                from tqdm import tqdm

                class _Bar(tqdm):
                    # no monitor thread: the pool forks its workers from this process
                    # only while no other thread runs (see start.fork_context)
                    monitor_interval = 0

                self.bar = _Bar(total=total, unit="doc", dynamic_ncols=True, file=sys.stderr,
                                desc="extract", smoothing=0.1)
                self.bar.set_postfix(errors=0)
            except ImportError:
                self.mode = "lines"

    def update(self, n: int = 1, error: bool = False, skipped: bool = False):
        self.done += n
        if error:
            self.errors += 1
        ocr = self.summary.ocr_pages if self.summary is not None else 0
        if self.mode == "bar":
            self.bar.update(n)
            if error or ocr:
                self.bar.set_postfix(errors=self.errors, **({"ocr_pages": ocr} if ocr else {}))
        elif self.mode == "lines":
            now = time.monotonic()
            if now - self.last >= 10.0 or self.done == self.total:
                self.last = now
                el = now - self.t0
                rate = self.done / el if el > 0 else 0.0
                eta = (self.total - self.done) / rate if rate > 0 else float("nan")
                print(f"zwgk: {self.done}/{self.total} files, {self.errors} errors, "
                      + (f"{ocr} pages OCR'd, " if ocr else "")
                      + f"{rate:.2f} files/s, ETA {eta:.0f}s", file=sys.stderr, flush=True)

    def close(self):
        if self.bar is not None:
            self.bar.close()
