""".doc / .wps / .rtf without LibreOffice: the built-in readers against the .docx loader.

The fixtures in tests/fixtures/doc are LibreOffice renderings of .docx files (see its
README); the built-in path (``office_reader="builtin"``) must give the same text,
tables and values as the .docx they came from. Hostile inputs give an error record.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from extractor.load import load_document, office
from extractor.model import ExtractError
from extractor.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "doc"
CORPUS = ROOT / "corpus"
BUILTIN = {"office_reader": "builtin"}

SOURCES = {
    "a52_yunze-renshe-2019": CORPUS / "a52_yunze-renshe-2019.docx",
    "s51_yunze-zirangui-2019-zicha": CORPUS / "s51_yunze-zirangui-2019-zicha.docx",
    "features": FIX / "features.docx",
}
REPORTS = ["a52_yunze-renshe-2019", "s51_yunze-zirangui-2019-zicha"]


def _blocks(doc) -> list:
    out = []
    for b in doc.blocks:
        t = b.table
        cells = None if t is None else (t.n_rows, t.n_cols, [(c.row, c.col, c.rowspan, c.colspan, c.text) for c in t.cells])
        out.append((b.kind, b.text, cells))
    return out


def _result(out: dict) -> dict:
    return {k: out.get(k) for k in ("values", "facts", "document", "score_tables", "conflicts")}


def _note(out_or_doc) -> str:
    warnings = out_or_doc["warnings"] if isinstance(out_or_doc, dict) else [w.to_dict() for w in out_or_doc.warnings]
    notes = [w["message"] for w in warnings if w["code"] == "office_reader"]
    assert len(notes) == 1, warnings
    return notes[0]


@pytest.fixture
def no_libreoffice(monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda name: None)


# --------------------------------------------------------------------------- same as .docx
@pytest.mark.parametrize("ext", [".doc", ".rtf"])
@pytest.mark.parametrize("stem", sorted(SOURCES))
def test_builtin_reader_gives_the_docx_blocks(stem, ext):
    doc = load_document(FIX / (stem + ext), options=BUILTIN)
    ref = load_document(SOURCES[stem])
    assert doc.tables(), "the fixture has tables"
    assert _blocks(doc) == _blocks(ref)
    assert doc.text == ref.text
    assert doc.source.format == ext[1:]
    assert "built-in" in _note(doc)


@pytest.mark.parametrize("ext", [".doc", ".rtf"])
@pytest.mark.parametrize("stem", REPORTS)
def test_builtin_path_gives_the_docx_values(stem, ext):
    out = extract(FIX / (stem + ext), office_reader="builtin")
    ref = extract(SOURCES[stem])
    assert not out.get("errors"), out.get("errors")
    assert len(out["values"]) >= 10
    assert _result(out) == _result(ref)


def test_features_doc_reads_what_word_shows():
    """Revisions, fields, symbols, merges, nested and wide tables, read from the .doc itself."""
    for ext in (".doc", ".rtf"):
        doc = load_document(FIX / ("features" + ext), options=BUILTIN)
        text = doc.text
        assert "全年主动公开政府信息126条" in text  # the deleted "118" is gone, the inserted figure kept
        assert "云泽市人民政府门户网站下载" in text and "HYPERLINK" not in text  # field result only
        assert "页眉" not in text and "页脚" not in text  # headers/footers are not the body
        assert "已建立保密审查制度；" in text  # the Wingdings tick is no character
        assert "联系人：张某\n电话： 0571-12345678" in text  # line break and tab
        tables = [b.table for b in doc.tables()]
        first = {(c.row, c.col): c for c in tables[0].cells}
        assert first[(0, 0)].text == "信息内容 （单位：件）"  # a cell of two paragraphs
        assert first[(3, 0)].colspan == 3 and first[(3, 3)].text == "30"
        review = {(c.row, c.col): c for c in tables[1].cells}
        assert review[(1, 0)].text == "结果" and review[(1, 0)].rowspan == 2
        # the layout table keeps its own text; the nested table follows it as a table
        assert [[c.text for c in r] for r in tables[2].rows()] == [["附表", "数据截至12月31日"]]
        assert [[c.text for c in r] for r in tables[3].rows()] == [["培训次数", "4"], ["培训人次", "120"]]
        wide = tables[4]
        assert wide.n_cols == 25 and wide.n_rows == 3
        months = [c for c in wide.cells if c.row == 0 and c.text.endswith("月")]
        assert len(months) == 12 and all(c.colspan == 2 for c in months)


# --------------------------------------------------------------------------- Word-style RTF
def _gbk(s: str) -> str:
    """Chinese as Word writes it in an \\ansicpg936 file: \\'xx byte pairs."""
    return "".join(c if ord(c) < 128 else "".join(f"\\'{b:02x}" for b in c.encode("gbk")) for c in s)


def _uni(s: str) -> str:
    """Chinese as \\uN followed by its two-byte GBK fallback (\\uc2)."""
    out = []
    for c in s:
        if ord(c) < 128:
            out.append(c)
        else:
            n = ord(c) if ord(c) < 32768 else ord(c) - 65536
            out.append(f"\\u{n}" + "".join(f"\\'{b:02x}" for b in c.encode("gbk")))
    return "".join(out)


def _word_row(cells: list[str], edges: list[int], merge: dict[int, str] | None = None) -> str:
    """A row as Word 2003 writes it: definition, cells, and the definition again with \\row."""
    merge = merge or {}
    defs = "".join(f"{merge.get(i, '')}\\clvertalc\\clbrdrt\\brdrs\\brdrw10 \\cellx{e}" for i, e in enumerate(edges))
    trowd = f"\\trowd \\irow0\\irowband0\\ts11\\trgaph108\\trleft-108\\trftsWidth1 {defs}"
    body = "".join(
        f"\\pard\\plain \\qc \\li0\\ri0\\intbl\\aspalpha\\aspnum\\faauto\\adjustright\\rin0\\lin0 "
        f"{{\\loch\\af13\\hich\\af13\\dbch\\f13 {c}}}\\cell " for c in cells)
    return trowd + body + f"\\pard\\plain \\intbl {{{trowd}\\row }}\n"


def _word_rtf() -> str:
    e4 = [1500, 3500, 5500, 7500]
    e3 = [2500, 5000, 7500]
    return (
        "{\\rtf1\\adeflang1025\\ansi\\ansicpg936\\uc2\\adeff0\\deff0\\stshfdbch13\\deflang1033\\deflangfe2052"
        "{\\fonttbl{\\f0\\froman\\fcharset0\\fprq2 Times New Roman;}"
        "{\\f13\\fnil\\fcharset134\\fprq2 " + _gbk("宋体") + "{\\*\\falt SimSun};}}\n"
        "{\\*\\generator Microsoft Word 11.0.5604;}{\\info{\\title " + _gbk("年度报告") + "}{\\author admin}}\n"
        "{\\header \\pard\\plain " + _gbk("页眉文字") + "\\par}\n"
        "\\pard\\plain \\qc \\f13\\fs32 " + _gbk("云泽市统计局2019年政府信息公开工作年度报告") + "\\par\n"
        "\\pard\\plain \\f13 " + _uni("二、主动公开政府信息情况") + "\\par\n"
        + _word_row([_gbk("第二十条第（一）项")], [7500])
        + _word_row([_gbk("信息内容"), _gbk("本年新制作数量"), _gbk("本年新公开数量"), _gbk("对外公开总数量")], e4)
        + _word_row([_gbk("规章"), "3", "2", "15"], e4)
        + _word_row([_uni("规范性文件"), "12", "10", "88"], e4)
        + "\\pard\\plain \\f13 " + _gbk("四、政府信息公开行政复议、行政诉讼情况") + "\\par\n"
        + _word_row([_gbk("行政复议"), _gbk("维持"), _gbk("纠正")], e3)
        + _word_row([_gbk("结果"), "1", "0"], e3, {0: "\\clvmgf"})
        + _word_row(["", "2", "1"], e3, {0: "\\clvmrg"})
        + "\\pard\\plain \\f13 " + _gbk("五、存在的主要问题及改进情况") + "\\par}"
    )


def test_word_style_rtf_with_gbk_escapes_and_merges(tmp_path):
    p = tmp_path / "report.rtf"
    p.write_text(_word_rtf(), encoding="ascii")
    doc = load_document(p, options=BUILTIN)
    assert doc.text.startswith("云泽市统计局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n")
    assert "页眉" not in doc.text and "admin" not in doc.text
    t1, t2 = (b.table for b in doc.tables())
    assert [[c.text for c in r] for r in t1.rows()][1:] == [
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "3", "2", "15"],
        ["规范性文件", "12", "10", "88"],
    ]
    assert t1.cells[0].colspan == 4  # the title row spans the grid
    merged = [c for c in t2.cells if c.text == "结果"]
    assert merged and merged[0].rowspan == 2 and t2.n_rows == 3
    out = extract(p, office_reader="builtin")
    assert out["document"]["template"] == "gb2019" and out["document"]["year"] == 2019
    v = out["values"]
    assert (v["rules.issued"], v["rules.published"], v["rules.public_total"]) == (3, 2, 15)
    assert (v["normative.issued"], v["normative.published"], v["normative.public_total"]) == (12, 10, 88)


def test_rtf_deleted_revision_and_list_numbers(tmp_path):
    p = tmp_path / "r.rtf"
    p.write_text(
        "{\\rtf1\\ansi\\ansicpg936 {\\fonttbl{\\f0\\fcharset134 SimSun;}}"
        "{\\listtext\\f0 1.\\tab}\\pard " + _gbk("全年受理申请") + "{\\deleted 35}{\\revised 36}" + _gbk("件。") + "\\par}",
        encoding="ascii",
    )
    assert load_document(p, options=BUILTIN).text == "全年受理申请36件。\n"


def test_rtf_with_raw_gbk_bytes(tmp_path):
    """Some Chinese writers put GBK bytes into the RTF unescaped: decoded with the code page."""
    p = tmp_path / "raw.rtf"
    text = "政府信息公開：主動公開規範性文件12件，發佈條目36條"
    body = text.encode("gbk")
    assert b"\xe9_" in body and b"\xb0l" in body  # 開, 發: ASCII trail bytes
    p.write_bytes(b"{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset134 SimSun;}}\\f0 " + body + b"\\par}")
    assert load_document(p, options=BUILTIN).text == text + "\n"


# --------------------------------------------------------------------------- dispatch
def test_wps_that_is_a_word97_file(tmp_path):
    p = tmp_path / "报告.wps"
    shutil.copyfile(FIX / "a52_yunze-renshe-2019.doc", p)
    out = extract(p, office_reader="builtin")
    assert out["source"]["format"] == "wps"
    assert _result(out) == _result(extract(SOURCES["a52_yunze-renshe-2019"]))


def test_wps_that_is_a_docx_package(tmp_path, no_libreoffice):
    p = tmp_path / "报告.wps"
    shutil.copyfile(SOURCES["s51_yunze-zirangui-2019-zicha"], p)
    out = extract(p)
    assert not out.get("errors")
    assert ".docx package" in _note(out)
    assert _result(out) == _result(extract(SOURCES["s51_yunze-zirangui-2019-zicha"]))


def test_doc_that_is_a_web_page(tmp_path, no_libreoffice):
    p = tmp_path / "report.doc"
    shutil.copyfile(CORPUS / "a52_yunze-renshe-2019.html", p)
    out = extract(p)
    assert "web page" in _note(out)
    assert out["values"] and out["values"] == extract(CORPUS / "a52_yunze-renshe-2019.html")["values"]


def test_doc_that_is_a_web_archive(tmp_path, no_libreoffice):
    """Word's "single file web page" saved as .doc: MIME, quoted-printable, gb2312."""
    import quopri

    html = (CORPUS / "a52_yunze-renshe-2019.html").read_text(encoding="utf-8")
    part = quopri.encodestring(html.encode("gb18030"))
    boundary = "----=_NextPart_01D5F2A1.6C1B2E40"
    mht = (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"" + boundary.encode() + b"\"\r\n\r\n"
        + "此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n".encode("gb18030")
        + b"--" + boundary.encode() + b"\r\nContent-Location: file:///C:/report.htm\r\n"
        b"Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\r\n"
        + part + b"\r\n--" + boundary.encode() + b"--\r\n"
    )
    p = tmp_path / "report.doc"
    p.write_bytes(mht)
    out = extract(p)
    assert "web archive" in _note(out)
    assert out["values"] and out["values"] == extract(CORPUS / "a52_yunze-renshe-2019.html")["values"]
    p.write_bytes(mht.split(b"--" + boundary.encode())[0])  # the HTML part lost
    assert _codes(p) == ["malformed"]


def test_doc_that_is_rtf(tmp_path):
    p = tmp_path / "report.doc"
    shutil.copyfile(FIX / "s51_yunze-zirangui-2019-zicha.rtf", p)
    out = extract(p, office_reader="builtin")
    assert "RTF" in _note(out)
    assert _result(out) == _result(extract(SOURCES["s51_yunze-zirangui-2019-zicha"]))


def test_auto_without_libreoffice_uses_the_builtin_reader(no_libreoffice):
    out = extract(FIX / "a52_yunze-renshe-2019.doc")
    assert "LibreOffice not found" in _note(out)
    assert out["values"] == extract(SOURCES["a52_yunze-renshe-2019"])["values"]


@pytest.mark.skipif(not office.find_converter(), reason="LibreOffice not installed")
def test_auto_prefers_libreoffice_when_installed():
    out = extract(FIX / "a52_yunze-renshe-2019.doc")
    assert "LibreOffice" in _note(out) and "built-in" not in _note(out)
    assert out["values"] == extract(SOURCES["a52_yunze-renshe-2019"])["values"]


def test_libreoffice_only_without_libreoffice(no_libreoffice):
    errs = extract(FIX / "a52_yunze-renshe-2019.doc", office_reader="libreoffice")["errors"]
    assert errs[0]["code"] == "converter_missing"


# --------------------------------------------------------------------------- hostile inputs
def _codes(path: Path, **options) -> list[str]:
    out = extract(path, **options)
    assert isinstance(out, dict)
    for e in out.get("errors") or []:
        assert e["message"] and "Traceback" not in e["message"]
    return [e["code"] for e in out.get("errors") or []]


def _word_stream_offset(data: bytes) -> int:
    """Byte offset of the WordDocument stream (its FIB) in the fixture file."""
    for off in range(512, len(data), 512):
        if data[off : off + 2] == b"\xec\xa5" and int.from_bytes(data[off + 2 : off + 4], "little") >= 0xC1:
            return off
    raise AssertionError("no FIB found")


def test_random_bytes_named_doc(tmp_path, no_libreoffice):
    rnd = random.Random(7)
    p = tmp_path / "random.doc"
    p.write_bytes(bytes(rnd.randrange(256) for _ in range(5000)))
    assert _codes(p) == ["converter_missing"]
    assert _codes(p, **BUILTIN) == ["unsupported_format"]
    q = tmp_path / "ole.doc"  # an OLE signature and then garbage
    q.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(rnd.randrange(256) for _ in range(5000)))
    assert _codes(q, **BUILTIN) == ["malformed"]


def test_truncated_ole(tmp_path, no_libreoffice):
    data = (FIX / "a52_yunze-renshe-2019.doc").read_bytes()
    p = tmp_path / "cut.doc"
    for cut in (100, 512, 1536, 4096, len(data) // 3, len(data) // 2, len(data) - 512):
        p.write_bytes(data[:cut])
        codes = _codes(p, **BUILTIN)
        assert codes == ["malformed"], (cut, codes)
        auto = extract(p)["errors"]  # without LibreOffice: it might read the file; say so
        assert auto[0]["code"] == "converter_missing" and "LibreOffice" in auto[0]["message"]


def test_encrypted_and_word95_are_named(tmp_path, no_libreoffice):
    data = bytearray((FIX / "s51_yunze-zirangui-2019-zicha.doc").read_bytes())
    fib = _word_stream_offset(data)
    enc = bytearray(data)
    enc[fib + 0x0A] |= 0x00  # low byte of the flags unchanged
    enc[fib + 0x0B] |= 0x01  # fEncrypted
    p = tmp_path / "enc.doc"
    p.write_bytes(bytes(enc))
    assert _codes(p, **BUILTIN) == ["encrypted_doc"]
    assert _codes(p) == ["encrypted_doc"]
    w95 = bytearray(data)
    w95[fib + 2 : fib + 4] = (0x65).to_bytes(2, "little")
    p.write_bytes(bytes(w95))
    assert _codes(p, **BUILTIN) == ["unsupported_format"]
    errs = extract(p)["errors"]
    assert errs[0]["code"] == "converter_missing" and "Word 6/95" in errs[0]["message"]


def test_damaged_fib_fields(tmp_path):
    data = bytes((FIX / "s51_yunze-zirangui-2019-zicha.doc").read_bytes())
    fib = _word_stream_offset(data)
    p = tmp_path / "d.doc"
    fclcb = fib + 154  # FibRgFcLcb97 of a Word 97+ FIB (csw 14, cslw 22)
    cases = {
        "ccpText huge": (fib + 64 + 12, b"\xff\xff\xff\x7f"),
        "fcClx past the end": (fclcb + 33 * 8, b"\xff\xff\xff\x00"),
        "lcbClx huge": (fclcb + 33 * 8 + 4, b"\xff\xff\xff\x00"),
        "lcbClx odd": (fclcb + 33 * 8 + 4, b"\x07\x00\x00\x00"),
        "papx table past the end": (fclcb + 13 * 8, b"\xff\xff\xff\x00"),
        "chpx table size odd": (fclcb + 12 * 8 + 4, b"\x0d\x00\x00\x00"),
        "cslw zero": (fib + 62, b"\x00\x00"),
    }
    for name, (off, patch) in cases.items():
        bad = data[:off] + patch + data[off + len(patch) :]
        p.write_bytes(bad)
        try:
            doc = load_document(p, options=BUILTIN)
        except ExtractError as e:
            assert e.code == "malformed", (name, e.code, e.message)
        else:  # read anyway: the document is still consistent
            for b in doc.blocks:
                assert doc.text[b.start : b.end] == b.text, name


def test_mutated_doc_and_rtf_never_crash(tmp_path):
    rnd = random.Random(2024)
    seeds = [FIX / "s51_yunze-zirangui-2019-zicha.doc", FIX / "features.doc", FIX / "features.rtf"]
    allowed = {"malformed", "unsupported_format", "encrypted_doc"}
    for i in range(60):
        seed = seeds[i % len(seeds)]
        data = bytearray(seed.read_bytes())
        if i % 4 == 0:
            data = data[: rnd.randrange(1, len(data))]
        else:
            for _ in range(rnd.choice([1, 4, 16, 64])):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
        p = tmp_path / ("m" + seed.suffix)
        p.write_bytes(bytes(data))
        try:
            doc = load_document(p, options=BUILTIN)
        except ExtractError as e:
            assert e.code in allowed, (i, e.code, e.message)
            assert "cannot parse file" not in e.message, (i, e.message)  # no loader bug behind it
        else:
            for b in doc.blocks:
                assert doc.text[b.start : b.end] == b.text


def test_hostile_rtf(tmp_path):
    cases = {
        "deep groups": "{\\rtf1 " + "{" * 50_000 + "x" + "}" * 50_000,
        "hyperlink bait on one line": "{\\rtf1 " + '{\\field{\\*\\fldinst{HYPERLINK "a ' * 5_000 + "}",
        "endless cells": "{\\rtf1 " + "\\intbl a\\cell " * 20_000 + "\\row}",
        "unicode out of range": "{\\rtf1 \\u99999999999 x\\par}",
        "font table without semicolons": "{\\rtf1 {\\fonttbl " + "\\f1\\fcharset134 x" * 20_000 + "}text\\par}",
        "marker characters in the source": "{\\rtf1 a\x1e\x1d\x1cb\x19 12\x17\\par}",
        "truncated": _word_rtf()[:3000],
    }
    p = tmp_path / "h.rtf"
    for name, src in cases.items():
        p.write_bytes(src.encode("latin-1"))
        try:
            doc = load_document(p, options=BUILTIN)
        except ExtractError as e:
            assert e.code == "malformed" and "cannot parse file" not in e.message, (name, e.message)
            continue
        for b in doc.blocks:
            assert doc.text[b.start : b.end] == b.text, name
        for t in doc.tables():
            assert t.table.n_cols <= 1000, name
    p.write_bytes(cases["unicode out of range"].encode())
    assert "\ufffd" in load_document(p, options=BUILTIN).text
    p.write_bytes(cases["marker characters in the source"].encode("latin-1"))
    assert load_document(p, options=BUILTIN).text == "ab 12\n"
