"""Files that cannot be read give an error record with a clear code, never a traceback."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from extractor.load import office
from extractor.pipeline import extract

FIX = Path(__file__).resolve().parent / "fixtures"


def _errors(path: Path, **options) -> list[dict]:
    out = extract(path, **options)
    assert isinstance(out, dict)
    errs = out.get("errors") or []
    for e in errs:
        assert set(e) >= {"code", "message"} and e["message"]
        assert "Traceback" not in e["message"]
    return errs


def _code(path: Path, **options) -> str:
    errs = _errors(path, **options)
    assert len(errs) == 1, errs
    return errs[0]["code"]


def test_empty_file(tmp_path):
    for name in ("empty.pdf", "empty.docx", "empty.txt"):
        p = tmp_path / name
        p.write_bytes(b"")
        assert _code(p) == "empty_file"


def test_random_bytes_named_pdf(tmp_path):
    p = tmp_path / "random.pdf"
    p.write_bytes(os.urandom(4096))
    assert _code(p) == "malformed_pdf"


def test_pdf_header_then_garbage(tmp_path):
    p = tmp_path / "garbage.pdf"
    p.write_bytes(b"%PDF-1.7\n" + os.urandom(2048))
    assert _code(p) == "malformed_pdf"


def test_truncated_pdf():
    assert _code(FIX / "pdf" / "truncated.pdf") == "malformed_pdf"


def test_encrypted_pdf():
    assert _code(FIX / "pdf" / "encrypted.pdf") == "encrypted_pdf"


def test_docx_that_is_not_a_zip(tmp_path):
    p = tmp_path / "report.docx"
    p.write_text("二〇二〇年政府信息公开工作年度报告(纯文本,不是docx)", encoding="utf-8")
    assert _code(p) == "not_docx"


def test_old_word_file_named_docx(tmp_path):
    p = tmp_path / "old.docx"
    p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + os.urandom(1024))  # OLE2 header of a .doc
    # the bytes decide the loader (test_sniffing.py): the office loader, which cannot read
    # this damaged Word 97–2003 file without (or even with) LibreOffice
    assert _code(p) in ("converter_missing", "convert_failed")


def test_unknown_extension(tmp_path):
    p = tmp_path / "report.xyz"
    p.write_text("内容", encoding="utf-8")
    assert _code(p) == "unsupported_format"


def test_missing_file(tmp_path):
    assert _code(tmp_path / "nope.pdf") == "not_found"


def test_doc_without_converter(tmp_path, monkeypatch):
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    p = tmp_path / "report.doc"
    p.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512)
    errs = _errors(p)
    assert errs[0]["code"] == "converter_missing"
    assert "libreoffice" in errs[0]["message"].lower()


@pytest.mark.skipif(not office.find_converter(), reason="LibreOffice not installed")
def test_rtf_through_libreoffice(tmp_path):
    p = tmp_path / "report.rtf"
    p.write_text(r"{\rtf1\ansi\deff0 {\fonttbl {\f0 SimSun;}}\f0 \u20849?\u24320? 2020\par}", encoding="ascii")
    out = extract(p)
    assert not out.get("errors"), out.get("errors")


def test_run_continues_after_bad_files(tmp_path):
    bad = tmp_path / "a.pdf"
    bad.write_bytes(b"not a pdf at all")
    good = tmp_path / "b.pdf"
    shutil.copy(FIX / "pdf" / "cross_page.pdf", good)
    from extractor.pipeline import load_and_normalize

    assert _code(bad) == "malformed_pdf"
    assert "组织领导" in load_and_normalize(good).text


def test_a_failing_reader_costs_its_stage_not_the_document(tmp_path, monkeypatch):
    """A bug in one find stage becomes a stage_failed warning; the other stages still report."""
    from extractor import pipeline
    from extractor.tables import stats

    def boom(doc, seg):
        raise ValueError("synthetic reader bug")

    monkeypatch.setattr(stats, "read_stat_tables", boom)
    p = tmp_path / "r.txt"
    p.write_text("一、依申请公开情况\n2019年,我局共受理政府信息公开申请12件。\n", encoding="utf-8")
    res = pipeline.extract(p)
    assert res["errors"] == []
    assert res["values"]["applications.received"] == 12
    assert any(w["code"] == "stage_failed" and "synthetic reader bug" in w["message"] for w in res["warnings"])
