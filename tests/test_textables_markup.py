"""A page saved as its script (.txt holding JS/JSON data): the report is an HTML string
in one of the literals. The txt loader reads that markup as HTML (paragraphs and tables);
a text that merely quotes a tag, or whose markup is a small part of it, stays text."""
from __future__ import annotations

import json

from extractor.load import load_document
from extractor.load.textables import embedded_markup
from extractor.model import Findings
from extractor.normalize import normalize
from extractor.reconcile import reconcile
from extractor.tables.stats import read_stat_tables

_REPORT_HTML = (
    "<p style='text-align: center'>2019年某市人民政府办公厅政府信息公开工作年度报告</p>"
    "<p>一、总体情况</p><p>2019年，某市人民政府办公厅坚持以人民为中心，全面推进政务公开。</p>"
    "<p>二、主动公开政府信息情况</p>"
    "<table border=\"1\"><tbody>"
    "<tr><td colspan=\"4\"><p>第二十条第（一）项</p></td></tr>"
    "<tr><td>信息内容</td><td>本年新<br />制作数量</td><td>本年新<br />公开数量</td><td>对外公开总数量</td></tr>"
    "<tr><td>规章</td><td>13</td><td>13</td><td>524</td></tr>"
    "<tr><td>规范性文件</td><td>60</td><td>60</td><td>368</td></tr>"
    "</tbody></table>"
    "<p>四、因政府信息公开工作被申请行政复议、提起行政诉讼情况</p>"
    "<table border=\"1\"><tbody>"
    "<tr><td colspan=\"5\">行政复议</td><td colspan=\"10\">行政诉讼</td></tr>"
    "<tr>" + "".join(f"<td rowspan=\"2\">{h}</td>" for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    + "<td colspan=\"5\">未经复议直接起诉</td><td colspan=\"5\">复议后起诉</td></tr>"
    "<tr>" + "".join(f"<td>{h}</td>" for h in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2) + "</tr>"
    "<tr>" + "".join(f"<td>{v}</td>" for v in ("5", "&nbsp;", "&nbsp;", "2", "7", "8", "&nbsp;", "&nbsp;", "1", "9",
                                                "&nbsp;", "&nbsp;", "&nbsp;", "&nbsp;", "&nbsp;")) + "</tr>"
    "</tbody></table>"
    "<p>六、其他需要报告的事项</p><p>无。</p>"
)

_MENU = "".join(f'{{\n\t"id": "0001-{i}",\n\t"name": "{n}"\n}}, ' for i, n in enumerate(
    ["政策文件", "法定主动公开内容", "政府信息公开制度", "政府信息公开年报", "市政府公报", "市政府规章"]))


def _js_file(tmp_path, content: str):
    p = tmp_path / "page.txt"
    p.write_text("//字典项\nlet secondMenu = [" + _MENU + "]\n\nlet content = " + json.dumps(content, ensure_ascii=False)
                 + "\n", encoding="utf-8")
    return p


def test_script_string_holding_the_report_is_read_as_html(tmp_path):
    doc = normalize(load_document(_js_file(tmp_path, _REPORT_HTML)))
    assert "法定主动公开内容" not in doc.text          # the script's menu data is no report text
    assert "<p" not in doc.text and "\\\"" not in doc.text
    f = read_stat_tables(doc, None)
    vals = reconcile(doc, None, Findings(), f)["values"]
    assert (vals["rules.issued"], vals["rules.published"], vals["rules.public_total"]) == (13, 13, 524)
    assert vals["normative.public_total"] == 368
    # 表四: blank cells printed as &nbsp; stay blank, the figures keep their columns
    assert (vals["reconsideration.upheld"], vals["reconsideration.pending"], vals["reconsideration.total"]) == (5, 2, 7)
    assert (vals["litigation.direct.upheld"], vals["litigation.direct.pending"],
            vals["litigation.direct.total"]) == (8, 1, 9)
    assert "reconsideration.corrected" not in vals and "litigation.after_reconsideration.total" not in vals


def test_js_escapes_are_undone():
    lit = "<p>一、总体情况\\u3002</p><p>第二段<\\/p><table><tr><td>规章</td></tr></table>" + "政务公开工作" * 40
    text = 'var content = "' + lit + '";'
    out = embedded_markup(text)
    assert out is not None and "一、总体情况。" in out and "第二段</p>" in out


def test_text_quoting_a_tag_is_no_page():
    text = ("一、总体情况\n2019年，我局在网站上发布信息120条，其中将<p>标签和<br>标签统一规范，"
            "网页<div>结构调整3次。\n" + "二、主动公开政府信息情况\n本年度主动公开政府信息120条。\n" * 5)
    assert embedded_markup(text) is None


def test_markup_literal_that_is_a_small_part_of_the_text_is_not_taken():
    # a report written as text that carries a short embedded snippet: the report is the text
    snippet = "<p>联系我们</p><p>地址：某市某路1号</p><div>电话：12345</div>" + "。" * 200
    text = ("某市人民政府办公厅2019年政府信息公开工作年度报告\n" + "本年度主动公开政府信息120条，办理依申请公开12件。\n" * 40
            + 'var footer = "' + snippet + '";\n')
    assert embedded_markup(text) is None
