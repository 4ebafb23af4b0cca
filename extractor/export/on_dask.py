"""``zwgk export --engine dask``: the Parquet export of a very large OUTDIR on a Dask cluster.

The per-file JSONs of OUTDIR are split into chunks (a shared filesystem, as for ``extract``).
Two rounds of tasks, both reading their chunk's JSONs on the worker:

1. *heads*: each task returns its records without warnings, conflicts and all but the chosen
   facts (source, document, values, errors, score tables, the fact behind each value: what
   ``report_ids``, the series checks and the panel need) and the
   files it had to skip (``load_record``'s reasons, as the local export gives them).
2. *parts*: once the client has the report ids (they group renderings across chunks), each task
   builds its records' rows with ``tables.add_record`` (the local export's code) and writes its
   own part files, ``part-TASK-i.parquet``, into every table's folder (under ``year=Y/`` with
   ``--partition-by year``): temp name + rename, so tasks never collide and no reader sees half
   a file.

The client writes the tables that need every record (reports, checks, data dictionary, panel)
with ``tables.global_tables``, and the datasets are built in a staging folder beside the output
and renamed into place at the end. Without ``--partition-by`` each table is a folder too (one
part file per task), never one file. ``--corrections`` is refused with ``--engine dask``.
"""
from __future__ import annotations

import math
import os
import shutil
import sys
import time
from pathlib import Path

from ..atomic import TMP_MARK
from .cast import Dropped, cast
from .columns import ExportError
from .fields import chosen_index, report_ids
from .records import MANIFEST, as_dict, list_jsons, load_records, manifest_gaps
from .tables import PER_RECORD, add_record, global_tables, record_tables
from .to_parquet import partitioned, swap_into_place, write_dataset_files, write_empty

#: what a head keeps of a record (and its chosen facts): enough for report ids, series checks, panel
HEAD_FIELDS = ("schema_version", "source", "document", "values", "errors", "score_tables")


def _chunks(found: list, n_workers: int, chunk_size: int | None) -> list[list]:
    """Consecutive chunks of ``found`` (at least ~4 per worker, at most 500 records each)."""
    if not chunk_size:
        chunk_size = max(1, min(500, math.ceil(len(found) / max(1, 4 * n_workers))))
    return [found[i:i + chunk_size] for i in range(0, len(found), chunk_size)]


# --------------------------------------------------------------------------- on the worker

def _head(rec: dict) -> dict:
    """``rec`` without what only the per-record tables need; of its facts only each value's
    chosen one (the series' checks quote its evidence; ``chosen_index`` finds it again)."""
    head = {k: rec.get(k) for k in HEAD_FIELDS if k in rec}
    facts = rec.get("facts") if isinstance(rec.get("facts"), list) else []
    keep = sorted({i for i in (chosen_index(rec, k) for k in as_dict(rec.get("values"))) if i is not None})
    head["facts"] = [facts[i] for i in keep]
    return head


def _heads(chunk: list):
    """([(doc_id, head)], skipped) of one chunk."""
    records, skipped = load_records(chunk)
    return [(d, _head(rec)) for d, rec, _fp in records], skipped


def _year(doc) -> int | None:
    try:
        return cast(doc.get("year"), "int") if isinstance(doc, dict) else None
    except Dropped:
        return None


def _parts(task: int, chunk: list, rids: dict, staging: str, names: dict, partition_by: str | None):
    """Write one chunk's rows of the per-record tables as part files; {table: rows}."""
    from ..keys import key_units
    from .columns import key_columns

    records, _skipped = load_records(chunk)   # read again: a head's skip is already reported
    records = [r for r in records if r[0] in rids]
    dropped: list = []
    tabs = record_tables(dropped)
    units, kcols = key_units(), key_columns()
    for doc_id, rec, fp in records:
        add_record(tabs, doc_id, rec, fp, rids[doc_id], units, kcols)
    for d in dropped:
        tabs["warnings"].add(d)
    doc_values = {doc_id: _year(rec.get("document")) for doc_id, rec, _fp in records}
    counts = {}
    for t in PER_RECORD:
        rows = tabs[t].rows
        counts[t] = len(rows)
        if rows:
            table, partitioning = partitioned(tabs[t].cols, rows, partition_by, doc_values)
            write_dataset_files(table, partitioning, os.path.join(staging, names[t]), f"part-{task:06d}")
    return counts


# --------------------------------------------------------------------------- on the client

class _Progress:
    def __init__(self, total: int, quiet: bool, what: str):
        self.total, self.quiet, self.what = total, quiet, what
        self.done, self.t0, self.last = 0, time.monotonic(), 0.0

    def add(self, n: int, final: bool = False):
        self.done += n
        now = time.monotonic()
        if self.quiet or (not final and now - self.last < 1.0):
            return
        self.last = now
        rate = self.done / max(now - self.t0, 1e-9)
        print(f"zwgk export: {self.what} {self.done}/{self.total} records, {rate:.0f} records/s",
              file=sys.stderr, flush=True)


def _gather(client, futures, sizes: list, progress: _Progress) -> list:
    """The futures' results in order, the progress line fed as they finish."""
    from distributed import as_completed

    index = {f.key: i for i, f in enumerate(futures)}
    out = [None] * len(futures)
    for fut in as_completed(futures):
        i = index[fut.key]
        out[i] = fut.result()   # a task's exception is raised here
        progress.add(sizes[i])
    progress.add(0, final=True)
    return out


def export_dask(outdir, file, partition_by: str | None = None, panel: bool = False, corrections=None,
                jobs: int | None = None, scheduler: str | None = None, scheduler_file: str | None = None,
                quiet: bool = False, chunk_size: int | None = None):
    """``export(outdir, "parquet", file, ...)`` on a Dask cluster; returns an ``ExportResult``."""
    from .. import batch
    from ..dask_engine import DaskOptions, connect_cluster
    from .command import ExportResult, output_paths

    if corrections is not None:
        raise ExportError("--corrections is not supported with --engine dask; "
                          "export with the local engine, or apply the corrections to OUTDIR first")
    if partition_by is not None and partition_by != "year":
        raise ExportError("--partition-by year goes with --to parquet")
    if not os.path.isdir(outdir):
        raise ExportError(f"not a folder: {outdir}")
    found = list_jsons(outdir)
    paths = {t: p for t, p in output_paths("parquet", file).items() if panel or t != "panel"}
    try:
        client, cluster = connect_cluster(DaskOptions(jobs=jobs, scheduler=scheduler, scheduler_file=scheduler_file),
                                   max(1, len(found)))
    except batch.BatchError as e:
        raise ExportError(str(e)) from e
    staging = None
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers") or {}))
        chunks = _chunks(found, n_workers, chunk_size)
        sizes = [len(c) for c in chunks]
        heads = _gather(client, client.map(_heads, chunks, pure=False), sizes,
                        _Progress(len(found), quiet, "read"))
        pairs, skipped = [], []
        for hs, sk in heads:
            pairs.extend(hs)
            skipped.extend(sk)
        skipped.extend(manifest_gaps(outdir, found))
        if not pairs:
            has_manifest = os.path.isfile(os.path.join(outdir, MANIFEST))
            why = ("it has a manifest but no readable result JSON" if has_manifest
                   else "no manifest.jsonl and no result JSON of `zwgk extract`")
            listed = "".join(f"\n  skipped {f}: {r}" for f, r in skipped[:10])
            raise ExportError(f"{outdir} is not an extract output folder ({why}); nothing written{listed}")
        rids = report_ids(pairs)
        dropped: list = []
        glob = global_tables(pairs, rids, dropped, panel)
        first = Path(paths["wide"])
        staging = first.with_name(f".{first.name}.dask.{os.getpid()}.{os.urandom(4).hex()}{TMP_MARK}")
        names = {t: Path(p).name for t, p in paths.items()}
        for t in paths:
            os.makedirs(staging / names[t])
        chunk_rids = [{d: rids[d] for d in (rel[:-len(".json")] for rel, _fp in c) if d in rids} for c in chunks]
        futs = client.map(_parts, list(range(len(chunks))), chunks, chunk_rids, [str(staging)] * len(chunks),
                          [names] * len(chunks), [partition_by] * len(chunks), pure=False)
        counts = _gather(client, futs, sizes, _Progress(len(found), quiet, "wrote"))
        totals = {t: sum(c[t] for c in counts) for t in PER_RECORD}
        doc_values = {d: _year(h.get("document")) for d, h in pairs}
        if dropped:   # values of the global tables outside the 64-bit range: warnings rows
            wcols = record_tables([])["warnings"]
            for d in dropped:
                wcols.add(d)
            table, partitioning = partitioned(wcols.cols, wcols.rows, partition_by, doc_values)
            write_dataset_files(table, partitioning, str(staging / names["warnings"]), "part-client")
            totals["warnings"] += len(wcols.rows)
        for t, (cols, rows) in glob.items():
            if t not in paths:
                continue
            table, partitioning = partitioned(cols, rows, partition_by, doc_values)
            if rows:
                write_dataset_files(table, partitioning, str(staging / names[t]), "part-0")
            totals[t] = len(rows)
        for t in PER_RECORD:   # a table no task wrote a row of keeps its schema in one empty part
            if not totals[t]:
                table, _p = partitioned(record_tables([])[t].cols, [], partition_by, doc_values)
                write_empty(table, staging / names[t])
        for t in glob:
            if t in paths and not totals[t]:
                table, _p = partitioned(glob[t][0], [], partition_by, doc_values)
                write_empty(table, staging / names[t])
        for t, p in paths.items():
            swap_into_place(staging / names[t], Path(p))
    except OSError as e:
        raise ExportError(f"cannot write {file}: {e}") from e
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        client.close()
        if cluster is not None:
            cluster.close()
    order = [t for t in ("wide", "reports", "long", "warnings", "conflicts", "score_items", "data_dictionary",
                         "checks", "panel") if t in paths]
    return ExportResult([(str(paths[t]), totals[t]) for t in order], skipped)
