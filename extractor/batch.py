"""Batch extraction over folders: parallel, isolated, resumable, never half-written.

    from extractor.batch import BatchOptions, run_batch
    summary = run_batch(["reports/"], "out/", BatchOptions(jobs=2))

* **Inputs** (``discover``): files or folders; folders are walked recursively
  (symlinked folders are not entered, so link loops cannot recurse; symlinked files
  are read), ``extractor.load.SUPPORTED_EXTENSIONS`` and extension-less files whose bytes
  are a report format, sorted, de-duplicated, chosen by ``include``/``exclude`` globs.
  A ``.zip`` has its report members unpacked (bounded, ``unpack_zip``) into a temporary
  folder for the run and taken as inputs (``OUTDIR/<zip path>/<member>.json``; their
  ``input_id`` is the zip's path and the member's name). Files found but not taken
  (lock/temp files, excluded, images, other formats, refused zips, unsafe members) are
  counted by reason in ``Summary.not_taken``.
  Never taken as inputs: OUTDIR itself, any other zwgk output folder (one holding
  ``manifest.jsonl`` and ``.zwgk.lock``) below an input, and ``NAME.text.txt`` with
  ``NAME.json`` beside it (what ``--emit-text`` writes).
* **Outputs** (``discover`` / ``output_relpath``): a folder input keeps its own name:
  ``OUTDIR/<folder name>/<path relative to it>.json`` (``reports/2016`` → ``OUTDIR/2016/…``;
  ``.`` is named after the current folder); a file given directly goes to the top,
  ``OUTDIR/<file name>.json`` (``--emit-text``: ``….text.txt``). Path components are made
  safe and distinct: no ``..``/absolute parts, ``%``, undecodable bytes and control
  characters become ``%XX``, over-long names are shortened with a hash. Two inputs never
  share an output: an input whose output (or a folder on its way) is already another
  input's in this run, is a folder, or belongs to another input in the manifest of an
  earlier run gets an ``output_collision`` record in the manifest and nothing is written.
* **Every write stays inside OUTDIR** (``atomic.OutDir``): folders are opened one by one
  relative to OUTDIR and re-checked to be inside it, files are created with
  ``O_NOFOLLOW``/``O_EXCL`` and renamed into place; a symlink leading out of OUTDIR gives
  ``output_collision``; a symlinked manifest or lock file stops the run with a message.
* **Isolation**: ``jobs`` worker processes (forkserver: the server imports and warms the
  pipeline once — modules, compiled rules — and each worker is forked from it already
  warm; jieba stays lazy, loaded by a worker on first use; spawn: each worker warms up on
  its own; nothing heavy is pickled). A file gets
  ``timeout`` seconds; the worker's memory is capped (RLIMIT_AS backstop inside the
  worker, RSS watched by the parent). A worker that hangs, dies or exceeds the ceiling
  is killed and replaced, the file gets an error record (``timeout``,
  ``worker_crashed``, ``too_large``) and the run goes on. Workers are recycled after
  ``max_tasks_per_worker`` files so RSS stays flat. Workers die with the main process:
  each sets a parent-death signal (``prctl(PR_SET_PDEATHSIG)``; its parent, the
  forkserver, exits when the main process does) and watches the main process's pid.
  The lock file records the run's workers (pid, start time: ``RunLock``), so a rerun
  stops processes an earlier, killed run left behind. A worker that dies on a file is
  replaced and the file tried once more; a second death gives ``worker_crashed`` with
  the signal or exit code (``crash_cause``).
* **Faults are per-file records**: a failed write is recorded against its file
  (``disk_full`` for ENOSPC/EDQUOT, ``write_failed`` otherwise, ``output_collision`` when
  a folder or foreign file is in the way) and the run goes on; when the manifest itself
  cannot be written the run stops cleanly (``RunStopped``). No JSON is left for such a
  file, so a rerun retries it.
* **Status**: ``ok``, ``error`` or ``needs_ocr`` (no error, no fact, and pages that need
  OCR or an OCR engine that is missing: ``record_status``); a plain rerun redoes
  ``needs_ocr`` files (an OCR engine may have been installed since).
* **Never lose work**: every file is written to a temp file in the same folder and
  renamed (``os.replace``); ``OUTDIR/manifest.jsonl`` gets one line per input as it
  completes and is compacted (one line per input) at the end of the run. A rerun skips
  inputs whose JSON exists with the same content sha256 and schema version
  (``force`` redoes all, ``retry_errors`` redoes failed ones too); leftover temp files
  of a killed run are removed. One run at a time per OUTDIR (a lock file).
"""
from __future__ import annotations

import errno
import hashlib
import json
import multiprocessing as mp
import gc
import os
import signal
import stat
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from multiprocessing.connection import wait as mp_wait
from pathlib import Path

from .version import SCHEMA_VERSION
from .atomic import TMP_MARK, OutDir, OutsideOutdir, atomic_write  # noqa: F401 (re-exported for callers/tests)

# extractor.load (and the document model behind it) is imported only where it is needed
# (``discover``), so that ``prestart`` can launch the worker server before that import


def __getattr__(name: str):  # ``batch.SUPPORTED_EXTENSIONS`` still works, imported on first use
    if name == "SUPPORTED_EXTENSIONS":
        from .load import SUPPORTED_EXTENSIONS

        return SUPPORTED_EXTENSIONS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

MANIFEST = "manifest.jsonl"
LOCK_FILE = ".zwgk.lock"

import logging

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
MB = 1024 * 1024

# Defaults (documented in ``zwgk extract --help``)
DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_MEMORY_MB = 2048
DEFAULT_MAX_BYTES = 100 * MB
DEFAULT_MAX_UNZIPPED_BYTES = 200 * MB
DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_TASKS_PER_WORKER = 500

NAME_MAX = 255          # bytes per path component (Linux/macOS)
_LONGEST_SUFFIX = ".text.txt"


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
class Item:
    path: str            # as found on disk (may hold surrogate escapes)
    display: str         # printable path written into JSON / manifest
    rel: str             # safe relative output stem (…/a.pdf), posix
    index: int = 0
    collision: str | None = None   # why this input gets no output of its own (``output_collision``)
    source_id: str | None = None   # a zip member: "<zip's absolute path>/<member name>"

    @property
    def input_id(self) -> str:
        """The input's absolute path (printable): who owns an output, across runs (for a zip
        member, the zip's path and the member's name: it is unpacked to a new place each run)."""
        return self.source_id or printable(os.path.abspath(self.path))

    @property
    def out_json(self) -> str:
        return self.rel + ".json"

    @property
    def out_text(self) -> str:
        return self.rel + ".text.txt"


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


# --------------------------------------------------------------------------- paths

def printable(s: str) -> str:
    """A str that encodes as UTF-8 (undecodable file-name bytes become U+FFFD)."""
    return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _safe_component(name: str) -> str:
    raw = name.encode("utf-8", "surrogateescape")
    try:
        text = raw.decode("utf-8")
        out = []
        for ch in text:
            if ch == "%" or ord(ch) < 32 or ord(ch) == 127 or ch in "/\\":
                out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8")))
            else:
                out.append(ch)
        comp = "".join(out)
    except UnicodeDecodeError:
        # keep valid UTF-8 runs, escape the rest byte by byte (reversible, unique)
        comp = "".join(chr(b) if 32 <= b < 127 and b not in (0x25, 0x2F, 0x5C) else f"%{b:02X}"
                       for b in raw)
    if comp in ("", ".", ".."):
        comp = comp.replace(".", "%2E") or "%00"
    limit = NAME_MAX - len(_LONGEST_SUFFIX.encode()) - len(TMP_MARK) - 24
    if len(comp.encode("utf-8")) > limit:
        digest = hashlib.sha1(comp.encode("utf-8")).hexdigest()[:12]
        ext = os.path.splitext(comp)[1]
        if len(ext.encode("utf-8")) > 16:
            ext = ""
        keep = limit - len(digest) - 1 - len(ext.encode("utf-8"))
        head = comp.encode("utf-8")[:keep].decode("utf-8", "ignore")
        comp = f"{head}~{digest}{ext}"
    return comp


def output_relpath(rel: str) -> str:
    """Safe relative output stem for an input's relative path (never escapes OUTDIR)."""
    parts = [p for p in rel.replace("\\", "/").split("/") if p not in ("", ".")]
    safe = [_safe_component(p) for p in parts]
    if not safe:
        safe = ["%00"]
    return "/".join(safe)


def inside(outdir: Path, target: Path) -> bool:
    base = os.path.realpath(outdir)
    real = os.path.realpath(target)
    return os.path.commonpath([base, real]) == base


def root_name(folder: str) -> str:
    """The output folder name of a folder input: its own name (``.`` and other relative
    spellings are named after the folder they stand for; ``/`` is ``_root``)."""
    return os.path.basename(os.path.normpath(os.path.abspath(folder))) or "_root"


def _is_outdir(path: str) -> bool:
    """A folder written by zwgk extract (it holds the manifest and the lock file)."""
    return os.path.isfile(os.path.join(path, MANIFEST)) and os.path.lexists(os.path.join(path, LOCK_FILE))


def _is_own_output(path: str) -> bool:
    """``NAME.text.txt`` with ``NAME.json`` beside it: text that --emit-text wrote."""
    if not path.endswith(".text.txt"):
        return False
    return os.path.isfile(path[: -len(".text.txt")] + ".json")


def is_lock_or_temp(name: str) -> bool:
    """An office lock file (``~$x.docx`` of Word/WPS, ``.~lock.x#`` of LibreOffice), a
    macOS resource fork (``._x.docx``) or a temporary file (``~WRL0001.tmp``, ``x.txt~``): never
    a report, skipped when a folder is walked."""
    return name.startswith(("~$", ".~", "._")) or name.endswith(("~", ".tmp"))


def _same_dir(st, key) -> bool:
    return key is not None and (st.st_dev, st.st_ino) == key


IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")

# why a file found in a folder is not taken (``Summary.not_taken``; docs/CODES.md)
_SKIP_LOCK = "lock_or_temp"
_SKIP_EXCLUDED = "excluded"
_SKIP_IMAGE = "image"
_SKIP_FORMAT = "not_a_report_format"
_SKIP_ZIP = "zip_refused"
_SKIP_ZIP_MEMBER = "zip_member_unsafe"

# bounds on unpacking a .zip of reports (its members become inputs)
ZIP_MAX_MEMBERS = 10_000
ZIP_MAX_TOTAL = 2 * 1024 * MB      # uncompressed bytes of all members of one zip
ZIP_MAX_RATIO = 200                # uncompressed / compressed size of a member above 1 MB


def _matches(patterns, *names: str) -> bool:
    import fnmatch

    return any(fnmatch.fnmatchcase(n, p) for p in patterns for n in names)


def unpack_zip(path: str, staging: str, max_member_bytes: int | None = None,
               max_total: int = ZIP_MAX_TOTAL, max_members: int = ZIP_MAX_MEMBERS,
               max_ratio: int = ZIP_MAX_RATIO) -> tuple[list[tuple[str, str]], list[tuple[str, str]], str | None]:
    """Unpack the report members of the .zip ``path`` into the fresh folder ``staging``,
    bounded: at most ``max_members`` members and ``max_total`` uncompressed bytes (counted
    as they are read, not taken from the headers), a member above 1 MB may not inflate more
    than ``max_ratio`` times; names that are absolute, climb with ``..`` or are links are
    never written (zip-slip). Returns ([(member name, unpacked path)], [(reason, member)]
    left out, why the whole zip is refused or None). Nested zips are not opened."""
    import stat as _stat
    import zipfile

    from .load import SUPPORTED_EXTENSIONS

    taken: list[tuple[str, str]] = []
    left: list[tuple[str, str]] = []
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        return [], [], f"not a readable zip ({e})"
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        if len(infos) > max_members:
            return [], [], f"{len(infos)} members, above the limit of {max_members}"
        total = 0
        for n, info in enumerate(infos):
            name = info.filename.replace("\\", "/")
            parts = [x for x in name.split("/") if x not in ("", ".")]
            mode = info.external_attr >> 16
            if (name.startswith("/") or ".." in parts or not parts or ":" in parts[0]
                    or _stat.S_ISLNK(mode)):
                left.append((_SKIP_ZIP_MEMBER, name))
                continue
            base = parts[-1]
            ext = os.path.splitext(base)[1].lower()
            if is_lock_or_temp(base):
                left.append((_SKIP_LOCK, name))
                continue
            if ext in IMAGE_EXTENSIONS:
                left.append((_SKIP_IMAGE, name))
                continue
            if ext not in SUPPORTED_EXTENSIONS:
                left.append((_SKIP_FORMAT, name))
                continue
            if info.flag_bits & 0x1:
                left.append((_SKIP_ZIP, name + " (encrypted)"))
                continue
            if info.file_size > (1 * MB) and info.compress_size and info.file_size / info.compress_size > max_ratio:
                return [], [], f"member {name} inflates {info.file_size // max(info.compress_size, 1)} times (a zip bomb?)"
            dest = os.path.join(staging, f"{n:05d}", *[_safe_component(x) for x in parts])
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            size = 0
            too_big = False
            try:
                with zf.open(info) as src, open(dest, "wb") as out:
                    while True:
                        chunk = src.read(1 << 20)
                        if not chunk:
                            break
                        size += len(chunk)
                        total += len(chunk)
                        if total > max_total:
                            return [], [], f"members unpack to more than {max_total} bytes"
                        if size > (1 * MB) and info.compress_size and size / info.compress_size > max_ratio:
                            return [], [], f"member {name} inflates more than {max_ratio} times (a zip bomb?)"
                        if max_member_bytes and size > max_member_bytes:
                            too_big = True
                            break
                        out.write(chunk)
            except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as e:
                left.append((_SKIP_ZIP, f"{name} ({type(e).__name__}: {e})"))
                continue
            if too_big:
                os.unlink(dest)
                left.append((_SKIP_ZIP, f"{name} (above the size limit of {max_member_bytes} bytes)"))
                continue
            taken.append((name, dest))
    return taken, left, None


def discover(inputs: list[str], outdir: str | os.PathLike | None = None,
             ignored: list[str] | None = None, *, not_taken: list | None = None,
             include=(), exclude=(), staging: str | None = None,
             max_member_bytes: int | None = None) -> list[Item]:
    """Every report file under ``inputs`` (sorted per input, duplicates removed), each
    with its output path (see the module docstring); inputs whose output another input
    already has carry ``collision``. zwgk's own outputs are left out (appended to
    ``ignored`` when given): OUTDIR and other output folders below an input are not
    entered, ``NAME.text.txt`` beside ``NAME.json`` is not taken.

    In folders: files with a supported extension, and files without an extension whose
    bytes are a report format (``load.sniff_no_extension``); ``include``/``exclude`` globs
    (matched against the path below the input folder and the file name) choose among them.
    A ``.zip`` (in a folder or given directly) has its report members unpacked into
    ``staging`` (bounded, see ``unpack_zip``) and taken as inputs written to
    ``OUTDIR/<zip path>/<member path>.json``; without ``staging`` zips are not opened.
    Whatever is not taken is appended to ``not_taken`` as (reason, path): lock/temp
    files, excluded, images, other formats, refused zips and unsafe zip members."""
    from .load import SUPPORTED_EXTENSIONS
    from .load.sniff import sniff_no_extension

    out_key = None
    if outdir is not None:
        try:
            st = os.stat(outdir)
            out_key = (st.st_dev, st.st_ino)
        except OSError:
            pass
    ignored = [] if ignored is None else ignored
    not_taken = [] if not_taken is None else not_taken
    items: list[Item] = []
    seen_files: set[str] = set()
    files_claimed: dict[str, str] = {}   # output file -> input display
    dirs_claimed: dict[str, str] = {}    # output folder -> first input display under it
    n_zip = [0]

    def add(path: str, rel: str, display: str | None = None, ident: str | None = None):
        key = ident or os.path.abspath(path)
        if key in seen_files:
            return
        seen_files.add(key)
        if ident is None and _is_own_output(path):
            ignored.append(printable(path))
            return
        item = Item(path=path, display=display or printable(path), rel=output_relpath(rel), index=len(items),
                    source_id=ident)
        item.collision = _claim(item, files_claimed, dirs_claimed)
        items.append(item)

    def add_zip(path: str, rel: str):
        key = os.path.abspath(path)
        if key in seen_files:
            return
        seen_files.add(key)
        n_zip[0] += 1
        dest = os.path.join(staging, f"z{n_zip[0]:05d}")
        try:
            os.makedirs(dest)
            taken, left, refused = unpack_zip(path, dest, max_member_bytes)
        except OSError as e:
            taken, left, refused = [], [], f"cannot unpack: {e.strerror or e}"
        if refused:
            import shutil

            shutil.rmtree(dest, ignore_errors=True)
            not_taken.append((_SKIP_ZIP, f"{printable(path)} ({refused})"))
            return
        for reason, name in left:
            not_taken.append((reason, f"{printable(path)}/{printable(name)}"))
        for name, member_path in taken:
            add(member_path, rel + "/" + name, display=f"{printable(path)}/{printable(name)}",
                ident=f"{printable(key)}/{printable(name)}")

    def take(fp: str, rel: str, filtered: bool):
        fname = os.path.basename(fp)
        ext = os.path.splitext(fname)[1].lower()
        if filtered:
            if is_lock_or_temp(fname):
                not_taken.append((_SKIP_LOCK, printable(fp)))
                return
            sub = rel.split("/", 1)[-1]
            if (include and not _matches(include, sub, fname)) or (exclude and _matches(exclude, sub, fname)):
                not_taken.append((_SKIP_EXCLUDED, printable(fp)))
                return
        if ext == ".zip":
            if staging is not None:
                add_zip(fp, rel)
            else:
                not_taken.append((_SKIP_ZIP, f"{printable(fp)} (zip files are opened only by a run)"))
            return
        if not filtered:     # a file given directly: taken as it is (its record says what it is)
            add(fp, rel)
            return
        if ext in SUPPORTED_EXTENSIONS:
            add(fp, rel)
        elif ext in IMAGE_EXTENSIONS:
            not_taken.append((_SKIP_IMAGE, printable(fp)))
        elif not ext and _sniffs_as_report(fp, sniff_no_extension):
            add(fp, rel)
        elif not _is_own_output(fp) and not (ext == ".json" and _is_own_result(fp)):
            not_taken.append((_SKIP_FORMAT, printable(fp)))

    for inp in inputs:
        if os.path.isdir(inp):
            found = []
            name = root_name(inp)
            for root, dirs, files in os.walk(inp, followlinks=False):
                keep = []
                for d in sorted(dirs):
                    full = os.path.join(root, d)
                    try:
                        st = os.stat(full)
                    except OSError:
                        continue
                    if _same_dir(st, out_key) or _is_outdir(full):
                        ignored.append(printable(full) + "/")
                        continue
                    keep.append(d)
                dirs[:] = keep
                for f in files:
                    found.append(os.path.join(root, f))
            for fp in sorted(found, key=lambda s: s.encode("utf-8", "surrogateescape")):
                take(fp, name + "/" + os.path.relpath(fp, inp), True)
        else:
            take(inp, os.path.basename(inp) or inp, False)
    return items


def _sniffs_as_report(path: str, sniff) -> bool:
    try:
        return os.path.isfile(path) and sniff(path) is not None
    except OSError:
        return False


def _is_own_result(path: str) -> bool:
    """``NAME.json`` beside its input-less twin ``NAME.text.txt``, or any JSON with our schema
    header, found under an input: a zwgk result, not a file the user left out."""
    if os.path.isfile(path[: -len(".json")] + ".text.txt"):
        return True
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError:
        return False
    return head.lstrip().startswith(b'{\n  "schema_version"')


def _claim(item: Item, files: dict, dirs: dict) -> str | None:
    """Reserve ``item``'s outputs (JSON and text) and the folders above them; a message
    when another input of this run already has one of them (or needs it as a folder)."""
    parts = item.rel.split("/")
    ancestors = ["/".join(parts[:i]) for i in range(1, len(parts))]
    outs = (item.out_json, item.out_text)
    for a in ancestors:
        if a in files:
            return f"{a} is already the output of {files[a]}"
    for o in outs:
        if o in files:
            return f"{o} is already the output of {files[o]}"
        if o in dirs:
            return f"{o} is needed as a folder for the output of {dirs[o]}"
    for o in outs:
        files[o] = item.display
    for a in ancestors:
        dirs.setdefault(a, item.display)
    return None


# --------------------------------------------------------------------------- writing

try:  # a C serialiser (about 20x faster than json.dumps with indent, which is pure Python)
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; json gives the same bytes
    _orjson = None

# orjson would serialise dataclasses, datetimes and str/int/dict subclasses on its own terms:
# hand those to json (which gives the same bytes or raises as before)
_ORJSON_OPTS = 0
if _orjson is not None:
    _ORJSON_OPTS = (_orjson.OPT_INDENT_2 | _orjson.OPT_PASSTHROUGH_DATACLASS | _orjson.OPT_PASSTHROUGH_DATETIME
                    | _orjson.OPT_PASSTHROUGH_SUBCLASS)


def dumps_record(rec: dict) -> bytes:
    """A record as UTF-8 JSON, two-space indent, keys in insertion order, one final newline.

    orjson when it can take the record (it raises on anything unusual: non-str keys,
    integers beyond 64 bits, subclasses, dataclasses…), else ``json.dumps(indent=2)``:
    the same bytes for every record the pipeline makes (floats both in shortest
    round-trip form; they differ only in how floats below 1e-4 or from 1e16 up are
    spelt, and in NaN, which records never hold)."""
    if _orjson is not None:
        try:
            return _orjson.dumps(rec, option=_ORJSON_OPTS) + b"\n"
        except (TypeError, _orjson.JSONEncodeError):
            pass
    return (json.dumps(rec, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def clean_temp_files(outdir: Path) -> int:
    n = 0
    for root, _dirs, files in os.walk(outdir):
        for f in files:
            if f.endswith(TMP_MARK):
                try:
                    os.unlink(os.path.join(root, f))
                    n += 1
                except OSError:
                    pass
    return n


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def error_record(display: str, code: str, message: str, sha: str | None) -> dict:
    from . import output

    rec = output.error_json(display, code, message, path=None)
    rec["source"]["sha256"] = sha
    return rec


# --------------------------------------------------------------------------- worker

def _resolve(spec: str):
    import importlib

    mod, _, name = spec.partition(":")
    return getattr(importlib.import_module(mod), name)


def default_extract(path: str, display: str, options: dict, want_text: bool):
    """The per-file work: (record, text or None, stage seconds)."""
    from . import pipeline

    stages = {}
    t0 = time.perf_counter()
    try:
        doc = pipeline.load_and_normalize(path, options)
        t1 = time.perf_counter()
        stages["load"] = t1 - t0
        doc.source.path = display
        rec = pipeline.extract_document(doc)
        stages["extract"] = time.perf_counter() - t1
        return rec, (doc.text if want_text else None), stages
    except Exception:
        pass
    # failures: let pipeline.extract build its error record, so records are identical
    # to what extract() gives (it never raises for bad input)
    return pipeline.extract(path, display_path=display, **options), None, stages


_WARM = [False]   # this process (or the server it was forked from) has run _warm_up


def _warm_up(compile_rules: bool = False) -> None:
    """Import and build everything the pipeline needs once (modules, compiled rules, tables).
    ``compile_rules``: compile every rule's and table template's regexes too, and import
    the text formats' loaders and the jieba module (the worker server, see
    ``extractor._preload``: its workers, forked from it, share them instead of each
    compiling and importing what its files need, ~0.4 s of CPU per worker over a batch).
    Other formats' readers (lxml, python-docx, pdfplumber) stay lazy: a run without
    such files would pay for them."""
    from . import pipeline
    from .model import DocumentBuilder, Source, Table
    from .normalize import normalize

    b = DocumentBuilder(Source(path="warmup.txt", sha256="0", format="txt"))
    b.add_paragraph("一、概述")
    b.add_paragraph("2020年，本机关主动公开政府信息120条，收到政府信息公开申请3件，均按时办结。")
    b.add_table(Table.from_rows([["项目", "数量"], ["新闻发布会次数", "2"]]))
    pipeline.extract_document(normalize(b.build()))
    if compile_rules:
        from . import rules, segment
        from .load import sniff, textables, txt  # noqa: F401 (the text formats' loaders)
        from .tables import templates

        rules.compile_all()
        templates.compile_all(templates.load_templates())  # (called as read_stat_tables calls it)
        segment._import_jieba()  # the module only: its dictionary stays lazy (see below)
    _WARM[0] = True
    # jieba is not loaded here: it runs lazily, only on the sentences a stage tokenises
    # (many documents never need it), and loading its dictionary costs ~0.5 s. Preloading it
    # in the forkserver would save that per worker that needs it, but add it to every run
    # that never does (a one-file run of such a document would take twice as long).


def _current_rss() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _set_memory_limit(max_memory_mb: int) -> None:
    try:
        import resource

        with open("/proc/self/statm") as f:
            vms = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = vms + max_memory_mb * MB
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass


def _adopt_inherited_state() -> None:
    """Should the forkserver have loaded jieba (an import, a custom warm-up), a forked
    worker holds its dictionary with the domain words already added: mark it as this
    process's, so ``segment`` does not add the user dictionary a second time (jieba's
    ``add_word`` adds each word's frequency to the total again, which would change how
    it cuts)."""
    seg = sys.modules.get("extractor.segment")
    state = getattr(seg, "_state", None)
    if isinstance(state, dict) and state.get("jieba") and state.get("pid") not in (None, os.getpid()):
        state["pid"] = os.getpid()


def _no_report_content(rec: dict) -> bool:
    return not rec.get("errors") and any(isinstance(w, dict) and w.get("code") == "no_report_content"
                                         for w in rec.get("warnings") or ())


def record_status(rec: dict) -> str:
    """``error`` (the record has errors), ``needs_ocr`` (no fact, and the record says pages
    had no usable text and were not OCR'd, or no OCR engine was there), else ``ok``."""
    if rec.get("errors"):
        return "error"
    if not rec.get("facts") and any(isinstance(w, dict) and w.get("code") in OCR_WARNINGS
                                    for w in rec.get("warnings") or []):
        return "needs_ocr"
    return "ok"


def write_error(e: OSError, rel: str) -> tuple[str, str]:
    """(code, message) for an output that could not be written."""
    if isinstance(e, OutsideOutdir):
        return "output_collision", str(e.strerror or e)
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "disk_full", f"no space left to write {rel}"
    if e.errno in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST, errno.ENOTEMPTY):
        return "output_collision", f"cannot write {rel}: a folder or file of another kind is in the way"
    return "write_failed", f"cannot write {rel}: {e.strerror or e}"


_PR_SET_PDEATHSIG = 1


def _die_with_parent(main_pid: int | None) -> None:
    """Make this worker die with the run: the kernel sends SIGKILL when its parent (the
    forkserver, which exits when the main process does; or the main process itself with
    spawn) dies, and a thread checks every 0.5 s that the parent and the main process are
    still there (where prctl is missing). Never raises."""
    ppid0 = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except Exception:
            pass
    # the parent died before prctl took (a parent of pid 1 is normal only when the main
    # process is pid 1 itself, as in a container)
    if (ppid0 == 1 and main_pid != 1) or (main_pid and not _alive(main_pid)):
        os._exit(1)

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != ppid0 or (main_pid and not _alive(main_pid)):
                os._exit(1)

    try:
        import threading

        threading.Thread(target=watch, name="zwgk-parent-watch", daemon=True).start()
    except Exception:
        pass


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


_OUTDIRS: dict[str, OutDir] = {}


def _outdir(real: str) -> OutDir:
    od = _OUTDIRS.get(real)
    if od is None:
        od = _OUTDIRS[real] = OutDir(real)
    return od


def write_outputs(outdir_real: str, rel_json: str, rel_text: str, rec: dict, text: str | None) -> None:
    """Write one file's results inside OUTDIR (text first, then the JSON that marks it done)."""
    od = _outdir(outdir_real)
    if text is not None:
        od.write(rel_text, text)
    od.write(rel_json, dumps_record(rec))


def _worker_main(conn, extract_fn: str | None, options: dict, want_text: bool, max_memory_mb: int,
                 warm: bool, main_pid: int | None = None) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    _die_with_parent(main_pid)
    _adopt_inherited_state()
    fn = _resolve(extract_fn) if extract_fn else default_extract
    if warm and not extract_fn and not _WARM[0]:  # forked from a warm server: nothing to do
        try:
            _warm_up()
        except Exception:
            pass  # the first real file will show the problem in its record
    # What the worker holds now (modules, compiled rules, lexicons) lives as long as it
    # does: keep it out of the cyclic collector's sweeps (they would also touch, and so
    # copy, pages shared with the server it was forked from), and collect the young
    # generation less often: a document allocates many short-lived objects that die by
    # reference counting anyway. About 4% of the per-document time, output unchanged.
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    if max_memory_mb:
        _set_memory_limit(max_memory_mb)
    conn.send(("ready", os.getpid(), _current_rss()))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        task_id, path, display, outdir_real, rel_json, rel_text = msg
        t0 = time.perf_counter()
        text = None
        stages: dict = {}
        out_of_memory = False
        message = None
        try:
            rec, text, stages = fn(path, display, options, want_text)
        except MemoryError:
            # Build the record only after this block: inside it the exception's traceback
            # still holds the frames (and so the memory) that ran out.
            out_of_memory = True
        except RecursionError:
            rec = error_record(display, "malformed", "document structure nested too deeply", _safe_sha(path))
        except Exception as e:  # a bug somewhere in the pipeline: an error record, never a dead run
            rec = error_record(display, "internal_error", f"{type(e).__name__}: {e}"[:500], _safe_sha(path))
        if out_of_memory:
            rec = error_record(display, "too_large", "the file needs more memory than the ceiling allows",
                               _safe_sha(path))
        try:
            try:
                write_outputs(outdir_real, rel_json, rel_text, rec, text if want_text else None)
                status = record_status(rec)
                code = rec["errors"][0].get("code") if rec.get("errors") else None
                sha = (rec.get("source") or {}).get("sha256") or _safe_sha(path)
            except MemoryError:
                rec = error_record(display, "too_large", "the result needs more memory than the ceiling allows",
                                   _safe_sha(path))
                write_outputs(outdir_real, rel_json, rel_text, rec, None)
                status, code, sha = "error", "too_large", rec["source"]["sha256"]
            except (TypeError, ValueError) as e:  # a record that cannot be serialised: a pipeline bug
                rec = error_record(display, "internal_error", f"result not serialisable: {e}"[:500], _safe_sha(path))
                write_outputs(outdir_real, rel_json, rel_text, rec, None)
                status, code, sha = "error", "internal_error", rec["source"]["sha256"]
        except OSError as e:  # the output could not be written: recorded against the file
            code, message = write_error(e, rel_json)
            status, sha = "error", (rec.get("source") or {}).get("sha256") or _safe_sha(path)
        stages = dict(stages)
        stages["total"] = time.perf_counter() - t0
        n_ocr = sum(1 for w in rec.get("warnings") or () if isinstance(w, dict) and w.get("code") == "ocr_used")
        if n_ocr:
            stages["ocr_pages"] = n_ocr  # a count, taken out of the stage seconds by the parent
        if _no_report_content(rec):
            stages["no_report_content"] = 1  # a flag, taken out by the parent
        try:
            conn.send(("done", task_id, status, code, sha, stages, _current_rss(), message))
        except (EOFError, OSError, BrokenPipeError):
            return


def _safe_sha(path: str) -> str | None:
    try:
        return sha256_file(path)
    except OSError:
        return None


class _Worker:
    __slots__ = ("proc", "conn", "ready", "task", "pending", "deadline", "started", "done", "peak_rss",
                 "ps", "ident", "spawned")

    def __init__(self, proc, conn, ident):
        self.proc = proc
        self.conn = conn
        self.ready = False
        self.task = None          # (item, sha, t0): the file the worker is on
        self.pending = deque()    # (item, sha): sent after it, not started yet
        self.deadline = 0.0
        self.started = 0.0
        self.done = 0
        self.peak_rss = 0
        self.ps = None
        self.ident = ident
        self.spawned = time.monotonic()

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


def _mp_start_method() -> str:
    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


def _single_file_context():
    """The context for a run with one file to do: its worker forked from this process
    itself (``fork``), so that no worker server boots and warms up for it (a second
    interpreter, the imports twice, rules compiled for a warm-up document) and the worker
    does only that file's work; the timeout, memory ceiling, parent-death signal and crash
    records are the pool's as for any worker. None (use ``_mp_context``) where fork is
    missing or unsafe: another thread runs in this process (a fork copies its locks)."""
    if "fork" not in mp.get_all_start_methods() or sys.platform == "darwin":
        return None
    import threading

    if threading.active_count() != 1:
        return None
    return mp.get_context("fork")


def _mp_context():
    if _mp_start_method() == "forkserver":
        ctx = mp.get_context("forkserver")
        try:
            # the server imports and warms the pipeline once (extractor._preload); workers
            # are forked from it and start warm (about 0.3 s less each)
            ctx.set_forkserver_preload(["extractor.batch", "extractor._preload"])
        except Exception:
            pass
        return ctx
    return mp.get_context("spawn")


# --------------------------------------------------------------------------- progress

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

                self.bar = tqdm(total=total, unit="doc", dynamic_ncols=True, file=sys.stderr,
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


# --------------------------------------------------------------------------- manifest / resume

def read_manifest(outdir: Path, od: OutDir | None = None) -> dict[str, dict]:
    """output path -> last manifest entry (lines a kill cut short are ignored; entries
    without an output of their own, ``output_collision``, are not kept: a rerun decides
    again). With ``od`` the manifest is opened without following a symlink."""
    entries: dict[str, dict] = {}
    try:
        if od is not None:
            f = open(od.open_file(MANIFEST, os.O_RDONLY), "rb")
        else:
            f = open(outdir / MANIFEST, "rb")
        with f:
            for line in f:
                try:
                    e = json.loads(line)
                except (ValueError, UnicodeDecodeError):
                    continue
                if isinstance(e, dict) and isinstance(e.get("output"), str):
                    entries[e["output"]] = e
    except FileNotFoundError:
        pass
    return entries


def _existing_output(outdir: Path, item: Item, sha: str | None, want_text: bool) -> dict | None:
    """The record already written for this content and schema version, else None (also
    when the output is a symlink: it is never read through, the rename will replace it)."""
    p = outdir / item.out_json
    try:
        if not stat.S_ISREG(os.lstat(p).st_mode):
            return None
        rec = json.loads(p.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(rec, dict) or rec.get("schema_version") != SCHEMA_VERSION:
        return None
    if sha is None or (rec.get("source") or {}).get("sha256") != sha:
        return None
    if want_text and not rec.get("errors") and not os.path.isfile(outdir / item.out_text):
        return None
    return rec


def _manifest_entry(item: Item, sha, status, code, seconds, message: str | None = None) -> dict:
    e = {"path": item.display, "output": item.out_json, "sha256": sha, "status": status,
         "error": code, "seconds": round(seconds, 3), "schema_version": SCHEMA_VERSION,
         "input": item.input_id}
    if message:
        e["message"] = message
    if code == "output_collision":  # the output is not this input's: it has none
        e["output"] = None
        e["wanted_output"] = item.out_json
    return e


def _manifest_append(f, entry: dict) -> None:
    _manifest_append_raw(f, (json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))


def _manifest_append_raw(f, data: bytes) -> None:
    f.write(data)
    f.flush()


def _foreign_owner(outdir: Path, item: Item, prev: dict) -> str | None:
    """The other input that an earlier run wrote ``item``'s output for, if any: its
    manifest entry names another input, and the output is still there. (The same content
    found at a new place, its old place gone, is the same document moved: not foreign.)"""
    old = prev.get(item.out_json)
    if not old or not old.get("input") or old["input"] == item.input_id:
        return None
    if not os.path.lexists(outdir / item.out_json):
        return None
    if not os.path.lexists(old["input"]) and old.get("sha256") and old.get("sha256") == _safe_sha(item.path):
        return None
    return old.get("path") or old["input"]


def _precheck(path: str, want_sha: bool = True) -> tuple[str | None, str | None, str | None]:
    """(sha256, error code, message) — errors the parent can see without parsing.

    ``want_sha=False`` (no earlier output to compare with): the file is only opened, not
    read — the worker hashes it (the pipeline puts the sha256 in the record), so the
    parent does not read every input once more before the pool can start."""
    try:
        st = os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return None, "symlink_loop", f"symbolic link loop: {printable(path)}"
        if e.errno in (errno.EACCES, errno.EPERM):
            return None, "unreadable", f"permission denied: {printable(path)}"
        if e.errno == errno.ENAMETOOLONG:
            return None, "unreadable", "file name too long"
        return None, "not_found", f"not a readable file: {printable(path)} ({e.strerror})"
    if not stat.S_ISREG(st.st_mode):
        return None, "unreadable", f"not a regular file: {printable(path)}"
    try:
        if not want_sha:
            os.close(os.open(path, os.O_RDONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0)))
            return None, None, None
        return sha256_file(path), None, None
    except OSError as e:
        if e.errno in (errno.EACCES, errno.EPERM):
            return None, "unreadable", f"permission denied: {printable(path)}"
        return None, "unreadable", f"cannot read file: {e.strerror}"


# --------------------------------------------------------------------------- the run

def run_batch(inputs: list[str], outdir: str | os.PathLike, opts: BatchOptions | None = None,
              items: list[Item] | None = None) -> Summary:
    opts = opts or BatchOptions()
    if not (one_input_file(inputs) if items is None else len(items) == 1):
        prestart()  # (one file: its worker is forked from this process, see _single_file_context)
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
        global _RUN_LOCK
        try:
            _RUN_LOCK = RunLock(lock)
            _RUN_LOCK.reap_leftovers(outdir, quiet=opts.quiet)
            _RUN_LOCK.begin()
            summary = _run(inputs, outdir, od, opts, items)
            _RUN_LOCK.end()
            return summary
        finally:
            _RUN_LOCK = None
            try:
                os.close(lock)
            except OSError:
                pass
    finally:
        od.close()


def _top_file_error(outdir: Path, name: str, e: OSError) -> BatchError:
    what = outdir / name
    if e.errno == errno.ELOOP:
        return BatchError(f"{what} is a symbolic link; zwgk does not write through links: remove it")
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BatchError(f"cannot write to output folder {outdir} ({e.strerror}): "
                          f"choose a folder you can write to")
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return BatchError(f"no space left in output folder {outdir}")
    return BatchError(f"cannot open {what}: {e.strerror or e}")


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


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _descendants(pid: int) -> set[int]:
    try:
        import psutil

        return {c.pid for c in psutil.Process(pid).children(recursive=True)}
    except Exception:
        return set()


class RunLock:
    """The lock file records who writes to OUTDIR: the main process and every worker (pid and
    start time, JSON). Should a run's main process be killed and some of its processes live on
    (where the parent-death signal is missing), the next run finds them there: a recorded
    process that is still alive with the same start time is a leftover of that run, stopped
    before anything is written (``reap_leftovers``); one that cannot be stopped refuses the
    run with a message. A pid reused by an unrelated process (another start time) is left alone."""

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


_RUN_LOCK: RunLock | None = None


def prestart() -> None:
    """Launch the worker server (forkserver) now, without waiting for it: it boots and warms
    the pipeline (``extractor._preload``, ~0.3 s) while this process imports, walks the
    inputs and checks earlier outputs, instead of after. Harmless when no file turns out to
    need a worker (the server exits with this process). Never raises."""
    try:
        if _mp_start_method() == "forkserver":
            _mp_context()
            from multiprocessing import forkserver

            forkserver.ensure_running()
    except Exception:  # the pool starts it (or reports the problem) later
        pass


def one_input_file(inputs) -> bool:
    """``inputs`` are one regular file that is neither a zip (it may hold many reports) nor
    a URL: a run that needs no worker server."""
    inputs = list(inputs)
    if len(inputs) != 1:
        return False
    name = os.fspath(inputs[0])
    if "://" in name or name.lower().endswith(".zip"):
        return False
    return os.path.isfile(name)


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
            record(item, _manifest_entry(item, sha, "error", code, seconds, message))
            return
        try:
            od.write(item.out_json, dumps_record(error_record(item.display, code, message, sha)))
        except OSError as e:
            wcode, wmsg = write_error(e, item.out_json)
            record(item, _manifest_entry(item, sha, "error", wcode, seconds, f"{wmsg} (the file's error: {code})"))
            return
        record(item, _manifest_entry(item, sha, "error", code, seconds))

    stopped = None
    try:
        # ---- decide what to run
        queue: deque = deque()
        for item in items:
            if item.collision:
                parent_error(item, None, "output_collision",
                             f"refused: {item.collision} (rename one of the inputs or extract them "
                             f"to separate folders)")
                continue
            try:  # the folders on the way, each checked to be inside OUTDIR
                od.makedirs(item.rel.rpartition("/")[0])
            except OSError as e:
                parent_error(item, None, *write_error(e, item.out_json))
                continue
            dest = outdir / item.out_json
            owner = _foreign_owner(outdir, item, prev)  # --force does not take another's output
            if owner is not None:
                parent_error(item, None, "output_collision",
                             f"refused: {item.out_json} holds the result of {owner} from an earlier run "
                             f"(remove it or use another output folder)")
                continue
            if os.path.isdir(dest) and not os.path.islink(dest):
                parent_error(item, None, "output_collision",
                             f"refused: {item.out_json} is a folder")
                continue
            # the parent hashes a file only to compare it with an output already there
            # (resume); otherwise the worker does (see ``_precheck``)
            sha, code, message = _precheck(item.path, want_sha=not opts.force and os.path.lexists(dest))
            if code:
                parent_error(item, sha, code, message)
                continue
            if not opts.force:
                # the output file is the truth (the manifest may lag behind a kill)
                rec = None
                r = _existing_output(outdir, item, sha, want_text)
                if r is not None:
                    status = record_status(r)
                    if _no_report_content(r) and (status != "needs_ocr" and not (
                            opts.retry_errors and status != "ok")):
                        summary.note_no_report_content(item.display)
                    errs = r.get("errors") or []
                    old = prev.get(item.out_json) or {}
                    seconds = old.get("seconds", 0.0) if old.get("sha256") == sha else 0.0
                    rec = _manifest_entry(item, sha, status, errs[0].get("code") if errs else None, seconds)
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


def _pool(queue, outdir, opts, popts, want_text, summary, record, parent_error):
    ctx = (_single_file_context() if len(queue) == 1 else None) or _mp_context()
    # a worker forked from this process needs no warm-up (it does one file)
    warm = ctx.get_start_method() != "fork"
    jobs = max(1, min(opts.jobs or os.cpu_count() or 1, len(queue)))
    workers: list[_Worker] = []
    counter = [0]
    startup_failures = [0]
    rss_every = max(1, len(queue) // 200)
    n_done = [0]
    crashed: dict[int, str] = {}   # item index -> cause of its first crash (it is retried once)
    def spawn():
        parent_conn, child_conn = ctx.Pipe(duplex=True)
        counter[0] += 1
        proc = ctx.Process(target=_worker_main, name=f"zwgk-worker-{counter[0]}",
                           args=(child_conn, opts.extract_fn, popts, want_text, opts.max_memory_mb, warm,
                                 os.getpid()),
                           daemon=True)
        proc.start()
        child_conn.close()
        if _RUN_LOCK is not None:
            _RUN_LOCK.add_worker(proc.pid)
        w = _Worker(proc, parent_conn, counter[0])
        try:
            w.ps = _Rss(proc.pid)
        except Exception:
            w.ps = None
        workers.append(w)
        summary.worker_starts += 1
        return w

    def requeue_pending(w: _Worker):
        """Files sent to a worker that will not do them (it died, hangs, is killed)
        were never started: they go back to the front of the queue, in order."""
        while w.pending:
            queue.appendleft(w.pending.pop())

    def retire(w: _Worker, graceful: bool):
        requeue_pending(w)
        if graceful:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.proc.join(2)
        w.kill()
        workers.remove(w)
        if _RUN_LOCK is not None:
            _RUN_LOCK.remove_worker(w.proc.pid)
        summary.worker_peak_rss_mb[str(w.ident)] = round(w.peak_rss / MB, 1)

    def fail_task(w: _Worker, code: str, message: str):
        item, sha, t0 = w.task
        w.task = None
        if sha is None:  # not hashed up front (no earlier output): hash it now
            sha = _safe_sha(item.path)
        parent_error(item, sha, code, message, time.monotonic() - t0)

    def send_task(w: _Worker, item: Item):
        w.conn.send((item.index, item.path, item.display, str(outdir), item.out_json, item.out_text))

    ceiling = opts.max_memory_mb * MB if opts.max_memory_mb else 0
    try:
        while queue or any(w.task for w in workers):
            # keep the pool full
            while len(workers) < jobs and len(workers) < len(queue) + sum(1 for w in workers if w.task):
                spawn()
            for w in workers:
                if w.ready and w.task is None and queue:
                    item, sha = queue.popleft()
                    w.task = (item, sha, time.monotonic())
                    w.deadline = time.monotonic() + opts.timeout
                    try:
                        send_task(w, item)
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
                        and not (ceiling and w.peak_rss > 0.6 * ceiling)):
                    item, sha = queue.popleft()
                    try:
                        send_task(w, item)
                    except OSError:
                        queue.appendleft((item, sha))
                    else:
                        w.pending.append((item, sha))
            now = time.monotonic()
            deadlines = [w.deadline for w in workers if w.task]
            deadlines += [w.spawned + opts.startup_timeout for w in workers if not w.ready]
            wait_for = min([d - now for d in deadlines] + [0.25])
            objs = {}
            for w in workers:
                objs[w.conn] = w
                objs[w.proc.sentinel] = w
            ready = mp_wait(list(objs), timeout=max(0.0, wait_for))
            dead: set = set()

            def on_message(w: _Worker, msg) -> None:
                if msg[0] == "ready":
                    w.ready = True
                    startup_failures[0] = 0
                    w.peak_rss = max(w.peak_rss, msg[2])
                elif msg[0] == "done" and w.task is not None:
                    _tid, status, code, sha, stages, rss, message = msg[1:]
                    item, sha0, t0 = w.task
                    w.task = None
                    if w.pending:  # the worker has gone on to the file sent after this one
                        nitem, nsha = w.pending.popleft()
                        w.task = (nitem, nsha, time.monotonic())
                        w.deadline = time.monotonic() + opts.timeout
                    w.done += 1
                    w.peak_rss = max(w.peak_rss, rss)
                    summary.ocr_pages += int(stages.pop("ocr_pages", 0))
                    if stages.pop("no_report_content", 0):
                        summary.note_no_report_content(item.display)
                    for k, v in stages.items():
                        summary.stage_seconds[k] += v
                    n_done[0] += 1
                    if n_done[0] % rss_every == 0:
                        summary.rss_samples_mb.append(round(rss / MB, 1))
                    record(item, _manifest_entry(item, sha if sha else sha0, status, code,
                                                 stages.get("total", time.monotonic() - t0), message))

            def on_death(w: _Worker) -> None:
                w.proc.join(1)
                rc = w.proc.exitcode
                if w.task:
                    if ceiling and w.peak_rss > 0.8 * ceiling:
                        fail_task(w, "too_large", f"the worker ran out of memory (ceiling "
                                                  f"{opts.max_memory_mb} MB) on this file")
                    else:
                        cause = crash_cause(rc)
                        item, sha, _t0 = w.task
                        if item.index not in crashed:  # once more, in a fresh worker, before giving up
                            crashed[item.index] = cause
                            w.task = None
                            queue.appendleft((item, sha))
                        else:
                            fail_task(w, "worker_crashed", f"the worker process died on this file twice "
                                                           f"({crashed[item.index]}; then {cause})")
                elif not w.ready:
                    startup_failures[0] += 1
                    if startup_failures[0] >= 3:
                        raise BatchError(f"worker processes die at start-up (exit code {rc})")
                retire(w, graceful=False)
                dead.add(w)

            for obj in ready:
                w = objs[obj]
                if w in dead:
                    continue
                # drain every message the worker sent, then see whether it is still alive
                alive = True
                while True:
                    try:
                        if not w.conn.poll():
                            break
                        msg = w.conn.recv()
                    except (EOFError, OSError):
                        alive = False
                        break
                    on_message(w, msg)
                if alive and w.proc.sentinel in ready and not w.proc.is_alive():
                    alive = False
                if not alive:
                    on_death(w)
                elif w.task is None and w.ready and (
                        w.done >= opts.max_tasks_per_worker or (ceiling and w.peak_rss > 0.6 * ceiling)):
                    retire(w, graceful=True)
                    dead.add(w)
            now = time.monotonic()
            for w in list(workers):
                if w in dead:
                    continue
                if w.task and now >= w.deadline:
                    fail_task(w, "timeout", f"no result within {opts.timeout:g} s")
                    retire(w, graceful=False)
                elif not w.ready and now >= w.spawned + opts.startup_timeout:
                    retire(w, graceful=False)
                    startup_failures[0] += 1
                    if startup_failures[0] >= 3:
                        raise BatchError("worker processes do not start (start-up timeout)")
                elif w.task and ceiling and w.ps is not None:
                    try:
                        rss = w.ps.rss()
                    except Exception:
                        continue
                    w.peak_rss = max(w.peak_rss, rss)
                    if rss > ceiling:
                        fail_task(w, "too_large", f"the file needs more than the memory ceiling "
                                                  f"({opts.max_memory_mb} MB)")
                        retire(w, graceful=False)
    finally:
        for w in list(workers):
            if w.task:
                w.kill()
                workers.remove(w)
                summary.worker_peak_rss_mb[str(w.ident)] = round(w.peak_rss / MB, 1)
            else:
                retire(w, graceful=True)


__all__ = ["BatchOptions", "BatchError", "RunStopped", "Item", "Summary", "run_batch", "discover",
           "output_relpath", "root_name", "record_status", "atomic_write", "read_manifest", "printable",
           "MANIFEST", "prestart", "WRITE_ERRORS"]
