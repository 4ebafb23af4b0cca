"""Text set in fonts that are not embedded does not depend on the machine's fonts (issue 10).

The bundled PDFs (corpus/*.pdf) are set in STSong-Light, a CID font that reportlab does
not embed. pdfium takes such a font's glyphs from the machine; on a machine without a
CJK font its text page silently drops characters (corpus/a52 page 2: the second line of
the wrapped 表四 header cells, 结果维持 -> 结果维, and with it 14 reconsideration and
litigation values). The loader notices those pages and reads their characters through
pdfminer. These tests hold on a machine with CJK fonts and on one without:

* both character paths are compared directly on the same pages and documents (always);
* the whole extraction runs again with no font visible at all: a private mount namespace
  with an empty tmpfs over the font directories (skipped where ``unshare`` is not
  permitted).

Either way the text and the values must be the .txt rendering's.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from extractor.load.layout.lines import Ch
from extractor.load.pdf_chars import drop_fake_bold, lost_text_fonts, page_chars, pdfminer_chars
from extractor.pipeline import extract, load_and_normalize
from pdfdraw import draw_lines, new_canvas

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
PDFS = sorted(CORPUS.glob("*.pdf")) + [ROOT / "tests" / "fixtures" / "pdf" / "cross_page.pdf"]
A52 = CORPUS / "a52_yunze-renshe-2019.pdf"
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/usr/share/X11/fonts")

pytestmark = pytest.mark.skipif(not A52.is_file(), reason="bundled corpus not generated")


def _lines(text: str) -> list[str]:
    # a table row is "a | b | c" in both renderings; the .txt may close it with " |"
    return [ln.strip(" |") for ln in text.splitlines() if ln.strip(" |")]


def _both_paths(path: Path):
    """Per page: (pdfium chars, fonts pdfium lost, pdfminer chars)."""
    import pdfplumber
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    out = []
    pdf = pdfium.PdfDocument(str(path))
    fonts: dict = {}
    try:
        with pdfplumber.open(str(path)) as pl:
            for i in range(len(pdf)):
                page = pdf[i]
                try:
                    ium, _bad, _total, lost = page_chars(page, raw, page.get_size()[1], fonts)
                finally:
                    page.close()
                miner, bad, _total = pdfminer_chars(pl, i)
                assert bad == 0
                out.append((ium, lost, miner))
    finally:
        pdf.close()
    return out


def _mid(c) -> float:
    return (c.top + c.bottom) / 2


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_never_reads_short_unnoticed(path):
    """Whatever fonts this machine has: a page where pdfium has fewer characters than the
    page holds (pdfminer reads them from the font's CMap) is flagged; where it is not
    flagged both paths read the same characters at the same places (within what the
    machine's substitute font changes in pdfium's boxes: 0.5 pt across, 2 pt down)."""
    pages = _both_paths(path)
    assert any(miner for _, _, miner in pages)
    for ium, lost, miner in pages:
        a, b = Counter(c.text for c in ium), Counter(c.text for c in miner)
        assert not a - b, "pdfium read characters pdfminer did not"
        if a != b:
            assert lost, f"{path.name}: pdfium lost {dict(b - a)} without noticing"
            assert lost <= {"STSong-Light"}
            continue
        by_text: dict[str, list] = {}
        for c in miner:
            by_text.setdefault(c.text, []).append(c)
        for c in ium:
            near = min(by_text[c.text], key=lambda o: abs(o.x0 - c.x0) + abs(_mid(o) - _mid(c)))
            assert abs(near.x0 - c.x0) <= 0.5 and abs(_mid(near) - _mid(c)) <= 2.0, (c, near)
            assert near.size == pytest.approx(c.size, abs=0.1)
            by_text[c.text].remove(near)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfminer_chars_are_pdfplumbers(path):
    """The loader's lean pdfminer device gives pdfplumber's own characters and boxes."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pl:
        for i, page in enumerate(pl.pages):
            ref = drop_fake_bold([
                Ch(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"])
                for c in page.chars if not c["text"].isspace()
            ])
            got, _bad, _total = pdfminer_chars(pl, i)
            assert len(got) == len(ref) > 0
            for a, b in zip(got, ref):
                assert a.text == b.text
                assert (a.x0, a.x1, a.top, a.bottom, a.size) == pytest.approx((b.x0, b.x1, b.top, b.bottom, b.size))


def test_real_reports_with_embedded_fonts_stay_on_pdfium():
    """The real reports embed their fonts: no page of theirs is suspect (nor slowed down)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    real = ROOT.parent / "shared" / "corpus" / "real"
    paths = sorted(p for p in real.glob("*.pdf") if not p.name.endswith(".scan.pdf"))
    if not paths:
        pytest.skip("../shared/corpus/real not available")
    n = 0
    for path in paths:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue  # the encrypted one
        try:
            fonts: dict = {}
            for i in range(len(pdf)):
                page = pdf[i]
                tp = page.get_textpage()
                assert lost_text_fonts(page, raw, tp.raw, fonts) == set(), (path.name, i + 1)
                tp.close()
                page.close()
                n += 1
        finally:
            pdf.close()
    assert n > 20


def test_standard_fonts_are_never_suspect(tmp_path):
    """A PDF drawn only in the standard 14 fonts (built into pdfium, never embedded), a
    one-character line and a lone space included, is never sent to pdfminer."""
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    f = tmp_path / "latin.pdf"
    c = canvas.Canvas(str(f))
    c.setFont("Helvetica", 12)
    for k, line in enumerate(["Annual report 2019", "1", "Applications received: 12", " "]):
        c.drawString(72, 700 - 20 * k, line)
    c.showPage()
    c.save()
    pdf = pdfium.PdfDocument(str(f))
    try:
        page = pdf[0]
        tp = page.get_textpage()
        assert lost_text_fonts(page, raw, tp.raw, {}) == set()
        tp.close()
        page.close()
    finally:
        pdf.close()
    doc = load_and_normalize(f)
    assert "Applications received: 12" in doc.text
    assert not doc.warnings


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.pdf")), ids=lambda p: p.name)
def test_both_char_paths_read_the_same_document(path):
    """The whole document read with pdfminer's characters on every page equals the
    loader's default (pdfium's, pdfminer's only where pdfium loses characters), and
    both equal the .txt rendering: the same lines, the same values."""
    default, mined = load_and_normalize(path), load_and_normalize(path, {"pdf_chars": "pdfminer"})
    assert default.text == mined.text
    txt = load_and_normalize(path.with_suffix(".txt"))
    assert _lines(default.text) == _lines(txt.text)
    res_default, res_mined = extract(path), extract(path, pdf_chars="pdfminer")
    assert res_default["values"] == res_mined["values"] == extract(path.with_suffix(".txt"))["values"]
    assert res_default["score_tables"] == res_mined["score_tables"]


def test_a52_reconsideration_header_and_values():
    """The case of the issue: 表四's wrapped header cells keep their second line, so its
    fourteen reconsideration/litigation values are read (as from the .txt)."""
    doc = load_and_normalize(A52)
    assert "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计" in doc.text
    txt_values = extract(A52.with_suffix(".txt"))["values"]
    keys = [k for k in txt_values if k.startswith(("reconsideration.", "litigation."))]
    assert len(keys) >= 14
    pdf_values = extract(A52)["values"]
    assert {k: pdf_values.get(k) for k in keys} == {k: txt_values[k] for k in keys}
    codes = [w.code for w in doc.warnings]
    assert set(codes) <= {"pdf_fonts_not_embedded"} and len(codes) <= 1


REPEATED = "进一步健全政府信息公开工作机制。"
DROP_LINES = [REPEATED, REPEATED, "明确专人负责,强化保密审查。", "共", "12件。"]


def _draw_drop_cases(path: Path) -> Path:
    """Both ways pdfium loses text in a font the machine lacks: a line repeating an
    earlier one at the same x one line below, and a one-character line (as a wrapped
    cell's last line)."""
    c = new_canvas(path)
    draw_lines(c, DROP_LINES, x=72, top=760, leading=18)
    c.showPage()
    c.save()
    return path


def test_repeated_line_and_one_character_line_are_kept(tmp_path):
    f = _draw_drop_cases(tmp_path / "drops.pdf")
    ium, lost, miner = _both_paths(f)[0]
    want = Counter("".join(DROP_LINES))
    assert Counter(c.text for c in miner) == want
    assert Counter(c.text for c in ium) == want or lost == {"STSong-Light"}
    text = load_and_normalize(f).text
    assert text.count(REPEATED) == 2 and "共" in text and "12件" in text


# --------------------------------------------------------------------------- no fonts at all
_CHILD = r"""
import json, sys
from extractor.pipeline import extract, load_and_normalize
out = {}
for p in sys.argv[1:]:
    doc = load_and_normalize(p)
    res = extract(p)
    out[p] = {"text": doc.text, "values": res["values"], "score_tables": res["score_tables"],
              "warnings": [w.code for w in doc.warnings]}
json.dump(out, sys.stdout, ensure_ascii=False)
"""


def _run_without_fonts(paths: list[Path]) -> dict:
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        pytest.skip("needs Linux mount namespaces (unshare)")
    # as root a mount namespace is enough; otherwise try one inside a user namespace
    for prefix in (["unshare", "-m"], ["unshare", "-r", "-m"]):
        probe = subprocess.run([*prefix, "true"], capture_output=True)
        if probe.returncode == 0:
            break
    else:
        pytest.skip(f"unshare -m is not permitted here: {probe.stderr.decode(errors='replace').strip()}")
    dirs = [d for d in FONT_DIRS if os.path.isdir(d)]
    mounts = "".join(f"mount -t tmpfs none {d} && " for d in dirs)
    script = (
        f"{mounts}test -z \"$(find {' '.join(dirs) or '/nonexistent'} -mindepth 1 2>/dev/null | head -1)\" && "
        'c="$1"; shift; exec "$0" -c "$c" "$@"'
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(
        [*prefix, "sh", "-c", script, sys.executable, _CHILD, *map(str, paths)],
        capture_output=True, cwd=ROOT, env=env, timeout=300,
    )
    if proc.returncode != 0 and b"mount" in proc.stderr and b"permission" in proc.stderr.lower():
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode(errors='replace').strip()}")
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return json.loads(proc.stdout)


def test_same_result_on_a_machine_without_fonts(tmp_path):
    """The bundled PDFs read with every font directory hidden give this process's result
    (whatever fonts it has), which is the .txt rendering's: no character is lost."""
    paths = sorted(CORPUS.glob("*.pdf"))
    drops = _draw_drop_cases(tmp_path / "drops.pdf")
    bare = _run_without_fonts([*paths, drops])
    got = bare[str(drops)]
    assert got["text"] == load_and_normalize(drops).text
    assert got["text"].count(REPEATED) == 2 and "共" in got["text"]
    assert got["warnings"] == ["pdf_fonts_not_embedded"]
    for p in paths:
        got = bare[str(p)]
        doc, res = load_and_normalize(p), extract(p)
        assert got["text"] == doc.text, p.name
        assert got["values"] == res["values"], p.name
        assert got["score_tables"] == res["score_tables"], p.name
        assert _lines(got["text"]) == _lines(load_and_normalize(p.with_suffix(".txt")).text), p.name
        assert got["values"] == extract(p.with_suffix(".txt"))["values"], p.name
        assert set(got["warnings"]) <= {"pdf_fonts_not_embedded"}
    # without any font pdfium loses a52's wrapped header lines: the loader must have said so
    assert "pdf_fonts_not_embedded" in bare[str(A52)]["warnings"]


def test_pdfminer_failure_keeps_pdfiums_characters_and_says_so(monkeypatch):
    """If pdfminer cannot read a page pdfium lost characters on, the page keeps pdfium's
    characters and the loss is reported, never silent."""
    import extractor.load.pdf_chars as pdf_chars

    def lost(page, raw, textpage, fonts):
        return {"STSong-Light"}

    def broken(plpdf, i):
        raise ValueError("unreadable content stream")

    monkeypatch.setattr(pdf_chars, "lost_text_fonts", lost)
    monkeypatch.setattr(pdf_chars, "pdfminer_chars", broken)
    doc = load_and_normalize(A52)
    assert "政府信息公开" in doc.text
    msgs = [w.message for w in doc.warnings if w.code == "pdf_fonts_not_embedded"]
    assert len(msgs) == 1 and "page 1: ValueError" in msgs[0] and "page 2: ValueError" in msgs[0]
