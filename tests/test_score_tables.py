"""Score tables (考核评分表 / 自查评分表 / 考评细则): issue 4 items 6-7."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.model import Cell, DocumentBuilder, ExtractError, Source, Table
from extractor.normalize import normalize
from extractor.tables import scores
from extractor.tables.scores import annotations, points, read_score_tables, vocab
from extractor.tables.scores.outline import outline_segments
from extractor.tables.scores.prose import read_compositions, read_weighted_sections, read_weights
from extractor.tables.scores.vocabulary import assessor_table

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real"


def _doc(*parts, page=None):
    """parts: str (paragraph lines) or Table."""
    b = DocumentBuilder(Source("t.txt"))
    for p in parts:
        if isinstance(p, Table):
            b.add_table(p, page=page)
        else:
            b.add_paragraph(p, page=page)
    return normalize(b.build())


def _pairs(st):
    return [(i.max, i.score) for i in st.items]


def _check_offsets(doc, st):
    a, b = st.offset
    assert 0 <= a < b <= len(doc.text)
    for it in st.items:
        s, e = it.offset
        assert a <= s < e <= b
        assert doc.text[s:e].strip()


# ---------------------------------------------------------------- pattern data
def test_pattern_examples():
    v = vocab()
    ex = v.examples
    for t in ex["points_cell"]["match"]:
        assert points(t) is not None, t
    for t in ex["points_cell"]["no_match"]:
        assert points(t) is None, t
    for e in ex["annotation"]:
        assert annotations(e["text"]) == e["values"], e
    for t in ex["stream_category"]["match"]:
        assert v.stream_category.match(t), t
    for t in ex["stream_category"]["no_match"]:
        assert not v.stream_category.match(t), t
    for e in ex["header_role"]:
        assert scores.header_role(e["text"]) == e["role"], e
    for e in ex["prose_item"]:
        text = e["text"].replace("\n", "")
        got = [[float(m.group("max")), float(m.group("score"))] for m in v.prose_item.finditer(text)]
        assert got == [[float(a), float(b)] for a, b in e["values"]], e
    for hs in ex["assessor_columns"]["match"]:
        assert assessor_table(hs), hs
    for hs in ex["assessor_columns"]["no_match"]:
        assert not assessor_table(hs), hs
    for e in ex["runon"]:
        got = [[m.group("cat") or m.group("name"), points(m.group("cpts") or m.group("pts")), bool(m.group("cat"))]
               for m in v.runon["token"].finditer(e["text"])]
        assert got == e["tokens"], e
    for e in ex["outline"]:
        segs = outline_segments(_doc_of_lines([e["text"]]))
        got = [[sg.level, sg.pts] for sg in segs if sg.level >= 0]
        assert got == e["items"], e
    for e in ex["indicator_score"]:
        got = [[m.group("name"), points(m.group("score"))] for m in v.indicator_score.finditer(e["text"])]
        assert got == e["values"], e
    for e in ex["weights"]:
        got = [[i.criterion, i.max] for t in read_weights(_doc_of_lines([e["text"]])) for i in t.items]
        assert got == e["parts"], e
    for e in ex["weighted_sections"]:
        got = [[i.criterion, i.max] for t in read_weighted_sections(_doc_of_lines(e["lines"])) for i in t.items]
        assert got == e["parts"], e
    for e in ex["compositions"]:
        got = [[i.criterion, i.max] for t in read_compositions(_doc_of_lines([e["text"]])) for i in t.items]
        assert got == e["parts"], e


def _doc_of_lines(lines):
    from extractor.model import DocumentBuilder, Source
    from extractor.normalize import normalize
    b = DocumentBuilder(Source("t.txt"))
    for x in lines:
        b.add_paragraph(x)
    return normalize(b.build())


def test_header_roles():
    r = scores.header_role
    assert r("分值") == "max"
    assert r("权重") == "max"
    assert r("自评得分") == "self_score"
    assert r("自查评分") == "self_score"
    assert r("评分标准") == "criterion"
    assert r("合计得分") == "subtotal"
    assert r("倒扣分值") == "deduct"
    assert r("链接地址(可以是栏目或多个内容的链接地址)") == "ignore"
    assert r("统计数") is None


# ---------------------------------------------------------------- flattened rows
SEED_ROWS = """附件1
2017年度部门政务公开工作考核自查评分表
考核项目 | 目标要求 | 具体标准 | 自查评分 |
组 织 领 导 (20分) | 主要负责人亲自抓 (5分) | 主要领导年内至少听取一次政务公开工作汇报(3分),研究部署推进工作(2分)。 | 5分 |
分管领导具体抓(5分) | 政务公开列入单位领导工作分工(3分),并在本单位网站公开(2分)。 | 5分 | |
办公室组织协调、指导、监督推进工作 (10分) | 政务公开纳入本部门绩效评估,分值权重不低于4%(3分)。 | 3分 | |
有相关责任处室,有专人经办。(2分) | 2分 | ||
每年至少开展一次政务公开业务培训。(3分) | 3分 | ||
定期对本部门本系统政务公开工作进行指导、监督、检查。(2分) | 2分 | ||
政 务 服 务 (5分) | 网上政务平台(2分) | 部门网站具备网上办事功能,是否与政务服务中心审批系统联网(2分) | ||
公众参与(3分) | 开通微博、微信等即时通信工具政务公众号(2分),管理运行状况良好(1分)。 | 3分 | |
总计 | 25分 |
附件2
统计指标 | 单位 | 统计数 | ||
(一)主动公开政府信息数 | 条 | 17 | ||
"""


def _seed_expect(st):
    assert _pairs(st) == [(5, 5), (5, 5), (3, 3), (2, 2), (3, 3), (2, 2), (2, None), (3, 3)]
    assert st.items[0].path == ["组织领导", "主要负责人亲自抓"]
    assert st.items[3].path == ["组织领导", "办公室组织协调、指导、监督推进工作"]
    assert st.items[6].path == ["政务服务", "网上政务平台"]
    assert st.items[6].criterion.startswith("部门网站具备网上办事功能")
    assert st.title == "2017年度部门政务公开工作考核自查评分表"
    # 23 claimed, 25 stated: a mismatch is a check, nothing is "fixed"
    assert st.total == {"max": 25, "score": 23, "stated_max": None, "stated_score": 25}
    assert any("stated total score 25" in c["message"] for c in st.checks)


def test_pipe_rows_as_paragraphs():
    doc = _doc(SEED_ROWS)
    found = read_score_tables(doc, None).score_tables
    assert len(found) == 1  # the statistics table after it is not a score table
    _seed_expect(found[0])
    _check_offsets(doc, found[0])


def test_pipe_rows_as_table_block():
    lines = SEED_ROWS.strip().split("\n")
    rows = [[c.strip() for c in ln.split("|")] for ln in lines[2:12]]
    doc = _doc(*lines[:2], Table.from_rows(rows, source="pipe"))
    found = read_score_tables(doc, None).score_tables
    assert len(found) == 1
    _seed_expect(found[0])
    _check_offsets(doc, found[0])


def test_bare_score_column_is_the_scale_and_subtotals_ignored():
    text = """类别 | 考 核 内 容 | 得分 | 合计 得分 |
|
组织保障 | 有具体负责人和承办科室(会议记录或文件) | 2分 | 6分 | |
有具体经办人员(会议记录或文件) | 2分 | |||
健全的政务公开制度和工作衔接机制(文件、资料) | 2分 | |||
政务公开工作开展情况 | 主要载体建设 | 门户网建设(是否及时更新公开内容、维护网络安全等) | 6分 | 9分 |
新闻发布会(重大活动、重要事件是否举行发布会) | 3分 | |||
政府信息公开 | 信息公开目录和政府信息年度报告(信息公开目录未更新的扣1分;没有年度报告的扣2分) | 5分 | 5分 | |
政政务公开其他形式 | 考 核 内 容 | 倒扣分值 | |
机关内部事务 | 未按规定公开机关内部事务的 | 2分 | |
"""
    doc = _doc("某县政务公开工作考核评分表", text)
    (st,) = read_score_tables(doc, None).score_tables
    assert _pairs(st)[:6] == [(2, None), (2, None), (2, None), (6, None), (3, None), (5, None)]
    assert st.items[0].path == ["组织保障"]
    assert st.items[3].path == ["政务公开工作开展情况", "主要载体建设"]
    assert st.items[5].path == ["政务公开工作开展情况", "政府信息公开"]
    # deduction-only section: max null
    assert len(st.items) == 7 and st.items[6].max is None
    assert st.total["max"] is None  # an item's max is unknown
    assert st.total["score"] is None


def test_cell_per_line_with_index_and_link_columns():
    text = """附件
信阳市国土资源政务信息网上公开检查得分表
序号 |
一级指标 |
二级指标 |
三级指标 |
权重 |
自查得分 |
链接地址 (可以是栏目或多个内容的链接地址) |
||
1 |
政务公开及日常更新 (70) |
信息公开年报 |
在2016年3月31日前发布本部门2015年度信息公开年报 |
1 |
1 |
http://example.gov.cn/nianbao/5962.html |
||
2 |
2009年—2015年年度报告发布情况 |
1 |
1.5 |
http://example.gov.cn/nianbao/ |
||||
3 |
信息公开目录 |
编制本部门信息公开目录 |
2 |
|
http://example.gov.cn/mulu/ |
|||
4
"""
    doc = _doc(text)
    (st,) = read_score_tables(doc, None).score_tables
    assert _pairs(st) == [(1, 1), (1, 1.5), (2, None)]
    assert st.items[1].path == ["政务公开及日常更新", "信息公开年报"]
    assert st.total["max"] == 4 and st.total["score"] == 2.5
    # 1.5 > 1 is reported
    assert any("above max" in c["message"] for c in st.checks)


# ---------------------------------------------------------------- real grids
def _grid_table(rows, merges=()):
    """rows of strings; merges: (row, col, rowspan) vertical merges (covered cells omitted)."""
    covered = set()
    spans = {}
    for r, c, n in merges:
        spans[(r, c)] = n
        for k in range(1, n):
            covered.add((r + k, c))
    cells = []
    for r, row in enumerate(rows):
        for c, t in enumerate(row):
            if (r, c) in covered:
                continue
            cells.append(Cell(r, c, t, rowspan=spans.get((r, c), 1)))
    return Table(cells, len(rows), max(len(r) for r in rows), source="grid")


def test_grid_with_merged_categories_crossing_a_page():
    head = ["考核项目", "考核内容", "考核标准", "分值", "自评得分"]
    page1 = _grid_table([
        head,
        ["组织领导", "主要负责人亲自抓", "主要领导年内至少听取一次汇报(3分),研究部署(2分)。", "5分", "5分"],
        ["", "办公室组织协调", "政务公开纳入本部门绩效评估。", "3分", "3分"],
        ["", "", "有相关责任处室,有专人经办。", "2分", "3分"],
    ], merges=[(1, 0, 3), (2, 1, 2)])
    page2 = _grid_table([
        ["回应解读", "政策解读", "部门网站设置政策解读专栏。", "8分", "5分"],
        ["", "公众参与", "开通微博、微信等即时通信工具。", "3分", ""],
        ["总计", "", "", "", "16分"],
    ], merges=[(0, 0, 2)])
    b = DocumentBuilder(Source("t.pdf"))
    b.add_paragraph("2017年度部门政务公开工作考核自查评分表", page=1)
    b.add_table(page1, page=1)
    b.add_paragraph("- 5 -", page=1)
    b.add_table(page2, page=2)
    doc = normalize(b.build())
    (st,) = read_score_tables(doc, None).score_tables
    assert _pairs(st) == [(5, 5), (3, 3), (2, 3), (8, 5), (3, None)]
    assert st.items[2].path == ["组织领导", "办公室组织协调"]
    assert st.items[4].path == ["回应解读", "公众参与"]
    assert st.total == {"max": 21, "score": 16, "stated_max": None, "stated_score": 16}
    msgs = " ".join(c["message"] for c in st.checks)
    assert "score 3 above max 2" in msgs
    assert "stated total" not in msgs
    assert st.page == 1
    _check_offsets(doc, st)


# ---------------------------------------------------------------- streams and prose
def test_barless_stream_after_header():
    text = """政府信息公开考评评分标准
考评项目
分值
评分标准
备注
主动公开信息的数量
40分
1、每月不低于40条。
2、数量低于规定标准,出现一个月扣5分,扣完为止。
主动公开信息的质量
45分
1、更新信息公开指南并且内容全面规范5分;
"""
    doc = _doc("(一)考核分四个项目,满分为100分,详见附表。", text)
    (st,) = read_score_tables(doc, None).score_tables
    assert _pairs(st) == [(40, None), (45, None)]
    assert st.items[0].criterion.startswith("1、每月不低于40条")
    assert st.total["max"] == 85 and st.total["stated_max"] is None


def test_bar_separated_stream_with_section_lines():
    # no header: the sections' points are what tells the figures are the items' max
    # (机制建设 8 = 4 + 4; 主动公开 is cut by the end of the text)
    text = """一、机制建设(8分)
|
1.组织领导
|
4分
|
依托办公室建立政府信息公开工作机构。(未明确的扣4分)
|
2.年报制度
|
4分
|
每年3月31日前公开上一年度年报。
|
二、主动公开(30分)
|
1.公开目录和指南
|
6分
|
按统一规范编制政府信息公开目录和公开指南。
"""
    doc = _doc(text)
    (st,) = read_score_tables(doc, None).score_tables
    assert _pairs(st) == [(4, None), (4, None), (6, None)]
    assert st.items[0].path == ["机制建设", "组织领导"]
    assert st.items[2].path == ["主动公开", "公开目录和指南"]
    # a complete section its items contradict (4 + 4 != 20): which figure is what is a guess
    assert read_score_tables(_doc(text.replace("(8分)", "(20分)")), None).score_tables == []
    # rows of two figures without a header (max? score? score? max?): nothing
    two = text.replace("4分\n|\n", "4分\n|\n4分\n|\n").replace("6分\n|\n", "6分\n|\n5分\n|\n")
    assert two.count("4分\n|\n4分") == 2
    assert read_score_tables(_doc(two), None).score_tables == []


def test_percent_prose_scoring():
    text = ("一、保障運營(占比10%,自評得10%) (一)工作保障 (占比5%,自評得5%) 主動認領各項工作責任。"
            " (二)制度保障(占比5%,自評得4%) 按照要求制訂并落實各項制度。\n"
            "二、日常監管(占比25%,自評得25%) (一)工作表現(占比15%,自\n評得15%) 積極落實。"
            " (二)監督檢查(占比10%,自評得10%) 嚴格落實三審制度。")
    doc = _doc("縣政府辦:", text)
    (st,) = read_score_tables(doc, None).score_tables
    assert _pairs(st) == [(5, 5), (5, 4), (15, 15), (10, 10)]
    assert st.items[1].path == ["保障运营"]
    assert st.total["max"] == 35 and st.total["score"] == 34
    _check_offsets(doc, st)


def test_statistics_tables_are_not_score_tables():
    text = """指标名称 | 计量单位 | 2017年度 | 历年累计
主动公开文件数 | 条 | 2122 | 10037
其中:1、政府网站公开数 | 条 | 2122 | 10037
受理政府信息依申请公开总数 | 条 | 0 | 0
"""
    stream = "\n|\n".join(["第二十条第(一)项", "信息内容", "本年新制作数量", "本年新公开数量", "规章", "0", "0",
                          "规范性文件", "2", "2"])
    doc = _doc(text, stream)
    assert read_score_tables(doc, None).score_tables == []


# ---------------------------------------------------------------- real corpus
def _lcs(a, b):
    dp = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a)):
        for j in range(len(b)):
            dp[i + 1][j + 1] = dp[i][j] + 1 if a[i] == b[j] else max(dp[i][j + 1], dp[i + 1][j])
    return dp[-1][-1]


def _renderings():
    if not REAL.is_dir():
        return []
    out = []
    for g in sorted(REAL.glob("s*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8")).get("score_tables") or []
        if not gold:
            continue
        name = g.name[: -len(".gold.json")]
        for ext in (".txt", ".gbk.txt", ".html", ".docx", ".pdf", ".grid.docx", ".grid.pdf"):
            p = REAL / (name + ext)
            if p.exists():
                out.append(pytest.param(p, gold, id=p.name))
    return out


@pytest.mark.parametrize("path,gold", _renderings())
def test_real_score_tables(path, gold):
    if not REAL.is_dir():
        pytest.skip("../shared not present")
    from extractor.pipeline import load_and_normalize

    try:
        doc = load_and_normalize(path)
    except (ExtractError, ImportError) as e:
        pytest.skip(f"no loader for {path.suffix} yet: {e}")
    found = read_score_tables(doc, None).score_tables
    gi = [(i["max"], i["score"]) for t in gold for i in t["items"]]
    oi = [(i.max, i.score) for t in found for i in t.items]
    tp = _lcs(gi, oi)
    assert tp / len(gi) >= 0.95, (gi, oi)
    assert not oi or tp / len(oi) >= 0.95, (gi, oi)
    assert len(found) == len(gold)
    for st, gt in zip(found, gold):
        for k, v in gt["total"].items():
            assert st.total[k] == v, (k, st.total, gt["total"])
        for it in st.items:
            a, b = it.offset
            assert doc.text[a:b].strip()


def test_text_column_after_points_is_not_a_category_and_percent_weights():
    rows = [
        ["考核指标", "指标说明", "权重", "考核方法", "自评得分"],
        ["组织保障", "明确分管领导和工作机构", "10%", "查阅文件资料", "10"],
        ["", "建立健全工作制度", "5%", "查阅制度文本", "4"],
    ]
    doc = _doc("附表 政务公开工作指标表", Table.from_rows(rows, source="grid"))
    (st,) = read_score_tables(doc, None).score_tables
    assert _pairs(st) == [(10, 10), (5, 4)]
    assert st.items[1].path == ["组织保障"]
    assert st.items[0].criterion == "明确分管领导和工作机构"
    assert st.title == "附表政务公开工作指标表"  # normalised: no space between CJK
