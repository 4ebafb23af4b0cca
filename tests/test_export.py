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
        "data_dictionary": len(canonical_keys()), "checks": 0}
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    assert tables == {"documents", "reports", "facts", "warnings", "conflicts", "score_items", "data_dictionary",
                      "checks"}
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
    assert ex.TABLES == ("wide", "reports", "long", "warnings", "conflicts", "score_items", "data_dictionary",
                         "checks")
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


# ---------------------------------------------------------------- on real extract outputs (issue 12)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
REAL = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "real"

# a prose report with a withheld approximate figure, a title that looks like a formula,
# and a file name that does too
APPROX_REPORT = """=云泽市林业局2018年政府信息公开工作年度报告
云泽市林业局
2019年1月20日
一、概述
2018年，本机关主动公开政府信息约350条，收到政府信息公开申请12件。
"""


def _run_extract(src: Path, out: Path) -> None:
    from extractor.batch import BatchOptions, run_batch

    run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, emit_text=True))


@pytest.fixture(scope="module")
def real_out(tmp_path_factory):
    """`zwgk extract --emit-text` on renderings of three bundled corpus reports plus one prose
    report with an approximate figure; the export as SQLite."""
    base = tmp_path_factory.mktemp("exp")
    src = base / "in"
    src.mkdir()
    names = ["a51_yunze-shuiliju-2016.txt", "a51_yunze-shuiliju-2016.html", "a51_yunze-shuiliju-2016.gbk.txt",
             "a53_yunze-shi-2022.txt", "a53_yunze-shi-2022.html",
             "s52_baisha-zhen-2020-zongjie.big5.txt", "s52_baisha-zhen-2020-zongjie.txt"]
    for n in names:
        (src / n).write_bytes((CORPUS / n).read_bytes())
    (src / "=1+2.txt").write_text(APPROX_REPORT, encoding="utf-8")
    out = base / "out"
    _run_extract(src, out)
    db = base / "r.db"
    ex.export(out, "sqlite", db)
    con = sqlite3.connect(db)
    yield out, con, base
    con.close()


def test_one_chosen_fact_per_document_and_key(real_out):
    out, con, _ = real_out
    # the bundled reports state figures in prose and in a table that agree: both are facts
    assert con.execute("select count(*) from (select doc_id, key from facts where origin='table' "
                       "intersect select doc_id, key from facts where origin='text')").fetchone()[0] > 0
    assert con.execute("select count(*) from (select doc_id, key from facts where chosen=1 "
                       "group by 1, 2 having count(*) > 1)").fetchone() == (0,)
    # the chosen fact is the document's value, and each value has its chosen fact
    for p in out.rglob("*.json"):
        rec = json.loads(p.read_text(encoding="utf-8"))
        if "values" not in rec:
            continue
        doc_id = str(p.relative_to(out))[:-len(".json")]
        rows = dict(((k, v) for k, v in con.execute(
            "select key, value from facts where doc_id=? and chosen=1", (doc_id,))))
        assert set(rows) == set(rec["values"]), doc_id
        for k, v in rec["values"].items():
            assert rows[k] == (int(v) if isinstance(v, bool) else v), (doc_id, k)
        # table beats prose: a value stated in both comes from the table fact
        both = con.execute("select f.key, f.origin from facts f where f.doc_id=? and f.chosen=1 and exists "
                           "(select 1 from facts g where g.doc_id=f.doc_id and g.key=f.key and g.origin='table' "
                           "and g.value=f.value)", (doc_id,)).fetchall()
        assert all(o == "table" for _, o in both)


def test_money_in_yuan_with_the_printed_unit(real_out):
    _, con, _ = real_out
    rows = con.execute("select key, value, unit, source_unit, raw from facts where source_unit like '%万元' "
                       "and doc_id like '%a51%'").fetchall()
    assert rows, "a51 states fees in 万元"
    for key, value, unit, source_unit, raw in rows:
        assert unit == "元" and source_unit == "万元"
        assert value == pytest.approx(float(raw.removesuffix("万元")) * 10000), (key, raw)
    units = {r[0] for r in con.execute("select distinct unit from facts where value_type='money'")}
    assert units == {"元"}


def test_warnings_and_conflicts_tables_with_evidence(real_out):
    _, con, _ = real_out
    approx = con.execute("select doc_id, key, raw, evidence, offset_start, offset_end, message from warnings "
                         "where code='approximate'").fetchall()
    assert len(approx) == 1
    doc_id, key, raw, evidence, a, b, msg = approx[0]
    assert doc_id.endswith("=1+2.txt") and key == "proactive.total" and raw == "约350条"
    assert "约350条" in evidence and b - a == len(evidence)
    # the withheld figure is no value and no fact
    assert con.execute("select proactive_total from documents where doc_id=?", (doc_id,)).fetchone() == (None,)
    assert con.execute("select count(*) from facts where doc_id=? and key='proactive.total'",
                       (doc_id,)).fetchone() == (0,)
    # conflicts: one row per candidate with evidence and offsets; exactly one taken when there is a value
    rows = con.execute("select doc_id, key, value, origin, evidence, offset_start, taken from conflicts").fetchall()
    assert rows
    for doc_id, key, value, origin, evidence, a, taken in rows:
        assert evidence and a is not None and origin in ("text", "table")
    for (doc_id, key, n_taken) in con.execute("select doc_id, key, sum(taken) from conflicts group by 1, 2"):
        col = key.replace(".", "_")
        has = con.execute(f"select {col} is not null from documents where doc_id=?", (doc_id,)).fetchone()[0]
        assert n_taken == (1 if has else 0)


def test_agency_simplified_and_report_id(real_out):
    _, con, _ = real_out
    rows = con.execute("select doc_id, agency, agency_simplified, report_id from documents").fetchall()
    by_stem = {}
    for doc_id, agency, simp, rid in rows:
        by_stem.setdefault(Path(doc_id).name.split(".")[0], set()).add(rid)
    # 白沙鎮 (big5 rendering) and 白沙镇 group together
    baisha = [(a, s) for d, a, s, _ in rows if "baisha" in d]
    assert {a for a, _ in baisha} == {"白沙鎮", "白沙镇"} and {s for _, s in baisha} == {"白沙镇"}
    assert con.execute("select count(distinct agency_simplified) from documents "
                       "where doc_id like '%baisha%'").fetchone() == (1,)
    # renderings of one report share report_id, different reports do not
    assert all(len(ids) == 1 for ids in by_stem.values()), by_stem
    assert len({next(iter(ids)) for ids in by_stem.values()}) == len(by_stem)
    n = con.execute("select n_renderings from reports where report_id=?",
                    (next(iter(by_stem["a51_yunze-shuiliju-2016"])),)).fetchone()
    assert n == (3,)


def test_report_id_of_title_less_documents():
    def rec(values, sha, kind="self_inspection", year=2021):
        r = _rec("x.txt", values=values, kind=kind, year=year)
        r["document"].update(title=None, agency=None)
        r["source"]["sha256"] = sha
        return r
    same = {"proactive.total": 5, "applications.received": 2, "rules.issued": 1}
    ids = ex.report_ids([("a", rec(same, "1")), ("b", rec(dict(same, normative_issued=3), "2")),
                         ("c", rec(dict(same, **{"rules.issued": 4}), "3")),     # one value differs
                         ("d", rec({"proactive.total": 5}, "4")),                 # too little to go by
                         ("e", rec(same, "5", year=2022))])                       # another year
    assert ids["a"] == ids["b"]
    assert len({ids["a"], ids["c"], ids["d"], ids["e"]}) == 4


def test_sql_friendly_columns_and_data_dictionary(real_out):
    _, con, _ = real_out
    dd = con.execute("select column, key, label, unit, value_type, description from data_dictionary").fetchall()
    assert [r[1] for r in dd] == list(canonical_keys())
    cols = {r[1] for r in con.execute('pragma table_info("documents")')}
    import re
    for column, key, label, unit, vtype, desc in dd:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", column) and column in cols
        assert label and label in desc and vtype == key_units()[key]
        assert unit == {"money": "元", "bool": "是/否"}.get(vtype, "")
    assert ("applications_received", "applications.received") in [(r[0], r[1]) for r in dd]
    # an unquoted SQL name works, and the facts table points at it
    assert con.execute("select count(applications_received) from documents").fetchone()[0] > 0
    assert con.execute("select distinct column from facts where key='applications.received'").fetchall() == \
        [("applications_received",)]


def test_csv_excel_bom_and_formula_injection(real_out, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(real_out[0], out)
    (out / "in" / "=1+2.txt.json").rename(out / "=1+2.txt.json")   # as if the file was given directly
    ex.export(out, "csv", tmp_path / "plain")
    ex.export(out, "csv", tmp_path / "xl", excel=True)
    raw_plain = (tmp_path / "plain.wide.csv").read_bytes()
    raw_xl = (tmp_path / "xl.wide.csv").read_bytes()
    assert not raw_plain.startswith(b"\xef\xbb\xbf") and raw_xl.startswith(b"\xef\xbb\xbf")
    assert raw_xl[3:] == raw_plain
    with open(tmp_path / "xl.wide.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    bad = [r for r in rows if "=1+2" in r["doc_id"]][0]
    assert bad["doc_id"] == "'=1+2.txt" and bad["title"].startswith("'=云泽市林业局")
    for name in ex.TABLES:
        with open(tmp_path / f"plain.{name}.csv", encoding="utf-8", newline="") as f:
            for r in csv.reader(f):
                assert not any(c[:1] in ("=", "+", "@", "\t", "\r") for c in r), (name, r)
                # '-' starts only numbers (written as numbers, not text)
                for c in r:
                    if c.startswith("-"):
                        float(c)


def test_other_formats_have_the_warning_and_conflict_tables(real_out, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out, con, _ = real_out
    n_w = con.execute("select count(*) from warnings").fetchone()[0]
    n_c = con.execute("select count(*) from conflicts").fetchone()[0]
    assert n_w and n_c
    ex.export(out, "jsonl", tmp_path / "j")
    ex.export(out, "parquet", tmp_path / "p")
    for t, n in (("warnings", n_w), ("conflicts", n_c)):
        lines = (tmp_path / f"j.{t}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len(lines) == n and pq.read_table(tmp_path / f"p.{t}.parquet").num_rows == n
        assert [c for c, _ in getattr(ex, t[:-1].upper() + "_COLUMNS")] == list(json.loads(lines[0]))
    ex.export(out, "csv", tmp_path / "c")
    with open(tmp_path / "c.warnings.csv", encoding="utf-8", newline="") as f:
        assert any(r["code"] == "approximate" and r["raw"] == "约350条" for r in csv.DictReader(f))


def test_not_an_extract_folder_is_an_error_and_nothing_is_written(tmp_path):
    from extractor.cli import main

    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"\xff\xd8")
    (folder / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    dest = tmp_path / "dest"
    dest.mkdir()
    for fmt in ex.FORMATS:
        with pytest.raises(ex.ExportError, match="not an extract output"):
            ex.export(folder, fmt, dest / "r")
        assert main(["export", str(folder), "--to", fmt, "-o", str(dest / "r")]) == 2
    assert list(dest.iterdir()) == []


def test_bad_json_is_skipped_and_listed(real_out, tmp_path, capsys):
    import shutil

    from extractor.cli import main

    out = tmp_path / "out"
    shutil.copytree(real_out[0], out)
    good = sorted(out.rglob("*.txt.json"))[0]
    rec = json.loads(good.read_text(encoding="utf-8"))
    n_docs = len(list(out.rglob("*.json")))
    (out / "cut.txt.json").write_text(good.read_text(encoding="utf-8")[:300], encoding="utf-8")
    (out / "foreign.json").write_text('{"name": "x"}', encoding="utf-8")
    (out / "types.json").write_text(json.dumps(dict(rec, facts={"a": 1}, values=[1])), encoding="utf-8")
    (out / "deep.json").write_text("[" * 100000 + "]" * 100000, encoding="utf-8")
    huge = dict(rec, values={"proactive.total": 2 ** 70, "funding.special": 10 ** 30},
                facts=[dict(rec["facts"][0], value=2 ** 64)] if rec["facts"] else [],
                document=dict(rec["document"], year=2 ** 65, title=[[[["x"]]]] * 3))
    (out / "huge.txt.json").write_text(json.dumps(huge), encoding="utf-8")
    deepval = dict(rec, values=dict(rec["values"], **{"rules.issued": json.loads("[" * 900 + "]" * 900)}))
    (out / "deepval.txt.json").write_text(json.dumps(deepval), encoding="utf-8")
    for fmt in ex.FORMATS:
        res = ex.export(out, fmt, tmp_path / f"r.{fmt}")
        skipped = dict(res.skipped)
        assert set(skipped) == {"cut.txt.json", "foreign.json", "types.json", "deep.json"}
        assert "truncated" in skipped["cut.txt.json"] and "wrong types" in skipped["types.json"]
        assert dict((p.split(":")[-1].split(".")[-2] if fmt != "sqlite" else p.split(":")[-1], n)
                    for p, n in res)["documents" if fmt == "sqlite" else "wide"] == n_docs + 2
    con = sqlite3.connect(tmp_path / "r.sqlite")
    row = con.execute("select proactive_total, funding_special, year from documents "
                      "where doc_id='huge.txt'").fetchone()
    assert row == (None, 1e30, None)
    dropped = {r[0] for r in con.execute("select message from warnings where doc_id='huge.txt' "
                                         "and code='export_dropped_value'")}
    assert len(dropped) == 3   # proactive_total, year and the fact's value: none silently lost
    assert con.execute("select rules_issued from documents where doc_id='deepval.txt'").fetchone() == (None,)
    capsys.readouterr()
    assert main(["export", str(out), "--to", "csv", "-o", str(tmp_path / "cli"), "-q"]) == 0
    err = capsys.readouterr().err
    for name in ("cut.txt.json", "foreign.json", "types.json", "deep.json"):
        assert f"skipped {name}" in err


def test_real_corpus_applications_per_year_and_agency_in_one_query(tmp_path):
    """../shared/corpus/real: renderings of several reports extracted, exported to SQLite;
    one SQL query answers "applications received per year per agency" without double counting."""
    if not REAL.is_dir():
        pytest.skip("../shared/corpus/real is absent")
    from extractor.normalize import to_simplified

    stems = ["p05_pingtan-xian-2013", "p15_pingtan-qu-2020", "p16_pingtan-qu-2021", "p17_pingtan-qu-2022",
             "a08_hainan-yaojianju-2014",   # no title nor agency: grouped by its values "g14_pingtan-qu-shijianju-2021",
             "g15_pingtan-qu-jiaojianju-2022", "g17_pingtan-qu-shenpiju-2024", "g18_pingtan-qu-guanweihui-bangongshi-2025",
             "w12_shanghai-shi-2023", "w14_lucheng-qidujiedao-2024"]
    src = tmp_path / "real"
    src.mkdir()
    renderings = {}
    for s in stems:
        for p in sorted(REAL.glob(s + ".*")):
            if p.name.endswith((".gold.json", ".meta.json")) or ".scan." in p.name:
                continue
            (src / p.name).write_bytes(p.read_bytes())
            renderings.setdefault(s, []).append(p.name)
    assert sum(len(v) >= 5 for v in renderings.values()) >= 4   # .txt .gbk.txt .html .docx .pdf
    out = tmp_path / "out"
    _run_extract(src, out)
    ex.export(out, "sqlite", tmp_path / "r.db")
    con = sqlite3.connect(tmp_path / "r.db")
    # renderings of one report share report_id, different reports do not
    ids = {}
    for doc_id, rid, err in con.execute("select doc_id, report_id, error_code from documents"):
        if err is None:
            ids.setdefault(Path(doc_id).name.split(".")[0], set()).add(rid)
    assert all(len(v) == 1 for v in ids.values()), ids
    assert len({next(iter(v)) for v in ids.values()}) == len(ids) == len(stems)
    query = """
        SELECT year, agency_simplified, SUM(applications_received) AS received, COUNT(*) AS reports
        FROM reports WHERE kind = 'annual_report' AND applications_received IS NOT NULL
        GROUP BY year, agency_simplified ORDER BY year, agency_simplified"""
    got = {(y, a): (n, k) for y, a, n, k in con.execute(query)}
    expected = {}
    for s in stems:
        gold = json.loads((REAL / f"{s}.gold.json").read_text(encoding="utf-8"))
        d, v = gold["document"], gold["values"].get("applications.received")
        if v is not None and d.get("agency") and d.get("year") and d.get("kind") == "annual_report":
            k = (d["year"], to_simplified(d["agency"]))
            expected[k] = expected.get(k, 0) + v
    checked = [k for k in expected if k in got]
    assert len(checked) >= 4, (got, expected)
    for k in checked:
        assert got[k][0] == expected[k], (k, got[k], expected[k])   # not doubled by renderings
    # the same question on the per-document table would count each rendering
    multi = [k for k in checked if con.execute(
        "select count(*) from documents where year=? and agency_simplified=? and applications_received "
        "is not null", k).fetchone()[0] > 1]
    assert len(multi) >= 3, multi


def test_manifest_inputs_without_a_result_are_listed(real_out, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(real_out[0], out)
    gone = sorted(out.rglob("*.html.json"))[0]
    gone.unlink()
    with open(out / "manifest.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps({"path": "/in/x.pdf", "output": "in/x.pdf.json", "status": "error",
                            "error": "disk_full"}) + "\n")
        f.write('{"path": "/in/y.pd')   # a line cut short
    res = ex.export(out, "sqlite", tmp_path / "r.db")
    skipped = dict(res.skipped)
    assert set(skipped) == {str(gone.relative_to(out)), "in/x.pdf.json"}
    assert "disk_full" in skipped["in/x.pdf.json"] and "status ok" in skipped[str(gone.relative_to(out))]
    # the fixture's own export lists nothing
    assert ex.export(real_out[0], "sqlite", tmp_path / "r2.db").skipped == []
