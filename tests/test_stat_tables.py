"""Statistics tables of the three eras (issue 4, items 1–5): shapes, splits, units, evidence."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize
from extractor.reconcile import reconcile
from extractor.model import Findings
from extractor.tables.split import Tok, splits
from extractor.tables.stats import read_stat_tables
from extractor.tables.templates import load_templates

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real"


def doc_of(*parts):
    """parts: str (paragraph text, may hold several lines) or Table."""
    b = DocumentBuilder(Source(path="t.txt", format="txt"))
    for p in parts:
        if isinstance(p, Table):
            b.add_table(p)
        else:
            b.add_paragraph(p)
    return normalize(b.build())


def values_of(doc):
    f = read_stat_tables(doc, None)
    for fact in f.facts:
        assert doc.text[fact.offset[0]:fact.offset[1]] == fact.evidence
        assert fact.origin == "table" and "#table:" in fact.rule
    return reconcile(doc, None, Findings(), f)["values"], f


# --------------------------------------------------------------------- YAML examples


def _examples():
    for t in load_templates().values():
        for i, ex in enumerate(t.examples):
            yield pytest.param(ex, id=f"{t.path.name}#{i}")


def test_every_template_pattern_compiles():
    # labels compile lazily (on first search): a bad pattern must still fail a test
    from extractor.tables.templates import compile_all

    tpls = load_templates()
    compile_all(tpls)
    assert all(r.rx.pattern == r.pattern for t in tpls.values() for r in t.rows)
    assert all(t.any_row is not None for t in tpls.values() if t.rows)


@pytest.mark.parametrize("ex", list(_examples()))
def test_pattern_examples(ex):
    vals, _ = values_of(doc_of(ex["text"]))
    expect = ex["expect"]
    for k, v in expect.items():
        assert vals.get(k) == v, (k, vals.get(k), v)
    assert set(vals) == set(expect), set(vals) ^ set(expect)


# --------------------------------------------------------------------- shapes

T3_HEAD = [["申请人情况", "", "", "", "", "", "", ""],
           ["", "", "自然人", "法人或其他组织", "", "", "", "总计"],
           ["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]


def _t3_rows():
    return [
        ["一、本年新收政府信息公开申请数量", "", "12", "3", "0", "1", "0", "0", "16"],
        ["二、上年结转政府信息公开申请数量", "", "2", "0", "0", "0", "0", "0", "2"],
        ["三、本年度办理结果", "(一)予以公开", "6", "1", "0", "0", "0", "0", "7"],
        ["", "(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "2", "0", "0", "0", "0", "0", "2"],
        ["", "(三)不予公开 1.属于国家秘密", "1", "0", "0", "0", "0", "0", "1"],
        ["", "2.其他法律行政法规禁止公开", "0", "0", "0", "0", "0", "0", "0"],
        ["", "(四)无法提供 1.本机关不掌握相关政府信息", "3", "2", "0", "1", "0", "0", "6"],
        ["", "(六)其他处理", "1", "0", "0", "0", "0", "0", "1"],
        ["", "(七)总计", "13", "3", "0", "1", "0", "0", "17"],
        ["四、结转下年度继续办理", "", "1", "0", "0", "0", "0", "0", "1"],
    ]


def test_t3_grid():
    rows = [r[:1] + r[1:] for r in _t3_rows()]
    vals, f = values_of(doc_of("三、收到和处理政府信息公开申请情况", Table.from_rows(T3_HEAD + rows)))
    assert vals["applications.received"] == 16
    assert vals["applications.received.natural_person"] == 12
    assert "applications.received.legal_person" not in vals  # no 小计 column printed
    assert vals["applications.carried_over"] == 2
    assert vals["outcome.granted"] == 7
    assert vals["outcome.partially_granted"] == 2
    assert vals["outcome.refused.state_secret"] == 1
    assert vals["outcome.unable.not_held"] == 6
    assert vals["outcome.other"] == 1
    assert vals["outcome.total"] == 17
    assert vals["applications.carried_forward"] == 1
    assert "outcome.refused" not in vals  # no total row for 不予公开
    assert not [w for w in f.warnings if w.code != "table_outcome_sum"]


def test_t3_one_cell_per_line_equals_grid():
    lines = ["三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "法人或其他组织", "总计",
             "商业", "企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    for r in _t3_rows():
        lines += [c for c in r if c]
    stream = Table.from_rows([[x] for x in lines], source="stream")
    v_stream, _ = values_of(doc_of(stream))
    v_grid, _ = values_of(doc_of(Table.from_rows(T3_HEAD + _t3_rows())))
    assert v_stream == v_grid
    assert v_stream["outcome.total"] == 17


def test_t3_run_together_unique_split_and_evidence():
    text = ("申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 "
            "一、本年新收政府信息公开申请数量 713000074二、上年结转政府信息公开申请数量 1000001"
            "(七)总计 723000075四、结转下年度继续办理 0000000")
    doc = doc_of(text)
    vals, f = values_of(doc)
    assert vals["applications.received"] == 74
    assert vals["applications.received.natural_person"] == 71
    assert vals["outcome.total"] == 75
    fact = next(x for x in f.facts if x.key == "applications.received")
    assert fact.evidence.startswith("本年新收") and fact.evidence.endswith("74")
    assert fact.raw == "74"


def test_gb2021_table2_run_together_needs_prose():
    table = ("第二十条第(一)项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章000"
             "行政规范性文件8855698第二十条第(五)项信息内容本年处理决定数量行政许可10690"
             "第二十条第(八)项信息内容本年收费金额(单位:万元)行政事业性收费9116.36")
    vals, f = values_of(doc_of(table))
    assert "normative.issued" not in vals and "normative.in_force" not in vals
    assert {"normative.issued", "normative.abolished", "normative.in_force"} <= f.blocked_keys
    assert any(w.code == "ambiguous_split" for w in f.warnings)
    assert vals["rules.in_force"] == 0 and vals["licensing.decisions"] == 10690
    assert vals["fees.admin_amount"] == 91163600.0
    prose = "动态更新本年度制发的规范性文件88件。集中公开现行有效行政规范性文件698件。"
    vals, f = values_of(doc_of(prose, table))
    assert (vals["normative.issued"], vals["normative.abolished"], vals["normative.in_force"]) == (88, 55, 698)


def test_gb2019_signed_and_dash():
    text = ("第二十条第(六)项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政处罚2648-18538 "
            "第二十条第(五)项 信息内容 上一年项目数量 本年增/减 处理决定数量 行政许可 | 21 | +19 | 40")
    vals, f = values_of(doc_of(text))
    assert vals["penalty.items_prev"] == 2648          # the sign starts the 本年增/减 cell
    assert "penalty.items_change" not in vals and "penalty.decisions" in f.blocked_keys
    assert vals["licensing.items_change"] == 19 and vals["licensing.decisions"] == 40


def test_old_table_grid_units_blanks_booleans():
    rows = [["统计指标", "单位", "统计数"],
            ["一、主动公开情况", "—", ""],
            ["(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)", "条", "17"],
            ["其中:主动公开规范性文件数", "条", "10"],
            ["1.政府公报公开政府信息数", "条", ""],
            ["七、依申请公开信息收取的费用", "万元", "0"],
            ["(四)政府信息公开专项经费", "万元", "0.5"],
            ["(一)是否设立实体办事大厅", "是/否", "否"],
            ["(四)部门网站是否具备网上办事功能", "是/否", "是"]]
    vals, _ = values_of(doc_of(Table.from_rows(rows)))
    assert vals["proactive.total"] == 17
    assert vals["proactive.normative_docs"] == 10
    assert "proactive.via.gazette" not in vals       # blank cell: absent, never 0
    assert vals["fees.collected"] == 0.0 and vals["funding.special"] == 5000.0
    assert vals["service_hall.physical"] is False and vals["service_hall.online_service"] is True


def test_old_table_two_columns_run_together():
    text = ("统计表 指标名称计量单位2013年度历年累计主动公开信息数条18535395其中:1.网站公开条17135017"
            "2.政府公报公开条07受理依申请公开信息总数条728其中:1.当面申请数条0182.传真申请数条00")
    vals, f = values_of(doc_of("全年主动公开政府信息1853条。", text))
    assert vals["proactive.total"] == 1853
    assert vals["proactive.via.website"] == 1713       # forced by website <= total in both columns
    assert vals["proactive.via.gazette"] == 0
    assert vals["applications.received"] == 7          # 72|8 breaks 年度 <= 累计
    assert vals["applications.received.in_person"] == 0
    assert vals["applications.received.fax"] == 0
    # without the prose figure the total (and so the website row) cannot be split
    vals, f = values_of(doc_of(text))
    assert "proactive.total" not in vals and "proactive.total" in f.blocked_keys


def test_t4_flat_row():
    text = ("四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
            "1 | 0 | 2 | 0 | 3 | 12 | 0 | 0 | 0 | 12 | 0 | 0 | 0 | 0 | 0")
    vals, f = values_of(doc_of(text))
    assert vals["reconsideration.total"] == 3 and vals["reconsideration.other"] == 2
    assert vals["litigation.direct.total"] == 12
    assert vals["litigation.after_reconsideration.total"] == 0
    assert "litigation.total" not in vals  # not stated; never added up
    assert not f.warnings


def test_splits_respect_separators_and_leading_zeros():
    toks = [Tok("200", 0, 3), Tok("000121", 4, 10)]
    cands = splits(toks, 7)
    assert ["20", "0", "0", "0", "0", "1", "21"] in [[p.text for p in c] for c in cands]
    assert all(not (len(p.text) > 1 and p.text[0] == "0") for c in cands for p in c)
    assert splits([Tok("12", 0, 2)], 3) == []


def test_prose_not_read_as_table():
    vals, _ = values_of(doc_of("2020年本机关共收到政府信息公开申请12件,予以公开5件,不予公开1件。规章制度健全。"))
    assert vals == {}


# --------------------------------------------------------------------- real corpus

TABLE_DOCS = ["a19_xiaogan-shizhengfubangongshi-2020", "a22_xixian-taipingzhen-2022",
              "a24_suixi-beipozhen-2022", "a30_taojiang-shenjiju-2020", "a32_liwan-nanyuanjie-2020",
              "a38_nileke-zhen-2023", "p01_pingtan-qu-2011", "p05_pingtan-xian-2013",
              "p09_pingtan-qu-2014", "p13_pingtan-qu-2018", "p15_pingtan-qu-2020",
              "p17_pingtan-qu-2022", "s00_wuhai-minwei-2017-seed"]


@pytest.mark.parametrize("name", TABLE_DOCS)
def test_real_tables_precision(name):
    if not REAL.is_dir():
        pytest.skip("../shared corpus not available")
    from extractor.pipeline import load_and_normalize

    gold = json.loads((REAL / f"{name}.gold.json").read_text(encoding="utf-8"))
    gv, ign, opt = gold["values"], set(gold.get("_ignore", [])), gold.get("_optional", {})
    doc = load_and_normalize(REAL / f"{name}.txt")
    vals, _ = values_of(doc)
    assert vals, name
    wrong = {k: (v, gv.get(k)) for k, v in vals.items()
             if k not in ign and gv.get(k, opt.get(k, object())) != v}
    assert not wrong
