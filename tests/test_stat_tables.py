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


# --------------------------------------------------------------------- issue 9 class 2: never guess

from extractor.tables.templates import load_lexicon  # noqa: E402


def _lexicon_cases(kind, field="cell"):
    data = load_lexicon().raw
    for i, ex in enumerate(data.get(kind) or []):
        yield pytest.param(ex, id=f"{kind}#{i}:{ex[field]}")


@pytest.mark.parametrize("ex", list(_lexicon_cases("examples")))
def test_lexicon_examples(ex):
    assert load_lexicon().match_column(ex["table"], ex["cell"]) == (ex["column"], None)


@pytest.mark.parametrize("ex", list(_lexicon_cases("counter_examples")))
def test_lexicon_counter_examples(ex):
    cid, why = load_lexicon().match_column(ex["table"], ex["cell"])
    assert cid is None and why in ("unknown", "ambiguous")


def codes_of(f):
    return [w.code for w in f.warnings]


def test_t2_header_in_traditional_script_is_read():
    text = ("第二十條第(一)項\n信息內容 | 本年製發件數 | 本年廢止件數 | 現行有效件數\n"
            "規章 | 0 | 0 | 6\n行政規範性文件 | 3 | 1 | 20")
    vals, f = values_of(doc_of(text))
    assert vals == {"rules.issued": 0, "rules.abolished": 0, "rules.in_force": 6,
                    "normative.issued": 3, "normative.abolished": 1, "normative.in_force": 20}


def test_t2_misspelt_header_is_a_lexicon_entry():
    # crawled text, digits run together, 现行有效件数 printed as 先行有效件数 (three cells:
    # without the third column "000" would be cut in two)
    text = ("第二十条第(一)项信息内容本年制发件数本年废止件数先行有效件数规范性文件000"
            "第二十条第(五)项信息内容本年处理决定数量行政许可0")
    vals, f = values_of(doc_of(text))
    assert vals["normative.issued"] == 0 and vals["normative.in_force"] == 0
    assert vals["licensing.decisions"] == 0


def test_t2_unrecognised_header_cell_gives_no_value():
    # the middle header cell is no column of the template: with two columns left, 306 would
    # split one way only (30|6) and give two wrong figures; now the table is not read
    text = "第二十条第(一)项信息内容本年制发件数已废止件数现行有效件数规章306行政规范性文件4121"
    vals, f = values_of(doc_of(text))
    assert not any(k.startswith(("rules.", "normative.")) for k in vals)
    assert "header_unrecognised" in codes_of(f)
    assert any("已废止件数" in w.message for w in f.warnings)


def test_t2_delimited_header_reads_the_columns_it_knows():
    # one header cell nothing knows (本年新增): its place is printed, so the third column is
    # 对外公开总数量, and only it is read
    text = ("第二十条第(一)项 | | | |\n信息内容 | 本年新增 | 本年新公开数量 | 对外公开总数量 |\n"
            "规章 | 1 | 2 | 30 |\n规范性文件 | 4 | 5 | 60 |")
    vals, f = values_of(doc_of(text))
    assert vals == {"rules.published": 2, "rules.public_total": 30, "normative.published": 5,
                    "proactive.normative_docs": 5, "normative.public_total": 60}
    assert "header_unrecognised" in codes_of(f)


def test_t2_header_cells_cut_short_alike_are_read_by_the_template_order(tmp_path):
    # a crawl cut 本年新制作数量 and 本年新公开数量 to 本年新 (y12/y35 of b2, z30 of b3): the
    # stem begins exactly those two columns of 表二, and they stand right before
    # 对外公开总数量 as in the template, so the header reads one way only (with a warning)
    text = ("第二十条第(一)项 | | | |\n信息内容 | 本年新 | 本年新 | 对外公开总数量 |\n"
            "规章 | 1 | 2 | 30 |\n规范性文件 | 4 | 5 | 60 |")
    vals, f = values_of(doc_of(text))
    assert vals == {"rules.issued": 1, "rules.published": 2, "rules.public_total": 30,
                    "normative.issued": 4, "normative.published": 5, "proactive.normative_docs": 5,
                    "normative.public_total": 60}
    assert "header_truncated" in codes_of(f)
    # one cell a line, the two stems squeezed together (本年新本年新)
    text = ("二、主动公开政府信息情况\n第二十条第(一)项 |\n|||||\n信息内容 |\n本年新 |\n本年新 |\n"
            "对外公开总数量 |\n||\n规章 |\n1\n2\n30\n||\n")
    vals, f = _txt_values(tmp_path, text)
    assert vals == {"rules.issued": 1, "rules.published": 2, "rules.public_total": 30}
    assert "header_truncated" in codes_of(f)


def test_t2_header_cells_cut_short_are_not_guessed_when_they_read_several_ways():
    # 本年 begins 本年新制作数量, 本年新公开数量, 本年制发件数 … (more columns than cells);
    # a single 本年新 cell stands for one of two columns; 本年新 | 本年新 after 对外公开总数量
    # is not where the template puts them: no value from those cells
    for text in ("第二十条第(一)项 | | | |\n信息内容 | 本年 | 本年 | 对外公开总数量 |\n规章 | 1 | 2 | 30 |",
                 "第二十条第(一)项 | | |\n信息内容 | 本年新 | 对外公开总数量 |\n规章 | 1 | 30 |",
                 "第二十条第(一)项 | | | |\n信息内容 | 对外公开总数量 | 本年新 | 本年新 |\n规章 | 30 | 1 | 2 |"):
        vals, f = values_of(doc_of(text))
        assert not {"rules.issued", "rules.published"} & set(vals), text
        assert "header_truncated" not in codes_of(f)


def test_t2_header_note_in_brackets_is_no_column():
    text = ("第二十条第(一)项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数 (历史累计)\n"
            "行政规范性文件\n5\n12\n8\n第二十条第(五)项\n信息内容\n本年处理决定数量\n行政许可\n0")
    vals, f = values_of(doc_of(text))
    assert (vals["normative.issued"], vals["normative.abolished"], vals["normative.in_force"]) == (5, 12, 8)


def test_t3_header_with_an_unknown_column_gives_no_value():
    text = ("申请人情况 自然人 法人或其他组织 总计 商业企业 个体工商户 科研机构 社会公益组织 法律服务机构 其他\n"
            "一、本年新收政府信息公开申请数量 5 1 0 0 0 0 0 6\n二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0 0")
    vals, f = values_of(doc_of(text))
    assert not any(k.startswith("applications.") for k in vals)
    assert "header_unrecognised" in codes_of(f)


def test_t3_head_split_over_two_header_rows_is_known():
    text = ("申请人情况|自然人|法人或其他组织|总计|商业|科研|社会公益组织|法律服务机构|其他\n企业|机构\n"
            "一、本年新收政府信息公开申请数量 | 5 | 1 | 0 | 0 | 0 | 0 | 6\n"
            "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0")
    vals, f = values_of(doc_of(text))
    assert vals["applications.received"] == 6 and vals["applications.received.natural_person"] == 5
    assert "header_unrecognised" not in codes_of(f)


def test_old_header_with_an_unknown_value_column_gives_no_value():
    # 本年 | 上年: two figures a row, the template knows one column; 1213 must not become 1213
    text = ("政府信息公开情况统计表\n指标名称 单位 本年 上年同期\n主动公开政府信息数 条 1213\n受理申请总数 件 5 3")
    vals, f = values_of(doc_of(text))
    assert vals == {}
    assert "header_unrecognised" in codes_of(f)


def test_old_era_wording_of_refusals():
    text = ("政府信息公开情况统计表\n统计指标 | 单位 | 统计数\n对申请的答复总数 | 件 | 4\n"
            "否决公开答复总数 | 件 | 1\n行政复议数 | 件 | 0")
    vals, f = values_of(doc_of(text))
    assert vals["outcome.refused"] == 1 and vals["outcome.total"] == 4


def test_pipe_row_with_vanished_empty_cells_is_not_read_by_position():
    # `5 | 6` for a seven-column 表三 row: which columns the two figures belong to is unknown
    text = (T3_FLAT_HEAD + "\n一、本年新收政府信息公开申请数量 | 5 | 6\n"
            "二、上年结转政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0")
    vals, f = values_of(doc_of(text))
    assert "applications.received" not in vals and "applications.received.natural_person" not in vals
    assert vals["applications.carried_over"] == 0
    assert "table_row_shape" in codes_of(f)


T3_FLAT_HEAD = "申请人情况 | 自然人 | 法人或其他组织 | 总计 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他"


def test_prose_line_ending_in_a_bar_is_not_a_row():
    text = ("附表:政府信息公开情况统计表\n统计指标 | 单位 | 统计数\n主动公开政府信息数 | 条 | 17\n"
            "受理申请总数 12件,其中当面申请5件,均已按时答复。|\n")
    f = read_stat_tables(doc_of(text), None)
    assert {x.key: x.value for x in f.facts} == {"proactive.total": 17}


def test_split_agrees_with_the_figure_the_prose_states():
    # g08: 740 under 年度 | 历年累计 reads 7|40 by the rule 年度 <= 累计, but the prose says
    # 74 twice: the table's 累计 column was filled with zeros; 74|0 is taken, and the rule
    # no longer chooses splits in this table (the website row: 74|0, not 7|40)
    text = ("我局2016年主动公开政府信息74条,全文电子化率为13.4%。在公开的74条信息中,工作动态类信息12条。"
            "附件 政府信息公开情况统计表指标名称单位2016年历年累计主动公开文件数条740 "
            "其中:1.政府网站公开数条740 2.政府公报公开数条00受理政府信息公开申请总数条00")
    vals, f = values_of(doc_of(text))
    assert vals["proactive.total"] == 74 and vals["proactive.via.website"] == 74
    assert vals["proactive.via.gazette"] == 0
    assert any(w.code == "table_check" and "74" in w.message for w in f.warnings)


def test_split_without_prose_keeps_the_cumulative_rule():
    text = ("附件 政府信息公开情况统计表指标名称单位2016年历年累计主动公开文件数条740 "
            "其中:1.政府网站公开数条740 2.政府公报公开数条00")
    vals, f = values_of(doc_of(text))
    assert vals["proactive.total"] == 7 and vals["proactive.via.website"] == 7


def test_t2_split_ruled_out_by_the_tables_arithmetic():
    # g14: 6045 = 6|0|45 or 60|4|5; 60 issued and 4 abolished cannot leave 5 in force
    text = ("第二十条第(一)项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件6045"
            "第二十条第(五)项信息内容本年处理决定数量行政许可0")
    vals, f = values_of(doc_of(text))
    assert (vals["normative.issued"], vals["normative.abolished"], vals["normative.in_force"]) == (6, 0, 45)


def test_t4_header_in_another_route_order_gives_no_value():
    # 复议后起诉 printed before 未经复议直接起诉: the template's order would put the figures
    # under the wrong route, so the row is not read
    text = ("四、行政复议、行政诉讼情况\n行政复议 | 行政诉讼\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 复议后起诉 | 未经复议直接起诉\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
            "1 | 0 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0")
    vals, f = values_of(doc_of(text))
    assert not any(k.startswith(("reconsideration.", "litigation.")) for k in vals)
    assert "header_unrecognised" in codes_of(f)


def test_t4_header_in_the_template_order_is_read():
    text = ("四、行政复议、行政诉讼情况\n行政复议 | 行政诉讼\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉\n"
            "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计\n"
            "1 | 0 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 0")
    vals, f = values_of(doc_of(text))
    assert vals["reconsideration.total"] == 1 and vals["litigation.direct.total"] == 2


def test_stream_row_with_a_lost_empty_cell_is_not_split():
    # one cell a line; the 规章 row lost its empty 本年废止件数 cell: 10 and 2 are whole
    # cells, so cutting them into three (1|0|2) would be a guess
    text = ("第二十条第(一)项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n10\n2\n"
            "行政规范性文件\n5\n1\n8\n第二十条第(五)项\n信息内容\n本年处理决定数量\n行政许可\n0")
    vals, f = values_of(doc_of(text))
    assert not any(k.startswith("rules.") for k in vals)
    assert (vals["normative.issued"], vals["normative.abolished"], vals["normative.in_force"]) == (5, 1, 8)
    assert "table_row_shape" in codes_of(f)


# ------------------------------------------------ bar streams: blank cells are kept (b1)

def _txt_values(tmp_path, text):
    from extractor.pipeline import load_and_normalize

    p = tmp_path / "report.txt"
    p.write_text(text, encoding="utf-8")
    doc = load_and_normalize(p)
    return values_of(doc)


# x04's layout: every cell a line ending in " |", a blank cell a lone "|", rows ended by "|"
BAR_T2 = ("二、主动公开政府信息情况\n第二十条第(一)项 | |||\n|\n信息内容 |\n本年制发件数 |\n本年废止件数 |\n"
          "现行有效件数 |\n|\n规章 |\n{rules}行政规范性文件 |\n5 |\n12 |\n8 |\n|\n第二十条第(五)项 | |||\n|\n"
          "信息内容 |\n本年处理决定数量 | ||\n|\n行政许可 |\n0 | ||\n")


def test_bar_stream_blank_last_cell_keeps_the_rows_other_cells(tmp_path):
    # 规章 0 | 0 | (blank): a blank cell is no value for its own column only
    vals, f = _txt_values(tmp_path, BAR_T2.format(rules="0 |\n0 |\n|\n|\n"))
    assert (vals["rules.issued"], vals["rules.abolished"]) == (0, 0)
    assert "rules.in_force" not in vals
    assert (vals["normative.issued"], vals["normative.abolished"], vals["normative.in_force"]) == (5, 12, 8)


def test_bar_stream_leading_blank_cell_is_a_column(tmp_path):
    # (blank) | 3 | 7: the blank is the 本年制发 cell, 3 and 7 stay under their own heads
    vals, f = _txt_values(tmp_path, BAR_T2.format(rules="|\n3 |\n7 |\n|\n"))
    assert "rules.issued" not in vals
    assert (vals["rules.abolished"], vals["rules.in_force"]) == (3, 7)


def test_bar_stream_row_short_of_its_columns_is_not_read(tmp_path):
    # 0 | 0 and straight on to the next row: no blank printed, which cell is missing is unknown
    vals, f = _txt_values(tmp_path, BAR_T2.format(rules="0 |\n0 |\n"))
    assert not any(k.startswith("rules.") for k in vals)
    assert vals["normative.in_force"] == 8
    assert "table_row_shape" in codes_of(f)


# x07's layout: six blank cells as lone bars, then the 总计 figure; rows end with "||"
BAR_T3_LONE = ("三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) |\n"
               "申请人情况 |\n||||||||\n自然人 |\n法人或其他组织 |\n总计 |\n|||||||\n商业企业 |\n科研机构 |\n"
               "社会公益组织 |\n法律服务机构 |\n其他 |\n|||||\n一、本年新收政府信息公开申请数量 |\n|\n|\n|\n|\n|\n|\n"
               "4 |\n||\n二、上年结转政府信息公开申请数量 |\n|\n|\n|\n|\n|\n|\n0 |\n||\n三、本年度办理结果 |\n"
               "(一)予以公开 |\n|\n|\n|\n|\n|\n|\n|\n|\n")

# x42's layout: "label | 25 |", lone bars, then "| 25 |": a line break between two bars is a blank cell
BAR_T3_LEAD = ("三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |\n"
               "自然人 | 法人或其他组织 | 总计 |\n商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
               "一、本年新收政府信息公开申请数量 | 25 |\n|\n|\n|\n|\n| 25 |\n二、上年结转政府信息公开申请数量 |\n|\n|\n|\n|\n|\n| 0 |\n"
               "三、本年度办理结果 | (一)予以公开 | 7 |\n|\n|\n|\n|\n| 7 |\n"
               "(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 1 |\n|\n|\n|\n|\n| 1 \n")


def test_bar_stream_lone_bars_are_blank_cells_before_the_total(tmp_path):
    vals, f = _txt_values(tmp_path, BAR_T3_LONE)
    assert (vals["applications.received"], vals["applications.carried_over"]) == (4, 0)
    assert "applications.received.natural_person" not in vals
    assert "outcome.granted" not in vals          # a row of blanks states nothing


def test_bar_stream_row_continued_after_lone_bars(tmp_path):
    vals, f = _txt_values(tmp_path, BAR_T3_LEAD)
    assert (vals["applications.received"], vals["applications.received.natural_person"]) == (25, 25)
    assert vals["applications.carried_over"] == 0
    assert (vals["outcome.granted"], vals["outcome.partially_granted"]) == (7, 1)


def test_bar_stream_cells_keep_blanks():
    from extractor.load.textcells import bar_stream_cells

    assert bar_stream_cells(["规章 |", "0 |", "0 |", "|", "|", "行政规范性文件 |"]) == \
        ["规章", "0", "0", "", "", "行政规范性文件"]
    # bars after 25, two lone bars, the bar before 25: three blank cells between them
    assert bar_stream_cells(["一、本年新收 | 25 |", "|", "|", "| 25 |"]) == ["一、本年新收", "25", "", "", "", "25"]
    # padding bars (merged cells) give no cell
    assert bar_stream_cells(["总计 | ||||", "||", "8 | |||"]) == ["总计", "8"]


def _row_label_matches(ex) -> bool:
    from extractor.tables.templates import _norm

    tpl = next(t for t in load_templates().values() if t.name == ex["template"])
    rows = [r for r in tpl.rows if any(ex["key"] in ks for ks in r.keys.values())]
    assert rows, f"no row of {ex['template']} has the key {ex['key']}"
    label = _norm(ex["label"])
    return any(r.rx.fullmatch(label) for r in rows)


@pytest.mark.parametrize("ex", list(_lexicon_cases("row_examples", "label")))
def test_lexicon_row_examples(ex):
    assert _row_label_matches(ex)


@pytest.mark.parametrize("ex", list(_lexicon_cases("row_counter_examples", "label")))
def test_lexicon_row_counter_examples(ex):
    assert not _row_label_matches(ex)


def test_t2_change_written_with_a_sign_word(tmp_path):
    # 本年增/减 printed as 减4 / 增3 (y13 of b2): the signed column reads -4 / +3
    text = ("第二十条第(五)项 |\n信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n"
            "行政许可 |\n6 |\n减4 |\n2 |\n行政处罚 |\n2 |\n增3 |\n5 |\n")
    vals, f = _txt_values(tmp_path, "二、主动公开政府信息情况\n" + text)
    assert (vals["licensing.items_prev"], vals["licensing.items_change"], vals["licensing.decisions"]) == (6, -4, 2)
    assert (vals["penalty.items_prev"], vals["penalty.items_change"], vals["penalty.decisions"]) == (2, 3, 5)


def test_t2_sign_word_outside_the_signed_column_is_not_a_value():
    # 减4 where the header puts 处理决定数量 (unsigned): no negative decisions
    text = "第二十条第(五)项 | | |\n信息内容 | 上一年项目数量 | 处理决定数量 |\n行政许可 | 6 | 减4 |"
    vals, f = values_of(doc_of(text))
    assert "licensing.decisions" not in vals


# ------------------------------------------------ 表三 rows whose empty cells vanished (w08)

T3_LOST = ("三、收到和处理政府信息公开申请情况\n本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和 |\n"
           "申请人情况 |\n自然人 | 法人或其他组织 | 总计 |\n商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |\n"
           "一、本年新收政府信息公开申请数量 | {new}\n二、上年结转政府信息公开申请数量 | 0 | 0 |\n"
           "三、本年度办理结果 |\n(一)予以公开 | {granted}\n(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 0 |\n")


def test_t3_row_with_lost_cells_gives_its_total_when_the_sums_say_so(tmp_path):
    # a crawl printed only the filled cells: `3 | 3` is one part and the 总计 (equal), so
    # the total is known though the part's column is not; a lone `0` says nothing
    vals, f = _txt_values(tmp_path, T3_LOST.format(new="3 | 3 |", granted="2 | 1 | 3 |"))
    assert vals.get("applications.received") == 3 and vals.get("applications.carried_over") == 0
    assert vals.get("outcome.granted") == 3
    assert "applications.received.natural_person" not in vals
    assert "outcome.partially_granted" not in vals
    assert any("empty cells lost" in w.message for w in f.warnings)


def test_t3_row_with_lost_cells_whose_sums_do_not_hold_is_not_read(tmp_path):
    # 3 | 2: not a part and its total; 2 | 1 | 4: the last is not the sum of the others
    vals, f = _txt_values(tmp_path, T3_LOST.format(new="3 | 2 |", granted="2 | 1 | 4 |"))
    assert "applications.received" not in vals and "outcome.granted" not in vals
    assert "table_row_shape" in codes_of(f)


def test_t3_row_cut_by_the_end_of_the_text_is_not_read(tmp_path):
    # an excerpt that stops inside the row: its total may be what was cut
    text = T3_LOST.format(new="3 | 3 |", granted="2 | 1 | 3 |").split("(一)予以公开")[0] + "(一)予以公开 | 0 | 0 | 0 | "
    vals, f = _txt_values(tmp_path, text)
    assert "outcome.granted" not in vals
