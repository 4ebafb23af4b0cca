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


# ------------------------------------------------------------------ content sniffing

from pathlib import Path
import shutil

from extractor.batch import discover
from extractor.model import ExtractError

FIX = Path(__file__).resolve().parent / "fixtures"


def _facts(result) -> list[tuple]:
    return sorted((f["key"], f["value"]) for f in result["facts"])


def test_pdf_named_txt_is_read_as_pdf(tmp_path):
    src = FIX / "pdf" / "cross_page.pdf"
    f = tmp_path / "report.txt"
    shutil.copyfile(src, f)
    r = extract(f)
    assert r["source"]["format"] == "pdf"
    assert "extension_mismatch" in codes(r)
    assert _facts(r) == _facts(extract(src))
    assert _facts(r)


def test_html_named_pdf_is_read_as_html(tmp_path):
    f = tmp_path / "report.pdf"
    f.write_text(_page("utf-8"), encoding="utf-8")
    r = extract(f)
    assert r["source"]["format"] == "html"
    assert "extension_mismatch" in codes(r)
    assert values(r).get("applications.received") == 35


def test_docx_named_txt_is_read_as_docx(tmp_path):
    src = FIX / "docx" / "merged.docx"
    f = tmp_path / "report.txt"
    shutil.copyfile(src, f)
    doc = load_document(f)
    assert doc.source.format == "docx"
    assert [w.code for w in doc.warnings][:1] == ["extension_mismatch"]
    assert [b.text for b in doc.blocks] == [b.text for b in load_document(src).blocks]


def test_docx_named_doc_is_read_as_docx(tmp_path):
    src = FIX / "docx" / "merged.docx"
    f = tmp_path / "report.doc"
    shutil.copyfile(src, f)
    doc = load_document(f)
    assert [b.text for b in doc.blocks] == [b.text for b in load_document(src).blocks]


def test_truncated_docx_is_reported_as_damaged(tmp_path):
    data = (FIX / "docx" / "merged.docx").read_bytes()
    f = tmp_path / "report.docx"
    f.write_bytes(data[: len(data) // 2])
    with pytest.raises(ExtractError) as e:
        load_document(f)
    assert e.value.code == "malformed"
    assert "truncated" in e.value.message
    assert "old Word" not in e.value.message


def test_plain_text_named_txt_has_no_mismatch(tmp_path):
    f = tmp_path / "report.txt"
    f.write_text("本机关2020年主动公开政府信息120条。\n", encoding="gbk")
    r = extract(f)
    assert "extension_mismatch" not in codes(r)
    assert values(r).get("proactive.total") == 120


NGINX_404 = ("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
             "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")


@pytest.mark.parametrize("page", [
    NGINX_404,
    '<html><head><meta charset="utf-8"></head><body><div class="err"><h2>您访问的页面不存在或已被删除！</h2>'
    '<a href="/">返回首页</a></div></body></html>',
])
def test_error_page_gets_no_report_content(tmp_path, page):
    f = tmp_path / "report.html"
    f.write_text(page, encoding="utf-8")
    r = extract(f)
    assert "no_report_content" in codes(r)
    assert not r["facts"]


def test_short_report_page_is_report_content(tmp_path):
    f = tmp_path / "report.html"
    f.write_text(_page("utf-8"), encoding="utf-8")
    assert "no_report_content" not in codes(extract(f))


def test_discover_skips_lock_and_temp_files(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for name in ("report.docx", "~$report.docx", ".~lock.report.docx#", "._report.docx", "~WRL0001.tmp",
                 "notes.txt", "notes.txt~"):
        (d / name).write_bytes(b"x")
    found = sorted(Path(i.path).name for i in discover([str(d)]))
    assert found == ["notes.txt", "report.docx"]


def test_word97_file_named_docx_is_read_by_the_office_loader(tmp_path):
    src = FIX / "doc" / "features.doc"
    f = tmp_path / "report.docx"
    shutil.copyfile(src, f)
    doc = load_document(f)
    assert doc.source.format == "doc"
    assert "extension_mismatch" in [w.code for w in doc.warnings]
    assert [b.text for b in doc.blocks] == [b.text for b in load_document(src).blocks]


def test_a_cut_the_parser_still_makes_is_reported(tmp_path, monkeypatch):
    from lxml import etree

    import extractor.load.html as html_loader

    # a parser with libxml2's default limits stands for any limit that still cuts a page
    monkeypatch.setattr(html_loader, "_PARSER", etree.HTMLParser())
    page = (f'<html><head><meta charset="utf-8"></head><body>{P1}'
            f'<div>{"A" * 11_000_000}</div>{P2}</body></html>')
    f = tmp_path / "report.html"
    f.write_text(page, encoding="utf-8")
    assert "truncated_input" in codes(extract(f))


def test_gbk_page_declared_utf8_is_read_as_gbk_with_a_warning(tmp_path):
    f = tmp_path / "report.html"
    f.write_bytes(_page("utf-8").encode("gbk"))
    r = extract(f)
    assert values(r).get("applications.received") == 35
    assert "charset_mismatch" in codes(r)
