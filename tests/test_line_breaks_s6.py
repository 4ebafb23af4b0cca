"""A line break inside a sentence is no sentence boundary (issue 9): a Word soft break
(<w:br/>), an html <br> or a crawler's cut in the middle of a sentence
(「2020年,我局主动公开政府⏎信息120条。」) keeps the sentence and its figure whole in every
rendering, while headings, list items, cells one per line, titles, fields, dates and
signatures keep their breaks. Normalisation owns the join (extractor/linebreaks.py,
``_soft_breaks``), so the prose rules and the clause reader read the joined sentence,
and the evidence is still the exact substring of the extracted text."""
import pytest

from extractor.pipeline import extract
from extractor.segment import segment
from text_docs import paragraphs_doc

_TITLE = "2020年某县农业农村局政府信息公开工作年度报告"
_BROKEN = ["2020年,我局主动公开政府", "信息120条。"]
_REST = ["全年收到政府信息公开申请5件,均已按时答复。"]


def _doc(lines):
    return paragraphs_doc(*lines)


def _check_proactive(rec):
    assert rec["values"].get("proactive.total") == 120
    fact = next(f for f in rec["facts"] if f["key"] == "proactive.total")
    a, b = fact["offset"]
    assert rec["text"][a:b] == fact["evidence"]
    assert "政府信息120条" in fact["evidence"]
    assert rec["values"].get("applications.received") == 5


def test_txt_sentence_broken_by_a_line_break_keeps_its_figure(tmp_path):
    path = tmp_path / "nongyeju-2020.txt"
    path.write_text("\n".join([_TITLE, *_BROKEN, *_REST]) + "\n", encoding="utf-8")
    _check_proactive(extract(str(path), with_text=True))


def test_docx_soft_break_keeps_the_figure(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_paragraph(_TITLE)
    p = d.add_paragraph()
    run = p.add_run(_BROKEN[0])
    run.add_break(WD_BREAK.LINE)          # <w:br/>: a soft break inside the paragraph
    p.add_run(_BROKEN[1])
    d.add_paragraph(_REST[0])
    path = tmp_path / "nongyeju-2020.docx"
    d.save(str(path))
    _check_proactive(extract(str(path), with_text=True))


def test_html_br_keeps_the_figure(tmp_path):
    html = (f"<html><head><title>{_TITLE}</title></head><body><h1>{_TITLE}</h1>"
            f"<p>{_BROKEN[0]}<br>{_BROKEN[1]}</p><p>{_REST[0]}</p></body></html>")
    path = tmp_path / "nongyeju-2020.html"
    path.write_text(html, encoding="utf-8")
    _check_proactive(extract(str(path), with_text=True))


@pytest.mark.parametrize("lines, joined", [
    # a word across the break, the line before holding the sentence's first clause
    (["2020年,市人民政府办公室", "认真贯彻落实全面推进政务公开各项决策部署,主动公开信息300条。"],
     "市人民政府办公室认真贯彻"),
    # the line before ends on a word that cannot end a sentence
    (["本年度我局共", "主动公开政府信息85条。"], "我局共主动公开"),
    (["全年主动公开信息数量为", "85条,其中规范性文件3件。"], "数量为85条"),
    # the figure and its measure word on two lines
    (["全年主动公开政府信息85", "条,其中规范性文件3件。"], "政府信息85条"),
    # a mark inside a sentence ends the line
    (["我局通过政府网站、", "政务微博等渠道主动公开信息85条。"], "网站、政务微博"),
    # a reference cut after 第
    (["根据《条例》第", "三十一条规定,报告如下。"], "第三十一条"),
])
def test_a_break_inside_a_sentence_joins(lines, joined):
    doc = _doc(["二、主动公开政府信息情况", *lines, "三、其他"])
    assert joined in doc.text
    # one sentence, every character mapped back to the text as loaded
    sents = [s.text for s in segment(doc).sentences]
    assert any(joined in s and s.endswith("。") for s in sents)
    for i, ch in enumerate(doc.text):
        assert doc.raw_text[doc.raw_offsets[i]] == ch
    for b in doc.blocks:
        assert b.text == doc.text[b.start:b.end]


@pytest.mark.parametrize("lines", [
    # list lines without numbering
    ["一是加强组织领导,明确责任分工", "二是完善工作制度,规范公开流程"],
    # a short heading without punctuation, then body text
    ["组织领导", "我局高度重视政府信息公开工作,成立了领导小组。"],
    ["主动公开情况", "全年主动公开政府信息120条。"],
    # a numbered heading (its title may hold a comma), then body text
    ["一、概述", "推进政府信息公开是贯彻落实《条例》的重要举措,是深入推行政务公开的要求。"],
    ["(一)权力配置公开规范化,履职边界更清晰", "清单动态更新:严格对标区级要求,动态优化权责清单。"],
    # a sentence and a heading on one line, then the section's body
    ["联系电话:12345。 四、行政复议和诉讼情况", "目前,暂无申请行政复议、提起行政诉讼。"],
    # cells one per line, a score table's cells
    ["主动公开", "政府信息", "条", "120"],
    ["是否详细列明了标题、正文、文号、成文日期、发布日期、有效性等", "1.00"],
    ["三级指标 , 四级指标 , 五级指标 , 备注 ,,", "是否公开随机抽查结果和查处情况(0.5-2分) , 公开随机"],
    # titles, signatures and dates
    ["某县人民政府办公室", "2020年政府信息公开工作年度报告"],
    ["某县人民政府办公室", "2021年1月20日"],
    ["府信息主动公开情况,依申请公开情况,公开费用及收费减免情况,", "概述"],
    # a notice's addressees without their colon, then its body
    ["各县、市、区人民政府办公室,市直有关单位", "现将《2019年度政府网站考评方案》印发给你们,请认真贯彻执行。"],
    # fields of a page
    ["主题分类: 市场监管、安全生产监管", "组配分类: 信息公开年报"],
    ["镇、街道:金泽镇、华新镇", "区级部门:区市场监管局、区经委、区城管执法局"],
    ["泾县教育体育局2025年政府信息公开工作年度报(bào)告", "发(fā)布时(shí)间:2026-01-09 10:12"],
    # a sentence ended without its full stop, then a line of a page's menu
    ["保证制度性内容长期公开,经常性工作及时公开,动态新工作随时公开", "办公厅室讲话"],
    # a complete sentence without its full stop, then the next sentence
    ["2020年,我局主动公开政府信息120条", "我局收到政府信息公开申请5件。"],
    # two figures on two lines; a figure and a word that only opens with a measure word
    ["全年主动公开政府信息,其中文件12", "35条。"],
    ["全年共收到政府信息公开申请5", "本年度均已按时答复,无行政复议。"],
])
def test_breaks_that_end_a_unit_are_kept(lines):
    doc = _doc(lines)
    assert doc.text.count("\n") == doc.raw_text.count("\n")
    assert len(doc.blocks) == len(lines)


def test_a_heading_without_punctuation_gives_no_figure_of_the_next_line(tmp_path):
    # the heading is no label of the body's figure, and the body's own figure stays
    path = tmp_path / "nongyeju-2020.txt"
    path.write_text("\n".join([_TITLE, "依申请公开情况", "全年主动公开政府信息120条。"]) + "\n",
                    encoding="utf-8")
    rec = extract(str(path), with_text=True)
    assert "applications.received" not in rec["values"]
    assert rec["values"].get("proactive.total") == 120
