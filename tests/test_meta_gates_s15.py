"""The metadata stage's literal gates (issue 11, session 15 S8): each skips a search that
cannot match, and must change no reading. Checked against the searches run without the gate on
every text of the annotated batches (tests/real/b*/*.txt, as loaded and normalised by
load_and_normalize would differ only in spacing: the gates' literals are Han words), and on
constructed texts; and each must skip where its literals are missing (counted), so a gate
that never skips fails too.

- agency: ``body_year_figure`` and ``application_subject`` are searched only where their tail
  (the year + 年 + the verb; the verb + the application noun), which ends every match, is found;
- agency.page_field: only where the head holds one of the field's labels;
- metadata._template's cues: a one-literal cue as a substring, another only where the flat text
  holds one of each of its required literal sets (``_cue_in``);
- metadata._rectification_table_first: the zone's lines only when the zone holds a problem word;
- agency.box_agency: a table's grid only when one of its cells is a publisher label;
- metadata_year._year: the clause years counted only when a source asks for them.
"""
from pathlib import Path

import pytest
import regex

from extractor import agency, metadata, metadata_year
from extractor.metadata_base import compact, cues
from extractor.model import Block, Document, Source, Table

REAL = Path(__file__).resolve().parent / "real"


@pytest.fixture(scope="module")
def texts():
    out = [p.read_text(encoding="utf-8") for p in sorted(REAL.glob("b*/*.txt"))]
    assert len(out) > 900
    return out


def test_the_gated_patterns_end_with_their_tails():
    for rx, tail in (agency._body_year_figure_rx(), agency._application_subject_rx()):
        assert rx.pattern.endswith(tail.pattern)


def test_tail_gates_change_no_match(texts):
    skipped = {"body_year_figure": 0, "application_subject": 0}
    for text in texts:
        for name, (rx, tail), s in (("body_year_figure", agency._body_year_figure_rx(), text[:3000]),
                                    ("application_subject", agency._application_subject_rx(), text)):
            if tail.search(s) is None:
                skipped[name] += 1
                assert rx.search(s) is None, name
    # the gates skip most texts: the tails are rare
    assert skipped["body_year_figure"] > len(texts) // 2
    assert skipped["application_subject"] > len(texts) // 4


def test_tail_gate_readings():
    # (the examples of patterns/metadata.yaml: a subject read, several subjects none)
    assert agency.application_subject("一年来,某某县人民政府办公室共受理政府信息公开申请12件,均已按时答复。") == "某某县人民政府办公室"
    assert agency.application_subject("市公安局受理政府信息公开申请12件,市自然资源局受理政府信息公开申请8件。") is None
    assert agency.application_subject("某某县人民政府办公室共受理12件。") is None   # no tail: not searched
    assert agency._sentence_agency("县招投标局2018年全年主动公开政府信息302条。") == "县招投标局"


def _page_field_ungated(text, field):
    rx = metadata.compiled()["page_field"][field]
    return [m.group(0) for m in rx.finditer(text[: cues()["page_fields"]["head_chars"]])]


def test_page_field_gate_changes_no_match(texts):
    skipped = 0
    for text in texts:
        head = text[: cues()["page_fields"]["head_chars"]]
        for field in ("agency", "date", "number"):
            if not agency.may_match(head, agency._page_field_needs(field)):
                skipped += 1
                assert _page_field_ungated(text, field) == []
                assert agency.page_field(text, field) is None
    assert skipped > len(texts)
    assert agency.page_field("标题:某报告\n发布机构:平潭县卫生局\n", "agency") == "平潭县卫生局"
    assert agency.page_field("[ 发布日期 ] 2020-01-10\n", "date") == "2020-01-10"


def test_template_cue_gate_changes_no_match(texts):
    t = cues()["template"]
    pats = list(t["free"]) + [p for era in ("gb2021", "gb2019", "old") for k in ("labels", "citations", "sections")
                              for p in t[era].get(k, [])]
    skipped = found = 0
    for text in texts[::3]:
        flat = compact(text)
        for p in pats:
            hit = metadata._cue_in(flat, p)
            assert hit == (regex.search(p, flat) is not None), p
            found += hit
            skipped += metadata._CUE_NEEDS[p][1] is not None and not metadata.may_match(flat, metadata._CUE_NEEDS[p][1])
    assert skipped > 0 and found > 0
    # one literal is looked for as a substring; the 学年 cue is a pattern
    assert metadata._CUE_NEEDS["\\[2021\\]30号"][0] == "[2021]30号"
    assert metadata._CUE_NEEDS[t["free"][1]][0] is None
    assert metadata._template("annual_report", "2018-2019学年 某某大学信息公开年度报告", 2019) == "free"


def test_annual_hallmark_cues_read_as_searched(texts):
    h = cues()["annual_hallmarks"]
    numbered, sub = r"[一二三四五六七八九十]{1,2}[、.．]\s*", r"[(（][一二三四五六七八九十]{1,2}[)）]\s*"
    for text in texts[::3]:
        flat, head = compact(text), text[: h["head_chars"]]
        for where, pats in ((head, h["opening"]), (flat, h["tables"]), (text, [numbered + p for p in h["sections"]]),
                            (text, [sub + p for p in h["overview_sections"]])):
            for p in pats:
                assert metadata._cue_in(where, p) == (regex.search(p, where) is not None), p


def _rectification_ungated(body):
    h = cues()["kind_rectification_table"]
    score = cues()["assessment_header"]["score"]
    for line in body[: h["header_chars"]].split("\n"):
        row = compact(line)
        if "。" in row:
            return False
        if any(w in row for w in h["problem"]) and any(w in row for w in h["rectification"]):
            return not any(w in row for w in score)
    return False


def test_rectification_gate_changes_no_reading(texts):
    for text in texts:
        assert metadata._rectification_table_first(text) == _rectification_ungated(text)
    for ex in cues()["kind_rectification_table_examples"]:
        assert metadata._rectification_table_first(ex["text"]) == _rectification_ungated(ex["text"])
    # a problem word broken over two lines is no header cell in either
    assert metadata._rectification_table_first("问题\n明细 | 整改结果") is False


def _doc_with_box(rows):
    table = Table.from_rows(rows)
    text = "\n".join(" | ".join(r) for r in rows)
    for c in table.cells:
        c.start = text.find(c.text)
        c.end = c.start + len(c.text)
    return Document(Source("x.html"), [Block("table", text, table=table, start=0, end=len(text))], text)


def test_box_agency_reads_only_a_table_holding_a_label():
    assert agency.box_agency(_doc_with_box([["索引号", "公开方式", "发布机构"],
                                            ["000-2020", "主动公开", "凉州区张义镇人民政府"]])) == "凉州区张义镇人民政府"
    assert agency.box_agency(_doc_with_box([["发布机构:", "平潭县卫生局"]])) == "平潭县卫生局"
    assert agency.box_agency(_doc_with_box([["索引号", "公开方式"], ["000-2020", "平潭县卫生局"]])) is None


def test_clause_years_counted_only_when_asked(monkeypatch):
    calls = []
    real = metadata_year._clause_years
    monkeypatch.setattr(metadata_year, "_clause_years", lambda text: calls.append(1) or real(text))
    # a statistics period decides: the clauses are not read
    assert metadata_year._year(None, "统计期限自2019年1月1日起至2019年12月31日止。2018年,我局…", "annual_report", None) == 2019
    assert calls == []
    # an intro year inside a cited document's title: the clauses' years (2023) outvote it
    text = "制发《2022年政务公开工作实施方案的通知》。\n2023年,我办认真落实。2023年,我办共公开信息。"
    assert metadata_year._year(None, text, "annual_report", None) == 2023
    assert calls == [1]
