"""The "figures not read" view (extractor.unread, `zwgk show --unread`): spaCy's Matcher over
the jieba tokens finds every number with a measure word; those no fact, table cell, score item
or warning covers are listed."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractor.pipeline import extract_document, load_and_normalize
from extractor.unread import covered_spans, find_quantities, load_config, unread

ROOT = Path(__file__).resolve().parents[1]

REPORT = """某县教育局2020年政府信息公开工作年度报告
一、总体情况
2020年，我局主动公开政府信息1234条，其中通过政府网站公开567条。
我局微信公众号关注用户达938人，全年共接待来访群众三十二人次。
根据《条例》第3条，2021年3月31日前完成，办结率98.5%。
"""


@pytest.mark.parametrize("ex", load_config()["examples"], ids=lambda e: e["text"][:16])
def test_pattern_file_examples(ex):
    assert [q.text for q in find_quantities(ex["text"])] == ex["find"]


def test_offsets_point_into_the_text():
    text = "前言\n全年主动公开信息1,234条；另有\n办结两件。"
    qs = find_quantities(text)
    assert [q.text for q in qs] == ["1,234条", "两件"]
    for q in qs:
        assert text[q.start:q.end] == q.text


def test_read_figures_are_not_listed_and_unread_ones_are(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    doc = load_and_normalize(str(f))
    rec = extract_document(doc)
    assert rec["values"].get("proactive.total") == 1234          # read by the rules
    left = {q.text for q in unread(rec, doc.text)}
    assert "1234条" not in left and "567条" not in left          # covered by their facts
    assert {"938人", "三十二人次"} <= left                        # no canonical key: left behind
    assert not left & {"3条", "98.5%"}                           # an article number, a rate
    # every covered span is a fact's/warning's offset, and nothing listed overlaps one
    spans = covered_spans(rec)
    for q in unread(rec, doc.text):
        assert all(b <= q.start or a >= q.end for a, b in spans)


def test_show_unread_from_the_command_line(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    r = subprocess.run([sys.executable, str(ROOT / "cli.py"), "show", str(f), "--unread", "--color", "never"],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    part = r.stdout.split("Figures not read", 1)[1]
    assert "938人" in part and "[938人]" in part and "1234条" not in part


def test_show_unread_without_text_says_so(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "extract", str(f), "-o", str(out)],
                   capture_output=True, text=True, cwd=ROOT, timeout=300, check=True)
    res = next(p for p in out.rglob("*.json") if p.name != "manifest.jsonl")
    r = subprocess.run([sys.executable, str(ROOT / "cli.py"), "show", str(res), "--unread", "--color", "never"],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "extracted text is not available" in r.stdout


def test_review_site_marks_unread_figures(tmp_path):
    import html as H
    import re

    from extractor.review.site import build_site

    f = tmp_path / "in" / "r.txt"
    f.parent.mkdir()
    f.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "out"
    subprocess.run([sys.executable, str(ROOT / "cli.py"), "extract", str(f.parent), "-o", str(out), "--emit-text"],
                   capture_output=True, text=True, cwd=ROOT, timeout=300, check=True)
    build_site(out, tmp_path / "site", unread=True)
    page = next((tmp_path / "site" / "docs").rglob("*.html")).read_text(encoding="utf-8")
    marked = [H.unescape(m) for m in re.findall(r'<mark class="unread" data-unread="\d+"[^>]*>([^<]*)</mark>', page)]
    assert "938人" in marked and "三十二人次" in marked
    assert "1234条" not in marked
    # the read figure is still its fact's mark
    assert re.search(r'<mark data-key="proactive.total"[^>]*>[^<]*1234条', page)
    # without the option nothing is marked unread
    build_site(out, tmp_path / "site2")
    page2 = next((tmp_path / "site2" / "docs").rglob("*.html")).read_text(encoding="utf-8")
    assert 'class="unread"' not in page2
