"""``zwgk export --engine dask``: the same partitioned Parquet dataset as the local export, built
by Dask tasks (LocalCluster on 127.0.0.1), and the same outcome for a damaged JSON."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the Dask engine needs the [dask] extra")
ds = pytest.importorskip("pyarrow.dataset", reason="parquet export needs pyarrow")

from extractor.batch import BatchOptions, run_batch  # noqa: E402
from extractor.dask_engine import local_cluster  # noqa: E402
from extractor.export import ExportError, export  # noqa: E402
from extractor.export.on_dask import export_dask  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TABLES = ("wide", "reports", "long", "warnings", "conflicts", "score_items", "data_dictionary", "checks")


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    out = tmp_path_factory.mktemp("dxout") / "out"
    run_batch([str(ROOT / "corpus")], str(out), BatchOptions(jobs=2, quiet=True))
    # the next year of a52's body (its 2019 report as 2020's), so the series checks, which
    # quote the evidence of each value's chosen fact, have findings to compare
    src = next(out.rglob("a52_*2019.txt.json"))
    rec = json.loads(src.read_text(encoding="utf-8"))
    rec["document"]["year"] = 2020
    rec["document"]["title"] = (rec["document"].get("title") or "").replace("2019", "2020")
    rec["source"]["sha256"] = "0" * 64
    rec["source"]["path"] = str(rec["source"].get("path")).replace("2019", "2020")
    (src.parent / "a52_next-2020.txt.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def cluster():
    c = local_cluster(2)
    yield c
    c.close()


def _read(path):
    t = ds.dataset(str(path), format="parquet", partitioning="hive").to_table()
    rows = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False, default=str) for r in t.to_pylist())
    return t.schema, rows


def _same(local_base: Path, dask_base: Path, tables=TABLES):
    for t in tables:
        lschema, lrows = _read(f"{local_base}.{t}.parquet")
        dschema, drows = _read(f"{dask_base}.{t}.parquet")
        assert dschema.equals(lschema), t
        assert drows == lrows, t


def test_dask_export_same_dataset_as_local(outdir, tmp_path):
    local = export(outdir, "parquet", tmp_path / "loc", partition_by="year", panel=True)
    dask = export_dask(outdir, tmp_path / "dk", partition_by="year", panel=True, jobs=2, quiet=True,
                       chunk_size=3)   # many tasks: several part files in a partition
    assert [(Path(p).name.split(".", 1)[1], n) for p, n in dask] == \
        [(Path(p).name.split(".", 1)[1], n) for p, n in local]
    assert dict((Path(p).name, n) for p, n in dask)["dk.long.parquet"] > 100
    _same(tmp_path / "loc", tmp_path / "dk", TABLES + ("panel",))
    checks = ds.dataset(str(tmp_path / "dk.checks.parquet"), partitioning="hive").to_table().to_pylist()
    assert [c for c in checks if c["left_evidence"] and c["right_evidence"]]
    parts = list((tmp_path / "dk.long.parquet").glob("year=*/part-*.parquet"))
    assert len({p.name for p in parts}) > 1   # one file per task and partition, names never collide
    assert not [p for p in tmp_path.rglob("*") if ".zwgk-tmp" in p.name]


def test_dask_dataset_read_by_pandas_dask_dataframe_and_duckdb(outdir, tmp_path, cluster):
    export_dask(outdir, tmp_path / "dk", partition_by="year", scheduler=cluster.scheduler_address, quiet=True)
    n = len(_read(tmp_path / "dk.long.parquet")[1])
    read = False
    try:
        import pandas
    except ImportError:
        pandas = None
    if pandas is not None:
        assert len(pandas.read_parquet(tmp_path / "dk.long.parquet")) == n
        import dask.dataframe as dd   # dask.dataframe needs pandas

        assert len(dd.read_parquet(str(tmp_path / "dk.long.parquet")).compute()) == n
        read = True
    try:
        import duckdb
    except ImportError:
        duckdb = None
    if duckdb is not None:
        glob = str(tmp_path / "dk.long.parquet" / "**" / "*.parquet")
        got = duckdb.connect().execute(f"select count(*), count(distinct year) from read_parquet('{glob}', "
                         "hive_partitioning=true)").fetchone()
        assert got[0] == n and got[1] >= 2
        read = True
    if not read:
        pytest.skip("neither pandas nor duckdb installed")


def test_damaged_json_same_outcome(outdir, tmp_path, cluster):
    bad = tmp_path / "out"
    shutil.copytree(outdir, bad)
    victims = sorted(bad.rglob("*.json"))[:2]
    victims[0].write_bytes(victims[0].read_bytes()[:200])   # truncated mid-record
    victims[1].write_text('{"hello": 1}', encoding="utf-8")  # a foreign JSON
    local = export(bad, "parquet", tmp_path / "loc", partition_by="year")
    dask = export_dask(bad, tmp_path / "dk", partition_by="year", scheduler=cluster.scheduler_address,
                       quiet=True, chunk_size=2)
    assert len(local.skipped) >= 2
    assert dask.skipped == local.skipped
    _same(tmp_path / "loc", tmp_path / "dk")


def test_unpartitioned_dask_is_a_folder_per_table(outdir, tmp_path, cluster):
    export(outdir, "parquet", tmp_path / "loc")
    export_dask(outdir, tmp_path / "dk", scheduler=cluster.scheduler_address, quiet=True)
    assert (tmp_path / "loc.wide.parquet").is_file() and (tmp_path / "dk.wide.parquet").is_dir()
    _same(tmp_path / "loc", tmp_path / "dk")


def test_refusals_write_nothing(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExportError, match="corrections"):
        export_dask(tmp_path / "empty", tmp_path / "x", corrections=object(), jobs=1)
    with pytest.raises(ExportError, match="not an extract output folder"):
        export_dask(tmp_path / "empty", tmp_path / "x", jobs=1, quiet=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]
