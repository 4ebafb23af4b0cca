"""Cross-format check on the real reports in ../shared/corpus/real (skipped without it).

Every rendering of a document (.docx, .pdf, .html, .gbk.txt) must give the same text as
its scraped .txt (difflib ratio >= 0.98 on Han characters and digits, after
normalisation), table cells must survive, image-only scans must say ``needs_ocr`` and the
score-table renderings (.grid.docx / .grid.pdf) must give identical grids.
"""
from __future__ import annotations

import difflib
import functools
import importlib.util
from collections import Counter
from pathlib import Path

import pytest
import regex

from extractor.model import ExtractError
from extractor.pipeline import load_and_normalize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REAL = SHARED / "corpus" / "real"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus/real not available")

NAMES = sorted(p.name[: -len(".txt")] for p in REAL.glob("*.txt") if not p.name.endswith(".gbk.txt")) if REAL.is_dir() else []
RENDERINGS = (".docx", ".pdf", ".html", ".gbk.txt")
PAIRS = [(n, ext) for n in NAMES for ext in RENDERINGS if (REAL / (n + ext)).exists()]
GRIDS = sorted(p.name[: -len(".grid.docx")] for p in REAL.glob("*.grid.docx")) if REAL.is_dir() else []
SCANS = sorted(REAL.glob("*.scan.pdf")) if REAL.is_dir() else []
_HAN = regex.compile(r"[\p{Han}0-9]")
_CHROME = regex.compile(r"^(发布)?(时间|日期|来源|浏览次数|索引号|点击数|字体|打印)[::]?")


def _loader_ready(ext: str) -> bool:
    """The .html and .txt loaders are written elsewhere; skip them while placeholders."""
    if ext == ".html":
        return importlib.util.find_spec("extractor.load.html") is not None
    if ext == ".gbk.txt":
        spec = importlib.util.find_spec("extractor.load.txt")
        return spec is not None and "PLACEHOLDER" not in Path(spec.origin).read_text(encoding="utf-8")[:200]
    return True


@functools.lru_cache(maxsize=None)
def _doc(path: str):
    return load_and_normalize(path)


def _han(text: str) -> list[str]:
    return _HAN.findall(text)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _han(a), _han(b), autojunk=False).ratio()


def _squash(text: str) -> str:
    return regex.sub(r"[\s|｜]+", "", text)


@pytest.mark.parametrize("name,ext", PAIRS, ids=[n + e for n, e in PAIRS])
def test_rendering_matches_txt(name, ext):
    if not _loader_ready(ext):
        pytest.skip(f"{ext} loader not implemented yet")
    ref = _doc(str(REAL / (name + ".txt")))
    doc = _doc(str(REAL / (name + ext)))
    r = _ratio(ref.text, doc.text)
    assert r >= 0.98, f"{name}{ext}: similarity {r:.4f} with {name}.txt"


@pytest.mark.parametrize("name", [n for n in NAMES if (REAL / (n + ".docx")).exists() and (REAL / (n + ".pdf")).exists()])
def test_pdf_text_equals_docx_text(name):
    """The PDF was exported from the Word file: both loaders must read the same text."""
    d = _doc(str(REAL / (name + ".docx")))
    p = _doc(str(REAL / (name + ".pdf")))
    assert _ratio(d.text, p.text) >= 0.999


@pytest.mark.parametrize("name", [n for n in NAMES if (REAL / (n + ".docx")).exists()])
def test_docx_table_cells_survive(name):
    docx = _doc(str(REAL / (name + ".docx")))
    cells = Counter(_squash(c.text) for b in docx.tables() for c in b.table.cells if _squash(c.text))
    if not cells:
        pytest.skip("no tables")
    for ext in (".pdf", ".txt", ".html", ".gbk.txt"):
        other = REAL / (name + ext)
        if not other.exists() or not _loader_ready(ext):
            continue
        flat = _squash(_doc(str(other)).text)
        missing = [t for t, n in cells.items() if flat.count(t) < n]
        if ext == ".pdf":
            assert not missing, f"{other.name}: cells missing: {missing[:5]}"
        else:  # loaders of scraped text/pages drop portal chrome (时间/来源/索引号 boxes)
            missing = [t for t in missing if not _CHROME.match(t)]
            assert len(missing) <= 0.05 * len(cells), f"{other.name}: cells missing: {missing[:5]}"
    pdf = REAL / (name + ".pdf")
    if pdf.exists():  # the PDF reads the same tables, cell for cell
        pcells = Counter(_squash(c.text) for b in _doc(str(pdf)).tables() for c in b.table.cells if _squash(c.text))
        assert pcells == cells


def _signature(doc):
    return [
        sorted((c.row, c.col, c.rowspan, c.colspan, _squash(c.text)) for c in b.table.cells)
        for b in doc.tables()
    ]


@pytest.mark.parametrize("name", GRIDS)
def test_grid_pdf_equals_grid_docx(name):
    gd = _doc(str(REAL / (name + ".grid.docx")))
    gp = _doc(str(REAL / (name + ".grid.pdf")))
    assert gd.tables(), "the grid rendering has a table"
    assert _signature(gp) == _signature(gd)
    assert _ratio(gd.text, gp.text) >= 0.99
    # the table crossing pages is one table on its first page
    assert all(b.page is not None for b in gp.blocks)


def test_grid_set_has_vertical_merges():
    merged = 0
    for name in GRIDS:
        gp = _doc(str(REAL / (name + ".grid.pdf")))
        merged += any(c.rowspan > 1 for b in gp.tables() for c in b.table.cells)
    assert merged >= 3


@pytest.mark.parametrize("path", SCANS, ids=[p.name for p in SCANS])
def test_scan_needs_ocr(path):
    """With OCR switched off, every image-only page is flagged for OCR."""
    try:
        doc = load_and_normalize(str(path), {"ocr": False})
    except ExtractError as e:  # pragma: no cover - would be a regression
        pytest.fail(f"scan gave an error instead of a warning: {e.code}")
    pages = {w.page for w in doc.warnings if w.code == "needs_ocr"}
    assert pages == set(range(1, doc.source.pages + 1))
    assert doc.source.ocr is False
