"""Datasets: wide/long/score-item tables to csv, jsonl, SQLite and Parquet, read back."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from extractor import export as ex
from extractor.keys import canonical_keys, key_units, load_keys


def _rec(path, values=None, facts=None, score_tables=None, errors=None, kind="annual_report", year=2019):
    return {
        "schema_version": 1,
        "source": {"path": path, "sha256": "ab" * 32, "format": Path(path).suffix[1:], "pages": 3,
                   "encoding": None, "ocr": False},
        "document": {"kind": kind, "title": "年度报告", "agency": "乌海市民委", "year": year,
                     "date": "2020-01-11", "template": "gb2019"},
        "values": values or {}, "facts": facts or [], "score_tables": score_tables or [],
        "conflicts": [], "warnings": [], "errors": errors or [],
    }


def _fact(key, value, raw, a, b, unit="条", origin="text", rule=None):
    return {"key": key, "value": value, "unit": unit, "raw": raw, "origin": origin, "page": 1,
            "offset": [a, b], "evidence": "证据" + raw, "rule": rule or f"{key}#x"}


@pytest.fixture()
def outdir(tmp_path):
    out = tmp_path / "out"
    (out / "2019").mkdir(parents=True)
    a = _rec("in/2019/a.pdf",
             values={"proactive.total": 17, "funding.special": 5000.0, "service_hall.physical": True,
                     "licensing.items_change": -2, "other.hotline_calls": 9},
             facts=[_fact("proactive.total", 520, "520条", 10, 16),
                    _fact("proactive.total", 17, "17", 90, 92, origin="table"),
                    _fact("funding.special", 5000.0, "0.5万元", 30, 35, unit="万元"),
                    _fact("service_hall.physical", True, "是", 40, 41, unit=None),
                    _fact("licensing.items_change", -2, "-2", 50, 52, unit=None),
                    _fact("other.hotline_calls", 9, "9次", 60, 62, unit="次")],
             score_tables=[{"title": "考核评分表", "page": 6, "items": [
                 {"path": ["组织领导", "主要负责人亲自抓"], "criterion": "听取汇报", "max": 5, "score": 5},
                 {"path": ["组织领导"], "criterion": "专人负责", "max": 2.5, "score": None}],
                 "total": {"max": 7.5, "score": 5, "stated_max": None, "stated_score": None}, "checks": []}])
    (out / "2019" / "a.pdf.json").write_text(json.dumps(a, ensure_ascii=False), encoding="utf-8")
    b = _rec("in/b.docx", errors=[{"code": "not_docx", "message": "not a zip"}], kind=None, year=None)
    (out / "b.docx.json").write_text(json.dumps(b, ensure_ascii=False), encoding="utf-8")
    # things export must ignore
    (out / "manifest.jsonl").write_text('{"path": "x"}\n', encoding="utf-8")
    (out / "2019" / "a.pdf.text.txt").write_text("全文", encoding="utf-8")
    (out / "notes.json").write_text('{"not": "ours"}', encoding="utf-8")
    (out / "broken.json").write_text('{"schema_version": 1, "sour', encoding="utf-8")
    return out


def test_keys_yaml_is_the_canonical_list():
    keys = canonical_keys()
    assert len(keys) == len(set(keys)) >= 120
    for k in ("proactive.total", "applications.received.natural_person", "outcome.refused.third_party",
              "litigation.after_reconsideration.pending", "outcome.not_processed.mass_repeat"):
        assert k in keys
    u = key_units()
    assert u["funding.special"] == "money" and u["service_hall.physical"] == "bool"
    assert u["licensing.items_change"] == "signed" and u["proactive.total"] == "count"
    assert all(e["label"] for e in load_keys())


def test_schema_md_keys_are_all_listed():
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "SCHEMA.md"
    if not shared.exists():
        pytest.skip("../shared is absent")
    import re

    text = shared.read_text(encoding="utf-8")
    table = text[text.index("## Canonical keys"):text.index("## Score tables")]
    keys = set(canonical_keys())
    for row in table.splitlines():
        if not row.startswith("| ") or row.startswith("| key") or row.startswith("|---"):
            continue
        cell = row.split("|")[1]
        # first names in the cell are full keys, e.g. "proactive.total" / "rules.issued / .abolished"
        for m in re.finditer(r"(?<![\w.])([a-z_]+(?:\.[a-z_]+)+)(?![\w.*])", cell):
            assert m.group(1) in keys, m.group(1)


def test_sqlite_round_trip(outdir, tmp_path):
    db = tmp_path / "r.db"
    written = ex.export(outdir, "sqlite", db)
    assert dict((p.split(":")[-1], n) for p, n in written) == {
        "documents": 2, "reports": 2, "facts": 6, "warnings": 0, "conflicts": 0, "score_items": 2,
        "data_dictionary": len(canonical_keys())}
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    assert tables == {"documents", "reports", "facts", "warnings", "conflicts", "score_items", "data_dictionary"}
    idx = {r[0] for r in con.execute("select tbl_name from sqlite_master where type='index'")}
    assert {"documents", "facts", "score_items", "warnings"} <= idx
    cols = [r[1] for r in con.execute('pragma table_info("documents")')]
    assert cols == [c for c, _ in ex.wide_columns()]
    assert cols[-len(canonical_keys()):] == [k.replace(".", "_") for k in canonical_keys()]
    row = con.execute('select doc_id, source_path, year, proactive_total, funding_special, '
                      'service_hall_physical, licensing_items_change, rules_issued, error_code '
                      'from documents order by doc_id').fetchall()
    assert row == [("2019/a.pdf", "in/2019/a.pdf", 2019, 17, 5000.0, 1, -2, None, None),
                   ("b.docx", "in/b.docx", None, None, None, None, None, None, "not_docx")]
    facts = con.execute("select key, value, unit, page, offset_start, offset_end, evidence, rule, chosen "
                        "from facts where key='proactive.total' order by value").fetchall()
    assert facts == [("proactive.total", 17.0, "条", 1, 90, 92, "证据17", "proactive.total#x", 1),
                     ("proactive.total", 520.0, "条", 1, 10, 16, "证据520条", "proactive.total#x", 0)]
    assert con.execute("select value_type from facts where key='other.hotline_calls'").fetchone() == ("other",)
    items = con.execute("select path, path_json, criterion, max, score from score_items "
                        "order by item_index").fetchall()
    assert items == [("组织领导 > 主要负责人亲自抓", '["组织领导", "主要负责人亲自抓"]', "听取汇报", 5.0, 5.0),
                     ("组织领导", '["组织领导"]', "专人负责", 2.5, None)]
    con.close()
    ex.export(outdir, "sqlite", db)   # re-export replaces the file
    assert sqlite3.connect(db).execute("select count(*) from documents").fetchone() == (2,)


def test_parquet_round_trip(outdir, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    ex.export(outdir, "parquet", tmp_path / "r.parquet")
    wide = pq.read_table(tmp_path / "r.wide.parquet")
    assert wide.column_names == [c for c, _ in ex.wide_columns()]
    assert wide.schema.field("proactive_total").type == pa.int64()
    assert wide.schema.field("funding_special").type == pa.float64()
    assert wide.schema.field("service_hall_physical").type == pa.bool_()
    assert wide.schema.field("rules_issued").type == pa.int64()   # never seen, still there
    d = wide.to_pylist()
    assert d[0]["proactive_total"] == 17 and d[0]["service_hall_physical"] is True
    assert d[0]["rules_issued"] is None and d[1]["error_code"] == "not_docx"
    long = pq.read_table(tmp_path / "r.long.parquet").to_pylist()
    assert len(long) == 6 and {r["key"] for r in long} >= {"other.hotline_calls"}
    items = pq.read_table(tmp_path / "r.score_items.parquet").to_pylist()
    assert [(r["max"], r["score"]) for r in items] == [(5.0, 5.0), (2.5, None)]


def test_csv_and_jsonl(outdir, tmp_path):
    written = ex.export(outdir, "csv", tmp_path / "data.csv")
    assert [Path(p).name for p, _ in written] == [f"data.{t}.csv" for t in ex.TABLES]
    assert ex.TABLES == ("wide", "reports", "long", "warnings", "conflicts", "score_items", "data_dictionary")
    with open(tmp_path / "data.wide.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == [c for c, _ in ex.wide_columns()]
    hdr = rows[0]
    a = dict(zip(hdr, rows[1]))
    assert a["proactive_total"] == "17" and a["funding_special"] == "5000.0"
    assert a["service_hall_physical"] == "true" and a["rules_issued"] == ""
    with open(tmp_path / "data.long.csv", encoding="utf-8", newline="") as f:
        long = list(csv.DictReader(f))
    assert [r["value"] for r in long if r["key"] == "proactive.total"] == ["520", "17"]
    ex.export(outdir, "jsonl", tmp_path / "data")
    lines = (tmp_path / "data.wide.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert list(first) == [c for c, _ in ex.wide_columns()]
    assert first["licensing_items_change"] == -2 and first["service_hall_physical"] is True


def test_export_of_a_real_extract_run(tmp_path):
    from extractor.batch import BatchOptions, run_batch

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("2019年，本机关主动公开政府信息120条，收到政府信息公开申请3件。\n", encoding="utf-8")
    (src / "b.txt").write_bytes(b"")
    out = tmp_path / "out"
    run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True))
    ex.export(out, "sqlite", tmp_path / "r.db")
    con = sqlite3.connect(tmp_path / "r.db")
    assert con.execute("select doc_id, error_code from documents order by doc_id").fetchall() == \
        [("in/a.txt", None), ("in/b.txt", "empty_file")]   # the input folder keeps its name
    n_facts = sum(len(json.loads(p.read_text())["facts"]) for p in out.rglob("*.json"))
    assert con.execute("select count(*) from facts").fetchone() == (n_facts,)


def test_bad_format_is_an_error(outdir, tmp_path):
    with pytest.raises(ex.ExportError):
        ex.export(outdir, "xlsx", tmp_path / "x")
