"""Report series and cross-report checks (extractor/series.py, patterns/series.yaml, `zwgk check`)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import series

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "real"


def rec(year, agency, values, kind="annual_report", title=None):
    return {"document": {"kind": kind, "year": year, "agency": agency, "title": title or f"{agency}{year}年报告",
                         "template": "gb2021"},
            "values": dict(values), "facts": [], "errors": [], "source": {"sha256": f"{agency}{year}{title}"}}


# --------------------------------------------------------------------------- the data file

def _yaml():
    import yaml

    return yaml.safe_load(series.SERIES_FILE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("step", range(len(_yaml()["normalise"])))
def test_normalise_examples(step):
    """Each normalisation step's examples: the whole chain maps the name to the example's body."""
    for name, want in _yaml()["normalise"][step]["examples"].items():
        assert series.normalise_body(name) == want, name


CHECKS_WITH_EXAMPLES = [c for c in _yaml()["checks"] if c.get("examples")]


@pytest.mark.parametrize("check", CHECKS_WITH_EXAMPLES, ids=[c["id"] for c in CHECKS_WITH_EXAMPLES])
def test_check_examples(check):
    """A declared check's consistent example gives no finding against it; its inconsistent one does."""
    ex = check["examples"]
    for name, bad in (("consistent", False), ("inconsistent", True)):
        years = ex[name]
        records = [(f"d{i}", rec(2020 + i, "某某县", v)) for i, v in enumerate(years)]
        found = series.run_checks(series.build_series(records))
        mine = [f for f in found if f["check"].split(".")[0] == check["id"]]
        flagged = [f for f in mine if f["status"] in ("mismatch", "notice")]
        assert bool(flagged) == bad, (name, mine)
        if check["kind"] == "equal":
            assert mine, f"{check['id']}: the {name} example was not evaluated at all"


def test_unknown_key_is_an_error(tmp_path):
    bad = series.SERIES_FILE.read_text(encoding="utf-8").replace(
        "applications.carried_over@1", "applications.carried_over_renamed@1")
    p = tmp_path / "s.yaml"
    p.write_text(bad, encoding="utf-8")
    with pytest.raises(series.SeriesConfigError, match="carried_over_renamed"):
        series.load_config(p)


def test_unknown_field_and_kind_are_errors(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text("checks:\n  - {id: x, kind: equal, left: a.b@0, rigth: a.b@1}\n", encoding="utf-8")
    with pytest.raises(series.SeriesConfigError, match="unknown fields"):
        series.load_config(p)
    p.write_text("checks:\n  - {id: x, kind: sum}\n", encoding="utf-8")
    with pytest.raises(series.SeriesConfigError, match="kind"):
        series.load_config(p)


# --------------------------------------------------------------------------- series building

def test_bodies_group_across_script_and_suffix_variants():
    records = [("a", rec(2019, "白沙鎮人民政府", {"proactive.total": 10})),
               ("b", rec(2020, "白沙镇", {"proactive.total": 12})),
               ("c", rec(2020, "白沙镇政府办公室", {"proactive.total": 3})),   # its office: another body
               ("d", rec(2021, "白沙镇", {}, kind="work_summary"))]
    found = {(s.body, s.kind): s for s in series.build_series(records)}
    assert found[("白沙镇", "annual_report")].years == [2019, 2020]
    assert found[("白沙镇政府办", "annual_report")].years == [2020]
    assert found[("白沙镇", "work_summary")].years == [2021]


def test_one_report_per_year_renderings_linked():
    same = {"proactive.total": 10, "applications.received": 2}
    records = [("x.html", rec(2020, "某局", same)), ("x.pdf", rec(2020, "某局", {"proactive.total": 10})),
               ("y.txt", rec(2021, "某局", same))]
    s, = series.build_series(records)
    assert s.reports[2020].doc_id == "x.html"          # the rendering with more values
    assert [d.doc_id for d in s.linked[2020]] == ["x.pdf"]
    assert series.series_rows([s])[0]["linked"] == ["x.pdf"]


def test_user_aliases_join_a_renamed_body(tmp_path):
    a = tmp_path / "aliases.yaml"
    a.write_text("某某新区管委会: [某某县]\n", encoding="utf-8")
    records = [("a", rec(2019, "某某县人民政府", {})), ("b", rec(2020, "某某新区管委会", {}))]
    assert len(series.build_series(records)) == 2
    cfg = series.load_config(user_aliases=a)
    s, = series.build_series(records, cfg)
    assert s.years == [2019, 2020] and s.body == "某某新区管委会"


def test_documents_without_year_agency_or_with_errors_are_left_out():
    r = rec(2020, "某局", {})
    r["errors"] = [{"code": "timeout", "message": "x"}]
    records = [("a", r), ("b", rec(None, "某局", {})), ("c", rec(2020, None, {})),
               ("d", rec(2 ** 63, "某局", {})), ("e", rec(-5, "某局", {}))]
    assert series.build_series(records) == []


# --------------------------------------------------------------------------- a generated series

def gb2021_text(body, year, v):
    """A gb2021 annual report as crawled text (pipe rows), its 表三 consistent in itself."""
    rec_, over, fwd = v["received"], v["carried_over"], v["carried_forward"]
    done = rec_ + over - fwd
    z = " | 0" * 7
    return "\n".join([
        f"{body}{year}年政府信息公开工作年度报告",
        f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        "一、总体情况",
        f"{year}年，{body}认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息{v['proactive']}条。",
        "二、主动公开政府信息情况",
        "第二十条第(一)项",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
        f"规章 | {v['rules'][0]} | {v['rules'][1]} | {v['rules'][2]}",
        f"行政规范性文件 | {v['norm'][0]} | {v['norm'][1]} | {v['norm'][2]}",
        "三、收到和处理政府信息公开申请情况",
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况",
        "自然人 | 法人或其他组织 | 总计",
        "| 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他",
        f"一、本年新收政府信息公开申请数量 | {rec_} | 0 | 0 | 0 | 0 | 0 | {rec_}",
        f"二、上年结转政府信息公开申请数量 | {over} | 0 | 0 | 0 | 0 | 0 | {over}",
        f"三、本年度办理结果 | (一)予以公开 | {done} | 0 | 0 | 0 | 0 | 0 | {done}",
        "(二)部分公开(区分处理的,只计这一情形,不计其他情形)" + z,
        "(三)不予公开 | 1.属于国家秘密" + z,
        "2.其他法律行政法规禁止公开" + z,
        "3.危及“三安全一稳定”" + z,
        "4.保护第三方合法权益" + z,
        "5.属于三类内部事务信息" + z,
        "6.属于四类过程性信息" + z,
        "7.属于行政执法案卷" + z,
        "8.属于行政查询事项" + z,
        "(四)无法提供 | 1.本机关不掌握相关政府信息" + z,
        "2.没有现成信息需要另行制作" + z,
        "3.补正后申请内容仍不明确" + z,
        "(五)不予处理 | 1.信访举报投诉类申请" + z,
        "2.重复申请" + z,
        "3.要求提供公开出版物" + z,
        "4.无正当理由大量反复申请" + z,
        "5.要求行政机关确认或重新出具已获取信息" + z,
        "(六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请" + z,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" + z,
        "3.其他" + z,
        f"(七)总计 | {done} | 0 | 0 | 0 | 0 | 0 | {done}",
        f"四、结转下年度继续办理 | {fwd} | 0 | 0 | 0 | 0 | 0 | {fwd}",
        "五、存在的主要问题及改进情况",
        "政务公开质量水平有待提高。",
        "",
    ])


def consistent_series(n=10, start=2014):
    """n years of one body whose carry-over and stock-and-flow figures all agree."""
    out, in_force, r_in_force, fwd = [], 40, 3, 0
    for i in range(n):
        issued, abolished = 5 + i, i % 3
        in_force = in_force + issued - abolished if i else in_force
        r_issued = i % 2
        r_in_force = r_in_force + r_issued if i else r_in_force
        over, fwd = fwd, (i * 7) % 4
        out.append({"year": start + i, "proactive": 300 + 17 * i, "received": 20 + i,
                    "carried_over": over, "carried_forward": fwd,
                    "rules": (r_issued if i else 0, 0, r_in_force), "norm": (issued if i else 0, abolished if i else 0, in_force)})
    return out


def _write(folder: Path, body, years):
    folder.mkdir(parents=True, exist_ok=True)
    for v in years:
        (folder / f"{v['year']}.txt").write_text(gb2021_text(body, v["year"], v), encoding="utf-8")


def _extract(inp: Path, out: Path):
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "extract", str(inp), "-o", str(out), "-q", "--jobs", "1"],
                   check=True, cwd=ROOT)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A consistent 10-year series and the same series with four planted inconsistencies."""
    root = tmp_path_factory.mktemp("series")
    good = consistent_series()
    bad = json.loads(json.dumps(good))
    bad[3]["carried_over"] += 2          # 2016 -> 2017 carry-over broken
    bad[3]["received"] -= 2              # (keeps 2017's own table consistent)
    bad[6]["norm"] = (bad[6]["norm"][0], bad[6]["norm"][1], bad[6]["norm"][2] + 5)   # 2020 stock
    bad[8]["proactive"] = bad[8]["proactive"] * 20                                    # a jump into 2022 and out of it
    del bad[5]                           # 2019 missing
    _write(root / "in" / "good", "某某县人民政府", good)
    _write(root / "in" / "bad", "某某市人民政府", bad)
    _extract(root / "in", root / "out")
    return root / "out"


def test_generated_series_all_planted_inconsistencies_found_none_on_consistent(generated):
    s, findings = series.check_outdir(generated)
    bodies = {x.body: x for x in s}
    assert bodies["某某县"].years == list(range(2014, 2024))
    assert bodies["某某市"].years == [y for y in range(2014, 2024) if y != 2019]
    good = [f for f in findings if f["body"] == "某某县"]
    assert [f for f in good if f["status"] != "ok"] == []
    # every equality evaluated on each consecutive pair of the consistent series
    assert sum(f["check"] == "carry_over" for f in good) == 9
    assert sum(f["check"] == "stock_and_flow.normative" for f in good) == 9
    flagged = {(f["check"], tuple(f["years"])) for f in findings if f["body"] == "某某市" and f["status"] != "ok"}
    assert flagged == {
        ("carry_over", (2016, 2017)),
        ("stock_and_flow.normative", (2020, 2021)),
        ("jump", (2021, 2022)), ("jump", (2022, 2023)),
        ("missing_years", (2019,)),
    }


def test_findings_carry_both_documents_values_and_evidence(generated):
    _, findings = series.check_outdir(generated)
    f, = [f for f in findings if f["check"] == "carry_over" and f["status"] == "mismatch"]
    (left,), (right,) = f["left_sides"], f["right_sides"]
    assert (left["year"], right["year"]) == (2016, 2017)
    assert left["doc_id"].endswith("bad/2016.txt") and right["doc_id"].endswith("bad/2017.txt")
    assert left["value"] != right["value"] and f["difference"] == right["value"] - left["value"]
    text = (generated.parent / "in" / "bad" / "2017.txt").read_text(encoding="utf-8")
    assert right["evidence"] and right["evidence"] in text and str(right["value"]) in right["evidence"]
    assert "上年结转" in right["evidence"] and "结转下年度" in left["evidence"]


def test_cli_check_writes_findings_and_strict_exit(generated, tmp_path):
    cmd = [sys.executable, str(ROOT / "cli.py"), "check", str(generated)]
    p = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert "MISMATCH carry_over 某某市" in p.stdout
    lines = (generated / "checks.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(series.check_outdir(generated)[1])
    p = subprocess.run(cmd + ["--strict", "--findings", str(tmp_path / "f.jsonl")], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 1 and (tmp_path / "f.jsonl").exists()
    p = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(tmp_path / "nope")],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 2 and "not a folder" in p.stderr


# --------------------------------------------------------------------------- the real 平潭 series

@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real absent")
def test_real_pingtan_series(tmp_path):
    inp = tmp_path / "p"
    inp.mkdir()
    for f in sorted(REAL.glob("p*.html")) + sorted(REAL.glob("g*.txt")):
        shutil.copy(f, inp / f.name)
    _extract(inp, tmp_path / "out")
    s, findings = series.check_outdir(tmp_path / "out")
    qu = {x.body: x for x in s}["平潭综合实验区"]
    assert {2011, 2014, 2017, 2018, 2020, 2021, 2022} <= set(qu.years)
    got = {(f["check"], tuple(f["years"]), f["status"]) for f in findings if f["body"] == "平潭综合实验区"}
    # the gold files agree: 2020 carries forward 0, 2021 carries over 0; 2021 forward 1, 2022 over 1;
    # normative documents 665 + 88 - 55 = 698
    assert ("carry_over", (2020, 2021), "ok") in got
    assert ("carry_over", (2021, 2022), "ok") in got
    assert ("stock_and_flow.normative", (2021, 2022), "ok") in got
    assert not any(st == "mismatch" for _, _, st in got)
    for f in findings:
        for side in f.get("left_sides", []) + f.get("right_sides", []):
            assert side["evidence"], f


def test_export_has_checks_and_panel_tables(generated, tmp_path):
    import sqlite3

    import pyarrow.parquet as pq

    db = tmp_path / "r.db"
    p = subprocess.run([sys.executable, str(ROOT / "cli.py"), "export", str(generated), "--to", "sqlite",
                        "-o", str(db), "--panel", "-q"], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    con = sqlite3.connect(db)
    rows = con.execute("SELECT year, proactive_total, normative_in_force FROM panel WHERE body = '某某县' "
                       "ORDER BY year").fetchall()
    good = consistent_series()
    assert rows == [(v["year"], v["proactive"], v["norm"][2]) for v in good]
    bad = con.execute("SELECT check_, years FROM (SELECT \"check\" AS check_, years, status FROM checks) "
                      "WHERE status = 'mismatch' ORDER BY years").fetchall()
    assert bad == [("carry_over", "2016/2017"), ("stock_and_flow.normative", "2020/2021")]
    ev = con.execute("SELECT left_evidence, right_evidence, left_doc_ids FROM checks WHERE \"check\" = 'carry_over' "
                     "AND status = 'mismatch'").fetchone()
    assert "结转下年度" in ev[0] and "上年结转" in ev[1] and "2016.txt" in ev[2]
    # the panel as Parquet: one line for an analyst
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "export", str(generated), "--to", "parquet",
                    "-o", str(tmp_path / "d"), "--panel", "-q"], check=True, cwd=ROOT)
    t = pq.read_table(tmp_path / "d.panel.parquet")
    assert t.num_rows == 10 + 9 and "applications_carried_over" in t.column_names
    # without --panel no panel table, but the checks table is always there
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "export", str(generated), "--to", "csv",
                    "-o", str(tmp_path / "c"), "-q"], check=True, cwd=ROOT)
    assert (tmp_path / "c.checks.csv").exists() and not (tmp_path / "c.panel.csv").exists()


def test_review_site_has_a_checks_page(generated, tmp_path):
    import re as _re
    from html import unescape

    from extractor.review.site import build_site

    site = tmp_path / "site"
    res = build_site(generated, site, reextract=True)
    assert res.mismatches == 2 and res.findings == len(series.check_outdir(generated)[1])
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="checks.html"' in index and "2 that do not add up" in index
    page = (site / "checks.html").read_text(encoding="utf-8")
    rows = page.split('<tr class="st-')[1:]
    assert [r.split('"')[0] for r in rows[:2]] == ["mismatch", "mismatch"]
    carry = [r for r in rows if "carry_over" in r and r.startswith("mismatch")][0]
    links = _re.findall(r'href="([^"]+)"', carry)
    assert len(links) == 2 and all((site / unescape(h)).is_file() for h in links)
    assert "结转下年度" in unescape(carry) and "上年结转" in unescape(carry)
    assert "http" not in page    # local only
