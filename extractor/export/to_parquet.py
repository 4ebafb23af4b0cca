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


def write_parquet_dataset(path: Path, cols, rows, partition_by: str, doc_values: dict | None = None) -> None:
    """A Parquet dataset folder: Hive partitions ``partition_by=VALUE/part-0.parquet`` (a missing
    value: ``__HIVE_DEFAULT_PARTITION__``). A table without the column but with ``doc_id``
    (facts, warnings…) is partitioned by its document's value (``doc_values``: doc_id -> value;
    readers see it as a column); others (data_dictionary) are one ``part-0.parquet``. Written
    beside and renamed into place, so a reader never sees half of it."""
    import shutil

    import pyarrow as pa
    import pyarrow.dataset as ds

    table = arrow_table(cols, rows)
    names = [n for n, _t in cols]
    if partition_by not in names and "doc_id" in names and doc_values is not None:
        i = names.index("doc_id")
        table = table.append_column(partition_by, pa.array([doc_values.get(r[i]) for r in rows], type=pa.int64()))
        names.append(partition_by)
    partitioning = (ds.partitioning(table.select([partition_by]).schema, flavor="hive")
                    if partition_by in names else None)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TMP_MARK}")
    old = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.old{TMP_MARK}")
    try:
        ds.write_dataset(table, tmp, format="parquet", partitioning=partitioning,
                         basename_template="part-{i}.parquet", use_threads=False,
                         existing_data_behavior="error")
        if not os.path.isdir(tmp):  # an empty table writes nothing: keep its schema in one empty part
            os.makedirs(tmp)
            import pyarrow.parquet as pq

            pq.write_table(table, os.path.join(tmp, "part-0.parquet"))
        moved = os.path.lexists(path)
        if moved:  # the earlier export (a folder, or the single file of an unpartitioned one)
            os.rename(path, old)
        try:
            os.rename(tmp, path)
        except OSError:
            if moved:
                os.rename(old, path)
            raise
    finally:
        for p in (tmp, old):
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p, ignore_errors=True)
            elif os.path.lexists(p):
                os.unlink(p)
