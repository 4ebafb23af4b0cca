"""A table as Parquet (pyarrow): one file, or a Hive-partitioned dataset folder."""
from __future__ import annotations

import os
from pathlib import Path

from ..atomic import TMP_MARK, replace_atomically as _atomic


def arrow_table(cols, rows):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
             "num": pa.float64()}
    arrays = []
    for i, (name, typ) in enumerate(cols):
        vals = [r[i] for r in rows]
        if typ == "num":
            vals = [None if v is None else float(v) for v in vals]
        arrays.append(pa.array(vals, type=types[typ]))
    schema = pa.schema([pa.field(n, types[t]) for n, t in cols])
    return pa.Table.from_arrays(arrays, schema=schema)


def write_parquet(path: Path, cols, rows) -> None:
    import pyarrow.parquet as pq

    table = arrow_table(cols, rows)
    _atomic(path, lambda tmp: pq.write_table(table, tmp))


def partitioned(cols, rows, partition_by: str | None, doc_values: dict | None = None):
    """(arrow table, Hive partitioning or None): a table without ``partition_by`` but with
    ``doc_id`` gets its document's value as that column (``doc_values``: doc_id -> value)."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    table = arrow_table(cols, rows)
    if partition_by is None:
        return table, None
    names = [n for n, _t in cols]
    if partition_by not in names and "doc_id" in names and doc_values is not None:
        i = names.index("doc_id")
        table = table.append_column(partition_by, pa.array([doc_values.get(r[i]) for r in rows], type=pa.int64()))
        names.append(partition_by)
    partitioning = (ds.partitioning(table.select([partition_by]).schema, flavor="hive")
                    if partition_by in names else None)
    return table, partitioning


def write_dataset_files(table, partitioning, folder: str, basename: str) -> None:
    """``table`` as Parquet files BASENAME-{i}.parquet in ``folder`` (under its Hive partition
    folders), each written under a temporary name and renamed into place: files of other
    writers (other Dask tasks) in the same folder are never touched."""
    import shutil

    import pyarrow.dataset as ds

    tmp = os.path.join(folder, f".{basename}.{os.getpid()}.{os.urandom(4).hex()}{TMP_MARK}")
    try:
        ds.write_dataset(table, tmp, format="parquet", partitioning=partitioning,
                         basename_template=basename + "-{i}.parquet", use_threads=False,
                         existing_data_behavior="error")
        for root, _dirs, files in os.walk(tmp):
            for f in files:
                dest = os.path.join(folder, os.path.relpath(os.path.join(root, f), tmp))
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                os.replace(os.path.join(root, f), dest)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def swap_into_place(tmp: str | Path, path: Path) -> None:
    """Rename the finished ``tmp`` to ``path``; an earlier ``path`` (folder or file) goes."""
    import shutil

    old = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.old{TMP_MARK}")
    moved = os.path.lexists(path)
    if moved:  # the earlier export (a folder, or the single file of an unpartitioned one)
        os.rename(path, old)
    try:
        os.rename(tmp, path)
    except OSError:
        if moved:
            os.rename(old, path)
        raise
    if os.path.isdir(old) and not os.path.islink(old):
        shutil.rmtree(old, ignore_errors=True)
    elif os.path.lexists(old):
        os.unlink(old)


def write_parquet_dataset(path: Path, cols, rows, partition_by: str, doc_values: dict | None = None) -> None:
    """A Parquet dataset folder: Hive partitions ``partition_by=VALUE/part-0.parquet`` (a missing
    value: ``__HIVE_DEFAULT_PARTITION__``). A table without the column but with ``doc_id``
    (facts, warnings…) is partitioned by its document's value (``doc_values``: doc_id -> value;
    readers see it as a column); others (data_dictionary) are one ``part-0.parquet``. Written
    beside and renamed into place, so a reader never sees half of it."""
    import shutil

    import pyarrow.dataset as ds

    table, partitioning = partitioned(cols, rows, partition_by, doc_values)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TMP_MARK}")
    try:
        ds.write_dataset(table, tmp, format="parquet", partitioning=partitioning,
                         basename_template="part-{i}.parquet", use_threads=False,
                         existing_data_behavior="error")
        if not os.path.isdir(tmp):  # an empty table writes nothing: keep its schema in one empty part
            write_empty(table, tmp)
        swap_into_place(tmp, path)
    finally:
        if os.path.isdir(tmp) and not os.path.islink(tmp):
            shutil.rmtree(tmp, ignore_errors=True)
        elif os.path.lexists(tmp):
            os.unlink(tmp)


def write_empty(table, folder) -> None:
    """An empty table's schema as ``folder/part-0.parquet`` (a dataset of no rows)."""
    import pyarrow.parquet as pq

    os.makedirs(folder, exist_ok=True)
    pq.write_table(table, os.path.join(folder, "part-0.parquet"))
