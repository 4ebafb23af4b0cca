"""The .docx loader: body order, merged cells, nested tables, safety checks."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from extractor.load import load_document
from extractor.model import ExtractError
from extractor.pipeline import load_and_normalize

FIX = Path(__file__).resolve().parent / "fixtures" / "docx"
MERGED = FIX / "merged.docx"


@pytest.fixture(scope="module")
def doc():
    return load_and_normalize(MERGED)


def test_body_order_and_no_header(doc):
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["paragraph"] * 3 + ["table", "table"] + ["paragraph"] * 2
    assert doc.blocks[0].style == "heading"
    assert "页眉" not in doc.text  # headers are not body text
    assert all(b.page is None for b in doc.blocks)
    assert doc.source.format == "docx" and len(doc.source.sha256) == 64


def test_runs_joined_and_deletions_dropped(doc):
    assert "本年共受理政府信息公开申请56件。" in doc.text
    assert "已删除文字" not in doc.text


def test_merged_cells_appear_once_with_spans(doc):
    t = doc.tables()[0].table
    assert (t.n_rows, t.n_cols) == (5, 4)
    by_text = {c.text: c for c in t.cells}
    lead = by_text["组织领导"]
    assert (lead.row, lead.col, lead.rowspan, lead.colspan) == (1, 0, 2, 1)
    total = by_text["合计"]
    assert (total.row, total.col, total.rowspan, total.colspan) == (3, 0, 1, 2)
    note = by_text["此行“备注”后两格横向合并再与前一格分开"]
    assert (note.row, note.col, note.colspan) == (4, 1, 3)
    assert sum(1 for c in t.cells if c.text == "组织领导") == 1
    g = t.grid()
    assert g[2][0] is lead and g[3][1] is total and g[4][3] is note
    # the row under a merged cell is written without the merged cell
    assert "\n分管领导具体抓 | 5 | 4\n" in doc.tables()[0].text


def test_nested_table_is_its_own_block_after_outer(doc):
    outer, inner = doc.tables()
    assert (inner.table.n_rows, inner.table.n_cols) == (2, 2)
    assert [c.text for c in inner.table.cells] == ["细则", "分值", "听取汇报", "3"]
    assert inner.start > outer.end
    # the outer cell keeps only its own text
    assert outer.table.grid()[1][1].text == "主要负责人亲自抓"


def test_offsets_are_exact(doc):
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
        if b.table:
            for c in b.table.cells:
                assert doc.text[c.start : c.end] == c.text


def test_not_a_zip(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes("这不是Word文件,只是文本。".encode("utf-8") * 20)
    with pytest.raises(ExtractError) as e:
        load_document(p)
    assert e.value.code == "not_docx"


def test_zip_without_word_part(tmp_path):
    p = tmp_path / "x.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ExtractError) as e:
        load_document(p)
    assert e.value.code == "not_docx"


def test_broken_zip(tmp_path):
    p = tmp_path / "x.docx"
    data = MERGED.read_bytes()
    # keep the central directory but damage member data
    broken = bytearray(data)
    for i in range(200, 4000):
        broken[i] = 0
    p.write_bytes(bytes(broken))
    with pytest.raises(ExtractError) as e:
        load_document(p)
    assert e.value.code in ("malformed", "not_docx")


def _rewrite(src: Path, dst: Path, replace: dict[str, bytes]) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = replace.get(info.filename, zin.read(info))
            zout.writestr(info.filename, data)


def test_zip_bomb_refused(tmp_path):
    p = tmp_path / "bomb.docx"
    shutil.copy(MERGED, p)
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/filler.bin", b"\0" * (3 * 1024 * 1024))  # compresses to ~3 KB
    assert p.stat().st_size < 200_000
    with pytest.raises(ExtractError) as e:
        load_document(p, options={"max_unzipped_bytes": 1024 * 1024})
    assert e.value.code == "too_large"
    # under the default limit the same file loads
    assert "组织领导" in load_document(p).text


def test_entity_expansion_refused(tmp_path):
    with zipfile.ZipFile(MERGED) as zf:
        xml = zf.read("word/document.xml")
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    xml = bomb + xml.split(b"?>", 1)[1]
    p = tmp_path / "xxe.docx"
    _rewrite(MERGED, p, {"word/document.xml": xml})
    with pytest.raises(ExtractError) as e:
        load_document(p)
    assert e.value.code == "malformed"


# --------------------------------------------------------------------------- parts read
# The loader reads the package index as python-docx does but unpacks and parses only the
# main document, and styles.xml only when the body names a paragraph style (issue 11).


def _body_without_styles(src: Path, dst: Path) -> None:
    with zipfile.ZipFile(src) as zf:
        xml = zf.read("word/document.xml")
    _rewrite(src, dst, {"word/document.xml": xml.replace(b'<w:pStyle w:val="Heading1"/>', b"")})


def test_styles_parsed_only_when_the_body_names_a_style(tmp_path, monkeypatch):
    from extractor.load import docx_package

    calls = []
    real = docx_package.parse_part

    def parse(xml):
        root = real(xml)
        if root.tag.endswith("}styles"):
            calls.append(len(xml))
        return root

    monkeypatch.setattr(docx_package, "parse_part", parse)
    styled = load_document(MERGED)
    assert styled.blocks[0].style == "heading" and len(calls) == 1  # styles.xml, once
    calls.clear()
    p = tmp_path / "plain.docx"
    _body_without_styles(MERGED, p)
    plain = load_document(p)
    assert calls == [] and plain.text == styled.text
    assert [b.style for b in plain.blocks] == [None] * len(plain.blocks)


def test_heading_styles_are_python_docxs(tmp_path):
    """The heading style ids are those python-docx's own ``Document.styles`` names, also when
    the package has no styles part (python-docx's default styles then)."""
    import docx

    from extractor.load.docx import _heading_style_ids, _open_package

    no_styles = tmp_path / "nostyles.docx"
    with zipfile.ZipFile(MERGED) as zf:
        rels = zf.read("word/_rels/document.xml.rels")
    import re

    rels = re.sub(rb'<Relationship [^>]*relationships/styles"[^>]*/>', b"", rels)
    assert b"relationships/styles\"" not in rels
    _rewrite(MERGED, no_styles, {"word/_rels/document.xml.rels": rels})
    for f in (MERGED, no_styles):
        with zipfile.ZipFile(f) as zf:
            body, ids = _open_package(f, zf)
        document = docx.Document(str(f))
        assert ids == _heading_style_ids(lambda: document.styles)
        assert ("Heading1" in ids) == (f == MERGED)  # python-docx's defaults name no Heading1
        assert len(body) == len(document.element.body)
        assert load_document(f).blocks[0].style == ("heading" if f == MERGED else None)


def test_a_damaged_part_the_loader_does_not_read_costs_nothing(tmp_path):
    for name in ("word/settings.xml", "docProps/core.xml", "word/numbering.xml"):
        p = tmp_path / "damaged.docx"
        _rewrite(MERGED, p, {name: b"<w:settings"})  # not well-formed
        d = load_document(p)
        assert d.text == load_document(MERGED).text, name
        assert [w.code for w in d.warnings] == [], name


def test_a_damaged_main_document_is_still_refused(tmp_path):
    p = tmp_path / "x.docx"
    _rewrite(MERGED, p, {"word/document.xml": b"<w:document"})
    with pytest.raises(ExtractError) as e:
        load_document(p)
    assert e.value.code == "malformed"


def test_a_missing_part_still_goes_through_the_repair(tmp_path):
    """A part the package index names but the zip lacks: python-docx's KeyError, as before
    (the text comes from word/document.xml, with a warning)."""
    p = tmp_path / "x.docx"
    with zipfile.ZipFile(MERGED) as zin, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "word/settings.xml":
                zout.writestr(info.filename, zin.read(info))
    d = load_document(p)
    assert "docx_repaired" in [w.code for w in d.warnings]
    assert d.text == load_document(MERGED).text
