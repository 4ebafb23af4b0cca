"""`zwgk show FILE|OUTDIR/REL.json`: one document's values with evidence, page, warnings."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

REPORT = """云泽市林业局2018年政府信息公开工作年度报告
2018年，本机关主动公开政府信息约350条，收到政府信息公开申请12件，依申请公开信息收取的费用0.12万元。
"""


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    from extractor.batch import BatchOptions, run_batch

    base = tmp_path_factory.mktemp("show")
    src = base / "in"
    src.mkdir()
    (src / "a51.txt").write_bytes((CORPUS / "a51_yunze-shuiliju-2016.txt").read_bytes())
    (src / "approx.txt").write_text(REPORT, encoding="utf-8")
    out = base / "out"
    run_batch([str(src)], out, BatchOptions(jobs=1, quiet=True, emit_text=True))
    return src, out


def _show(capsys, *args):
    capsys.readouterr()
    rc = main(["show", *map(str, args)])
    return rc, capsys.readouterr()


def test_show_a_result_json_lists_every_value_with_evidence_and_page(extracted, capsys):
    _, out = extracted
    js = out / "in" / "a51.txt.json"
    rec = json.loads(js.read_text(encoding="utf-8"))
    rc, cap = _show(capsys, js)
    assert rc == 0 and cap.err == ""
    text = cap.out
    assert rec["source"]["path"] in text and str(rec["document"]["year"]) in text
    for key in rec["values"]:
        assert f"  {key} " in text
    # each value shows the evidence of its chosen fact (table beats prose) and its offsets
    from extractor.export import chosen_index
    for key in rec["values"]:
        f = rec["facts"][chosen_index(rec, key)]
        assert " ".join(f["evidence"].split())[:40] in text, key
        assert f"@{f['offset'][0]}-{f['offset'][1]}" in text
    # money: in 元 with the unit as printed
    money = [f for f in rec["facts"] if f.get("unit") == "万元" and f["key"] in rec["values"]]
    assert money and "元 (printed in 万元)" in text
    assert "Warnings (" in text


def test_show_the_report_file_itself_shows_withheld_figures(extracted, capsys):
    src, out = extracted
    rc, cap = _show(capsys, src / "approx.txt")
    assert rc == 0
    text = cap.out
    assert "[approximate]" in text and "约350条" in text and "proactive.total" in text
    assert "applications.received" in text and "12 件" in text
    assert "1,200 元 (printed in 万元)" in text
    # same view from the result JSON (evidence from NAME.text.txt written by --emit-text)
    rc, cap2 = _show(capsys, out / "in" / "approx.txt.json")
    assert rc == 0 and cap2.out.replace(str(src / "approx.txt"), "X") == text.replace(str(src / "approx.txt"), "X")
    rc, cap3 = _show(capsys, src / "approx.txt", "--text")
    assert "--- extracted text ---" in cap3.out and "约350条" in cap3.out.split("--- extracted text ---")[1]


def test_show_errors(tmp_path, capsys):
    rc, cap = _show(capsys, tmp_path / "missing.pdf")
    assert rc == 2 and "not found" in cap.err
    rc, cap = _show(capsys, tmp_path)
    assert rc == 2 and "folder" in cap.err
    cut = tmp_path / "cut.pdf.json"
    cut.write_text('{"schema_version": 1, "source": {"pa', encoding="utf-8")
    rc, cap = _show(capsys, cut)
    assert rc == 2 and "truncated" in cap.err
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    rc, cap = _show(capsys, bad)
    assert rc == 0 and "ERROR " in cap.out   # an unreadable report is shown with its error code


def test_a_json_that_is_not_a_result_is_refused(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    f = tmp_path / "x.gold.json"
    f.write_text('{"document": {}, "values": {"proactive.total": 3}}', encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    p = subprocess.run([sys.executable, str(root / "cli.py"), "show", str(f)], capture_output=True, text=True)
    assert p.returncode == 2 and "not a result of `zwgk extract`" in p.stderr
