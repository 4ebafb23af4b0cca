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
* **Isolation**: ``jobs`` worker processes (``start.pool_context``). Where fork is safe
  (Linux, one thread) they are forked from the main process: for more than a handful of
  files it first warms the pipeline once — modules, compiled rules, the text loaders —
  and every worker starts warm from it; fewer files go to cold workers that build only
  what their files need. Elsewhere a forkserver does that warm-up and its workers are
  forked from it; with spawn each worker warms up on its own. jieba stays lazy, loaded
  by a worker on first use; nothing heavy is pickled. A file gets
  ``timeout`` seconds; the worker's memory is capped (RLIMIT_AS backstop inside the
  worker, RSS watched by the parent). The ceiling counts the worker's own memory: its
  RSS less what it held when it started, i.e. the pages it shares with the process it
  was forked from, so a worker forked from a large process (a notebook, a test runner)
  is not charged for it. A worker that hangs, dies or exceeds the ceiling
  is killed and replaced, the file gets an error record (``timeout``,
  ``worker_crashed``, ``too_large``) and the run goes on. Workers are recycled after
  ``max_tasks_per_worker`` files so RSS stays flat. Workers die with the main process:
  each sets a parent-death signal (``prctl(PR_SET_PDEATHSIG)``; its parent is the main
  process, or the forkserver, which exits when the main process does) and watches the
  main process's pid.
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

# One module per job (each imports only those listed above it):
#   common    OUTDIR's own file names, the run's errors
#   progress  progress bar/lines and the log
#   inputs    discover, unpack_zip, output paths (Item)
#   store     JSON records, atomic writes, manifest, resume, checks before a file is run
#   lock      the lock file and the run's processes (RunLock)
#   worker    the worker process
#   pool      the local pool of workers (Pool)
#   run       run_batch, BatchOptions, Summary
# The public API is ``__all__`` below, re-exported here: what the CLI, the commands, the
# Dask engine (``dask_engine``: it runs the same per-file worker on a cluster and writes
# the same manifest) and tests use as ``batch.NAME``. Names starting with ``_`` stay inside
# this package (tests/test_import_graph.py fails on an underscore name imported across
# packages). extractor.load is imported only where it is needed (``discover``), so that
# ``prestart`` can launch the worker server before that import.
from ..atomic import TMP_MARK, OutDir, atomic_write
from .common import LOCK_FILE, MANIFEST, MB, WRITE_ERRORS, BatchError, RunStopped
from .inputs import (Item, claim_output, discover, is_lock_or_temp, matches_any, one_input_file, output_relpath,
                     printable, root_name, unpack_zip)
from .pool import crash_cause
from .start import mp_context, prestart, single_file_context
from .progress import configure_logging
from .run import BatchOptions, Summary, run_batch
from .store import dumps_record, manifest_entry, read_manifest, record_status, safe_sha
from .worker import default_extract, warm_up, worker_main


def __getattr__(name: str):  # ``batch.SUPPORTED_EXTENSIONS`` still works, imported on first use
    if name == "SUPPORTED_EXTENSIONS":
        from ..load import SUPPORTED_EXTENSIONS

        return SUPPORTED_EXTENSIONS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    # a run
    "run_batch", "BatchOptions", "Summary", "BatchError", "RunStopped", "configure_logging", "prestart",
    # inputs and where their outputs go
    "discover", "Item", "output_relpath", "root_name", "printable", "is_lock_or_temp", "matches_any",
    "one_input_file", "unpack_zip", "claim_output",
    # OUTDIR: its files, records and manifest
    "MANIFEST", "LOCK_FILE", "TMP_MARK", "MB", "WRITE_ERRORS", "OutDir", "atomic_write", "dumps_record",
    "read_manifest", "record_status", "manifest_entry", "safe_sha",
    # the per-file worker, for another pool (the Dask engine runs it in its own children)
    "worker_main", "default_extract", "warm_up", "mp_context", "single_file_context", "crash_cause",
]
