"""One-cell-per-line score sheets as crawled (b8 m06, m08): a two-row header whose second
row names the index levels; a notes cell cut by the end of the text after whole figures;
a stream cut in two by a cell wrapped over lines; a sheet title between rows starting a
table of its own under the same header."""
from __future__ import annotations

from extractor.tables.scores import vocab
from text_docs import score_tables as _tables, pairs as _pairs


def test_pattern_examples():
    v = vocab()
    ex = v.examples
    for t in ex["sheet_title"]["match"]:
        assert v.sheet_title.search(t), t
    for t in ex["sheet_title"]["no_match"]:
        assert not v.sheet_title.search(t), t
    for t in ex["level_name"]["match"]:
        assert v.level_name.match(t), t
    for t in ex["level_name"]["no_match"]:
        assert not v.level_name.match(t), t


M06_HEAD = ["序号 |", "公开事项 |", "内容要求 |", "分值 |", "得分 |", "失分原因 |", "整改措施 |", "整改情况 |", "||",
            "一级指标 |", "二级指标 |", "三级指标 |", "|||||||"]
M06_ROW = ["1 |", "政策法规 |", "规范性文件 |", "|",
           "①单位提请政府发布的行政规范性文件全文;②规范性文件涵盖文号、成文日期等信息;③规范性与实时性 |",
           "80 |", "75 |"]


def test_a_two_row_header_and_a_notes_cell_cut_after_whole_figures():
    lines = ["市统计局2023年第二季度政务公开测评整改清单"] + M06_HEAD + M06_ROW + [
        "“关于印发《统计执法抽查办法(试行)》的通知”元数据模块文号与内容中文号不一致,未经法律、法规"]
    (st,) = _tables(lines)
    assert _pairs(st) == [(80, 75)]
    assert st.items[0].path == ["政策法规", "规范性文件"]
    assert not any("cut" in c["message"] for c in st.checks)


M08 = ["| 测评指标 | 指标分值 | 失分原因 | 整改情况 | |||||||||||",
       "| 2020年第三版重点领域 | ||||||||||||||",
       "| 三大攻坚战 | ||||||||||||||",
       "| 扶贫资金 | 0.5000 | 未公开财政专项资金分配结果; 未公开年度计划。 | 已写情况说明。 | |||||||||||",
       "| 公共资源配置 | ||||||||||||||",
       "|", "政府购买", "服务及社会资本合作(PPP)", "|",
       "0.1000 | 未公开政府购买服务事项清单和实施情况。 | 相关股室还在对接沟通中。 | |||||||||||",
       "| 减税降费 | 0.0600 | 未公开小微企业减税落实情况。 | 已上传落实情况。 | |||||||||||",
       "| 2020年第三版市、县、区直部门评分表 | ||||||||||||||",
       "| 政策法规 | ||||||||||||||",
       "| 部门文件 | 2.0000 | 未公开本年度部门文件。 | 已整改上传 | |||||||||||",
       "| 规范性文件立改废 | 2.0000 | 未公开本年度规范性文件备案信息。 | 已整改上传 | |||||||||||",
       "|", "重大决策预公"]


def test_a_wrapped_cell_and_a_sheet_title_inside_a_stream():
    sts = _tables(M08)
    assert [_pairs(st) for st in sts] == [[(0.5, None), (0.1, None), (0.06, None)], [(2, None), (2, None)]]
    assert sts[0].items[1].criterion == "政府购买服务及社会资本合作(PPP)"


def test_lines_between_two_streams_that_are_a_sentence_are_no_cell():
    lines = M08[:5] + ["以下为公共资源配置领域的测评结果,请各单位对照整改。"] + M08[9:11]
    sts = _tables(lines)
    assert not any(i.criterion.startswith("以下") for st in sts for i in st.items)
    assert all(i.max != 0.1 for st in sts for i in st.items)
