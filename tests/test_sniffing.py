"""Inputs that lie (issue 12, loader part): oversized html nodes, charsets that lie,
file types that lie about their extension, lock/temp files, pages without a report."""
from __future__ import annotations

import base64
import os

import pytest

from extractor import extract
from extractor.load import load_document

P1 = "<p>本机关2020年主动公开政府信息120条。</p>"
P2 = "<p>收到政府信息公开申请35件。</p>"


def values(result) -> dict:
    return {f["key"]: f["value"] for f in result["facts"]}


def codes(result) -> list[str]:
    return [w["code"] for w in result["warnings"]]


def test_html_with_12mb_data_uri_image_keeps_text_after_it(tmp_path):
    img = base64.b64encode(os.urandom(9 * 1024 * 1024)).decode()  # 12 MB of base64
    page = (f'<html><head><meta charset="utf-8"></head><body>{P1}'
            f'<img src="data:image/png;base64,{img}">{P2}</body></html>')
    f = tmp_path / "report.html"
    f.write_text(page, encoding="utf-8")
    v = values(extract(f))
    assert v.get("proactive.total") == 120
    assert v.get("applications.received") == 35


def test_html_with_11mb_text_node_keeps_text_after_it(tmp_path):
    page = (f'<html><head><meta charset="utf-8"></head><body>{P1}'
            f'<div style="x">{"A" * 11_000_000}</div>{P2}</body></html>')
    f = tmp_path / "report.html"
    f.write_text(page, encoding="utf-8")
    r = extract(f)
    v = values(r)
    assert v.get("proactive.total") == 120
    assert v.get("applications.received") == 35
    assert "truncated_input" not in codes(r)


BODY = "<h1>某县人民政府2020年政府信息公开工作年度报告</h1>" + P1 + P2


def _page(charset: str) -> str:
    return f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"></head><body>{BODY}</body></html>'


@pytest.mark.parametrize("declared", ["iso-8859-1", "koi8-r", "utf-16", "windows-1252"])
@pytest.mark.parametrize("real", ["gbk", "utf-8"])
def test_html_meta_charset_that_lies_is_overruled_with_a_warning(tmp_path, declared, real):
    f = tmp_path / "report.html"
    f.write_bytes(_page(declared).encode(real))
    r = extract(f)
    v = values(r)
    assert v.get("proactive.total") == 120
    assert v.get("applications.received") == 35
    assert "charset_mismatch" in codes(r)


def test_gbk_page_behind_a_utf8_bom(tmp_path):
    f = tmp_path / "report.html"
    f.write_bytes(b"\xef\xbb\xbf" + _page("gbk").encode("gbk"))
    r = extract(f)
    assert values(r).get("applications.received") == 35
    assert "charset_mismatch" in codes(r)


@pytest.mark.parametrize("charset,real", [("gbk", "gbk"), ("utf-8", "utf-8"), ("gb2312", "gbk"), ("GB18030", "gb18030")])
def test_html_meta_charset_that_tells_the_truth_gives_no_warning(tmp_path, charset, real):
    f = tmp_path / "report.html"
    f.write_bytes(_page(charset).encode(real))
    r = extract(f)
    assert values(r).get("applications.received") == 35
    assert "charset_mismatch" not in codes(r)


def test_big5_page_declared_big5_is_read_as_big5(tmp_path):
    title = "某縣人民政府2020年政府資訊公開工作年度報告"
    f = tmp_path / "report.html"
    f.write_bytes(f'<html><head><meta charset="big5"></head><body><h1>{title}</h1><p>本機關主動公開政府資訊。</p></body></html>'.encode("big5"))
    doc = load_document(f)
    assert doc.source.encoding == "big5"
    assert title in " ".join(b.text for b in doc.blocks if b.text)
    assert "charset_mismatch" not in [w.code for w in doc.warnings]
