"""A run: ``run_batch(inputs, outdir, BatchOptions(...)) -> Summary``. Opens and locks
OUTDIR, finds the inputs, decides what is done already (resume), sends the rest through
the pool (``opts.pool``, else the local ``pool._pool``), records every file in the
manifest as it completes, and compacts the manifest at the end."""
from __future__ import annotations

import json
import logging
import os
import stat
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import OutDir
from .common import MANIFEST, MB, WRITE_ERRORS, BatchError, RunStopped
from .inputs import Item, discover, one_input_file
from .lock import RunLock, _lock
from .pool import _pool
from .start import prestart
from .progress import _Progress, log
from .store import (_existing_output, _foreign_owner, _manifest_append, _manifest_append_raw, manifest_entry,
                    _no_report_content, _precheck, _top_file_error, clean_temp_files, dumps_record, error_record,
                    read_manifest, record_status, write_error)

# Defaults (documented in ``zwgk extract --help``)
DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_MEMORY_MB = 2048
DEFAULT_MAX_BYTES = 100 * MB
DEFAULT_MAX_UNZIPPED_BYTES = 200 * MB
DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_TASKS_PER_WORKER = 500


@dataclass
class BatchOptions:
    jobs: int | None = None                 # None: CPU count
    timeout: float = DEFAULT_TIMEOUT        # seconds per file
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB
    max_pages: int | None = DEFAULT_MAX_PAGES
    max_bytes: int | None = DEFAULT_MAX_BYTES
    max_unzipped_bytes: int | None = DEFAULT_MAX_UNZIPPED_BYTES
    emit_text: bool = False
    force: bool = False
    retry_errors: bool = False
    quiet: bool = False
    progress: str = "auto"                  # auto | bar | lines | none
    max_tasks_per_worker: int = DEFAULT_MAX_TASKS_PER_WORKER
    extract_fn: str | None = None           # "module:function" (tests/benchmarks)
    include: tuple = ()                     # globs: only matching files of folders are taken
    exclude: tuple = ()                     # globs: matching files of folders are left out
    startup_timeout: float = 300.0

    def pipeline_options(self) -> dict:
        opts = {}
        for k in ("max_pages", "max_bytes", "max_unzipped_bytes"):
            v = getattr(self, k)
            if v is not None:
                opts[k] = v
        if self.timeout:
            # OCR stops taking new pages at three quarters of the per-file timeout, so a long
            # scan keeps what it has read (and its text pages) instead of losing the whole
            # file to the timeout; the pages left get needs_ocr and an ocr_time_budget warning
            opts["ocr_time_budget"] = 0.75 * float(self.timeout)
        return opts


@dataclass
class Summary:
    files: int = 0
    ok: int = 0
    errors: int = 0
    needs_ocr: int = 0
    skipped: int = 0
    ignored: int = 0                 # zwgk's own outputs found under the inputs, not taken
    error_codes: Counter = field(default_factory=Counter)
    failed: dict = field(default_factory=dict)   # code (or "needs_ocr") -> first few files
    wall: float = 0.0
    processed: int = 0
    worker_peak_rss_mb: dict = field(default_factory=dict)
    worker_starts: int = 0
    stage_seconds: Counter = field(default_factory=Counter)
    rss_samples_mb: list = field(default_factory=list)
    ocr_pages: int = 0  # pages read by OCR (``ocr_used`` warnings), shown in the progress
    no_report_content: int = 0  # ok files whose record says no report content (an error page…)
    not_taken: Counter = field(default_factory=Counter)     # reason -> files found but not taken
    not_taken_files: dict = field(default_factory=dict)     # reason -> first few of them
    skipped_errors: int = 0  # files skipped as done whose earlier record has an error

    def note_no_report_content(self, display: str) -> None:
        self.no_report_content += 1
        self.note_failed("no_report_content", display)

    def note_not_taken(self, pairs) -> None:
        for reason, display in pairs:
            self.not_taken[reason] += 1
            names = self.not_taken_files.setdefault(reason, [])
            if len(names) < self.SHOW_FAILED:
                names.append(display)

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.wall if self.wall > 0 else 0.0

    def to_dict(self) -> dict:
        return {
            "files": self.files, "ok": self.ok, "errors": self.errors, "needs_ocr": self.needs_ocr,
            "skipped": self.skipped, "ignored": self.ignored,
            "error_codes": dict(sorted(self.error_codes.items())),
            "failed_files": {k: v for k, v in sorted(self.failed.items())},
            "wall_seconds": round(self.wall, 3),
            "processed": self.processed, "docs_per_s": round(self.docs_per_s, 3),
            "worker_peak_rss_mb": self.worker_peak_rss_mb, "worker_starts": self.worker_starts,
            "stage_seconds": {k: round(v, 3) for k, v in sorted(self.stage_seconds.items())},
            "rss_samples_mb": self.rss_samples_mb, "ocr_pages": self.ocr_pages,
            "no_report_content": self.no_report_content,
            "not_taken": dict(sorted(self.not_taken.items())),
            "not_taken_files": {k: v for k, v in sorted(self.not_taken_files.items())},
        }

    SHOW_FAILED = 3   # files named per error code in the summary

    def note_failed(self, code: str, display: str) -> None:
        names = self.failed.setdefault(code, [])
        if len(names) < self.SHOW_FAILED:
            names.append(display)

    @property
    def all_ok(self) -> bool:
        return self.ok == self.files

    def exit_code(self) -> int:
        """0: every file ok; 1: the run completed but some files failed or need OCR."""
        return 0 if self.all_ok else 1

    def text(self) -> str:
        codes = ", ".join(f"{c}={n}" for c, n in sorted(self.error_codes.items())) or "none"
        head = (f"zwgk: {self.files} files: {self.ok} ok, {self.errors} with errors ({codes}), "
                f"{self.needs_ocr} need OCR, "
                + (f"{self.no_report_content} without report content, " if self.no_report_content else "")
                + f"{self.skipped} skipped (already done)"
                + (f", {self.ignored} zwgk outputs not taken as inputs" if self.ignored else "")
                + f"; {self.wall:.1f}s wall, {self.docs_per_s:.2f} docs/s")
        lines = [head]
        counts = dict(self.error_codes)
        counts["needs_ocr"] = self.needs_ocr
        counts["no_report_content"] = self.no_report_content
        for code, names in sorted(self.failed.items()):
            more = counts.get(code, len(names)) - len(names)
            lines.append(f"  {code}: " + ", ".join(names) + (f" and {more} more" if more > 0 else ""))
        if self.not_taken:
            n = sum(self.not_taken.values())
            lines.append(f"zwgk: {n} files found but not taken: "
                         + ", ".join(f"{r}={k}" for r, k in sorted(self.not_taken.items())))
            for reason, names in sorted(self.not_taken_files.items()):
                more = self.not_taken[reason] - len(names)
                lines.append(f"  not taken, {reason}: " + ", ".join(names) + (f" and {more} more" if more > 0 else ""))
        if self.skipped_errors:
            lines.append(f"zwgk: {self.skipped_errors} of the files with errors were done in an earlier run and "
                         "not redone; add --retry-errors to redo them (e.g. after raising a limit)")
        if not self.files:
            lines.append("zwgk: nothing to extract: no report file found in the inputs"
                         + (" (see the files not taken above)" if self.not_taken else ""))
        return "\n".join(lines)


def run_batch(inputs: list[str], outdir: str | os.PathLike, opts: BatchOptions | None = None,
              items: list[Item] | None = None) -> Summary:
    opts = opts or BatchOptions()
    # the local pool's worker server, started early; not for one file (its worker is forked
    # from this process, see single_file_context) nor when another pool runs the files (Dask)
    if getattr(opts, "pool", None) is None and not (one_input_file(inputs) if items is None else len(items) == 1):
        prestart()
    outdir = Path(outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except FileExistsError as e:
        raise BatchError(f"output folder {outdir} exists and is not a folder") from e
    except OSError as e:
        raise BatchError(f"cannot create output folder {outdir}: {e.strerror or e}") from e
    try:
        od = OutDir(outdir)
    except OSError as e:
        raise BatchError(f"cannot open output folder {outdir}: {e.strerror or e}") from e
    try:
        lock = _lock(od, outdir)
        try:
            run_lock = RunLock.active = RunLock(lock)
            run_lock.reap_leftovers(outdir, quiet=opts.quiet)
            run_lock.begin()
            summary = _run(inputs, outdir, od, opts, items)
            run_lock.end()
            return summary
        finally:
            RunLock.active = None
            try:
                os.close(lock)
            except OSError:
                pass
    finally:
        od.close()


def _run(inputs, outdir: Path, od: OutDir, opts: BatchOptions, items) -> Summary:
    t_start = time.monotonic()
    ignored: list[str] = []
    not_taken: list = []
    import tempfile

    staging = tempfile.mkdtemp(prefix="zwgk-zip-")  # zip members are unpacked here for the run
    try:
        return _run_discovered(inputs, outdir, od, opts, items, ignored, not_taken, staging, t_start)
    finally:
        import shutil

        shutil.rmtree(staging, ignore_errors=True)


def _run_discovered(inputs, outdir: Path, od: OutDir, opts: BatchOptions, items, ignored, not_taken,
                    staging, t_start) -> Summary:
    if items is None:
        items = discover(inputs, od.real, ignored, not_taken=not_taken, include=tuple(opts.include or ()),
                         exclude=tuple(opts.exclude or ()), staging=staging, max_member_bytes=opts.max_bytes)
    outdir = Path(od.real)  # every path below is inside this real folder
    clean_temp_files(outdir)
    summary = Summary(files=len(items), ignored=len(ignored))
    summary.note_not_taken(not_taken)
    for reason, display in not_taken:
        log.debug("%s: not taken (%s)", display, reason)
    for display in ignored:
        log.debug("%s: not taken (zwgk's own output)", display)
    try:
        prev = read_manifest(outdir, od)
        manifest_f = open(od.open_file(MANIFEST, os.O_RDWR | os.O_APPEND | os.O_CREAT), "ab")
    except OSError as e:
        raise _top_file_error(outdir, MANIFEST, e) from e
    try:  # a line cut short (full disk, kill) is ended, so the next entry starts a line of its own
        size = os.fstat(manifest_f.fileno()).st_size
        if size and os.pread(manifest_f.fileno(), 1, size - 1) != b"\n":
            _manifest_append_raw(manifest_f, b"\n")
    except OSError:
        pass
    final: dict[int, dict] = {}
    progress = _Progress(len(items), opts.progress, opts.quiet, summary)
    want_text = opts.emit_text
    popts = opts.pipeline_options()

    def record(item: Item, entry: dict, *, skipped=False):
        final[item.index] = entry
        if log.isEnabledFor(logging.DEBUG if skipped else logging.INFO):
            log.log(logging.DEBUG if skipped else logging.INFO, "%s: %s%s%s -> %s (%.2f s)", item.display,
                    "already done, " if skipped else "", entry["status"],
                    f" {entry['error']}" if entry.get("error") else "", entry.get("output") or "(no output)",
                    entry.get("seconds") or 0.0)
        if skipped:
            summary.skipped += 1
            if entry["status"] not in ("ok", "needs_ocr"):
                summary.skipped_errors += 1
        else:
            summary.processed += 1
            try:
                _manifest_append(manifest_f, entry)
            except OSError as e:
                raise RunStopped(f"cannot write {outdir / MANIFEST} ({e.strerror or e}): stopped; "
                                 f"free space or fix the folder, then run the same command again "
                                 f"to go on", summary) from e
        status = entry["status"]
        if status == "ok":
            summary.ok += 1
        elif status == "needs_ocr":
            summary.needs_ocr += 1
            summary.note_failed("needs_ocr", item.display)
        else:
            summary.errors += 1
            summary.error_codes[entry["error"] or "unknown"] += 1
            summary.note_failed(entry["error"] or "unknown", item.display)
        progress.update(error=status != "ok", skipped=skipped)

    def parent_error(item: Item, sha, code, message, seconds=0.0):
        """An error found by the parent: its record is written (unless that fails too:
        then the write failure is what the manifest says, and a rerun retries)."""
        if code in WRITE_ERRORS:
            record(item, manifest_entry(item, sha, "error", code, seconds, message))
            return
        try:
            od.write(item.out_json, dumps_record(error_record(item.display, code, message, sha)))
        except OSError as e:
            wcode, wmsg = write_error(e, item.out_json)
            record(item, manifest_entry(item, sha, "error", wcode, seconds, f"{wmsg} (the file's error: {code})"))
            return
        record(item, manifest_entry(item, sha, "error", code, seconds))

    stopped = None
    try:
        # ---- decide what to run
        queue: deque = deque()
        made: set[str] = set()   # output folders made (and checked) in this run
        for item in items:
            if item.collision:
                parent_error(item, None, "output_collision",
                             f"refused: {item.collision} (rename one of the inputs or extract them "
                             f"to separate folders)")
                continue
            folder = item.rel.rpartition("/")[0]
            if folder not in made:
                try:  # the folders on the way, each checked to be inside OUTDIR: once per folder
                    # (a worker's write opens and checks them again, see ``OutDir.write``)
                    od.makedirs(folder)
                except OSError as e:
                    parent_error(item, None, *write_error(e, item.out_json))
                    continue
                made.add(folder)
            dest = outdir / item.out_json
            owner = _foreign_owner(outdir, item, prev)  # --force does not take another's output
            if owner is not None:
                parent_error(item, None, "output_collision",
                             f"refused: {item.out_json} holds the result of {owner} from an earlier run "
                             f"(remove it or use another output folder)")
                continue
            try:  # one lstat: a folder in the way (not a link to one), or an output already there
                dest_mode = os.lstat(dest).st_mode
            except OSError:
                dest_mode = None
            if dest_mode is not None and stat.S_ISDIR(dest_mode):
                parent_error(item, None, "output_collision",
                             f"refused: {item.out_json} is a folder")
                continue
            # the parent hashes a file only to compare it with an output already there
            # (resume); otherwise the worker does (see ``_precheck``)
            sha, code, message = _precheck(item.path, want_sha=not opts.force and dest_mode is not None)
            if code:
                parent_error(item, sha, code, message)
                continue
            if not opts.force:
                # the output file is the truth (the manifest may lag behind a kill)
                rec = None
                # (nothing there, nothing to read: the lstat above said so)
                r = None if dest_mode is None else _existing_output(outdir, item, sha, want_text)
                if r is not None:
                    status = record_status(r)
                    if _no_report_content(r) and (status != "needs_ocr" and not (
                            opts.retry_errors and status != "ok")):
                        summary.note_no_report_content(item.display)
                    errs = r.get("errors") or []
                    old = prev.get(item.out_json) or {}
                    seconds = old.get("seconds", 0.0) if old.get("sha256") == sha else 0.0
                    rec = manifest_entry(item, sha, status, errs[0].get("code") if errs else None, seconds)
                # redone: files that need OCR (an engine may be there now) and, with
                # --retry-errors, files with errors
                if rec is not None and rec["status"] != "needs_ocr" and not (
                        opts.retry_errors and rec["status"] != "ok"):
                    record(item, rec, skipped=True)
                    continue
            queue.append((item, sha))

        # ---- run the queue through the pool (``opts.pool``: another engine with the same
        # contract, e.g. extractor.dask_engine; the records, writes and manifest stay these)
        if queue:
            (getattr(opts, "pool", None) or _pool)(queue, outdir, opts, popts, want_text, summary, record,
                                                   parent_error)
    except RunStopped as e:
        stopped = e
    finally:
        progress.close()
        try:
            manifest_f.close()
        except OSError:
            pass
        # compact: one line per input of this run (input order), then older entries
        merged = [final[i.index] for i in items if i.index in final]
        done = {e["output"] for e in merged if e.get("output")}  # (a refused input owns nothing)
        merged += [e for k, e in prev.items() if k not in done and os.path.lexists(outdir / k)]
        try:
            od.write(MANIFEST, "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in merged))
        except OSError as e:
            if stopped is None:  # the appended lines are there; only the compaction is missing
                stopped = RunStopped(f"cannot rewrite {outdir / MANIFEST} ({e.strerror or e}); "
                                     f"run the same command again to go on", summary)
    summary.wall = time.monotonic() - t_start
    if stopped is not None:
        stopped.summary = summary
        raise stopped
    return summary
