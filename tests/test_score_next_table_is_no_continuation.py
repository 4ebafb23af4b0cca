"""A score table without its total row, followed by another table (a 统计表 after
"附件2"), must not take that table's rows as its own (a continuation across a page is
only a headerless table after short page lines).  Found by rewriting the dev set's Word
score tables as text cut before their total rows: the statistics rows "(一)主动公开政府
信息数 | 条 | 17" came back as score items (max null, score 17)."""
from __future__ import annotations

from extractor.model import DocumentBuilder, Source, Table
from extractor.normalize import normalize
from extractor.tables.scores import read_score_tables
from text_docs import load_lines, pairs as _pairs


SCORE = ["附件1", "2017年度部门政务公开工作考核自查评分表",
         "| 考核项目 | 目标要求 | 具体标准 | 自查评分 |",
         "| 组织领导(10分) | 主要负责人亲自抓(5分) | 听取一次政务公开工作汇报(5分)。 | 5分 |",
         "| 分管领导具体抓(5分) | 政务公开列入单位领导工作分工(5分)。 | 4分 |",
         "| 制度建设(3分) | 保密审查(3分) | 完善保密审查制度(3分)。 | 3分 |"]
STATS = ["| 统计指标 | 单位 | 统计数 |",
         "| (一)主动公开政府信息数 | 条 | 17 |",
         "| 其中:主动公开规范性文件数 | 条 | 10 |",
         "| 2.政府网站公开政府信息数 | 条 | 140 |"]


def test_the_table_after_an_attachment_line_is_not_read_as_score_rows():
    doc = load_lines(SCORE + ["附件2", "填报单位(盖章):某某局"] + STATS)
    (st,) = read_score_tables(doc, None).score_tables
    assert _pairs(st) == [(5, 5), (5, 4), (3, 3)]
    # without the attachment line the statistics header still tells a table of its own
    doc = load_lines(SCORE + ["填报单位(盖章):某某局"] + STATS)
    (st,) = read_score_tables(doc, None).score_tables
    assert _pairs(st) == [(5, 5), (5, 4), (3, 3)]


def test_a_headerless_table_after_page_lines_still_continues_the_score_table():
    b = DocumentBuilder(Source("t.pdf"))
    b.add_table(Table.from_rows([["考核项目", "考核内容", "分值", "自评得分"],
                                 ["组织领导", "明确分管领导", "5", "5"],
                                 ["", "制定工作方案", "5", "4"]]), page=1)
    b.add_paragraph("- 1 -", page=1)
    b.add_table(Table.from_rows([["主动公开", "公开规范性文件", "10", "8"],
                                 ["", "公开工作动态", "5", "5"]]), page=2)
    (st,) = read_score_tables(normalize(b.build()), None).score_tables
    assert _pairs(st) == [(5, 5), (5, 4), (10, 8), (5, 5)]
