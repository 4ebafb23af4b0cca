"""The .docx package read straight from the zip (``load.docx_package.read_plain``) gives
what python-docx's package reader gives, falls back to it wherever it would not, and a
plain package is read without importing python-docx (issue 11: ~50 ms of every worker
that reads a .docx, its package objects ~1 ms per file)."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from extractor.load import docx as docx_loader
from extractor.load import docx_package
from extractor.load import load_document

ROOT = Path(__file__).resolve().parent.parent
MERGED = ROOT / "tests" / "fixtures" / "docx" / "merged.docx"
REAL = ROOT.parent / "shared" / "corpus" / "real"


def _rewrite(src: Path, dst: Path, replace: dict) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, replace.get(info.filename, zin.read(info)))


def _both(path: Path):
    """(direct reader's (body, ids), python-docx reader's (body, ids))."""
    with zipfile.ZipFile(path) as zf:
        plain = docx_package.read_plain(zf)
        via_docx = docx_loader._open_package_docx(path, zf)
    return plain, via_docx


def _same(a, b) -> bool:
    from lxml import etree

    (ba, ia), (bb, ib) = a, b
    return ia == ib and etree.tostring(ba) == etree.tostring(bb)


def _packages() -> list[Path]:
    real = sorted(REAL.glob("*.docx"))[:12] if REAL.is_dir() else []
    return [MERGED, *real]


@pytest.mark.parametrize("path", _packages(), ids=lambda p: p.name)
def test_the_direct_reader_gives_what_python_docx_gives(path):
    plain, via_docx = _both(path)
    assert _same(plain, via_docx)


def test_heading_ids_from_the_styles_part():
    _, ids = _both(MERGED)[0]
    assert "Heading1" in ids


def _styles(path: Path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/styles.xml")


@pytest.mark.parametrize("edit, why", [
    # python-docx stops reading the style list at a style without w:type (its factory has
    # no class for None): the ids found before it are kept
    (lambda x: re.sub(rb'w:type="paragraph"', b"", x, count=3), "a style without its type"),
    (lambda x: re.sub(rb'<w:name w:val="([^"]*)"/>', rb'<w:name/>', x, count=1), "a name without its value"),
])
def test_a_style_list_python_docx_reads_part_way_goes_to_python_docx(tmp_path, edit, why):
    p = tmp_path / "styles.docx"
    _rewrite(MERGED, p, {"word/styles.xml": edit(_styles(MERGED))})
    with zipfile.ZipFile(p) as zf:
        with pytest.raises(docx_package.NotPlain):
            docx_package.read_plain(zf)
        assert docx_loader._open_package(p, zf)[1] == docx_loader._open_package_docx(p, zf)[1], why


def test_a_part_without_content_type_goes_to_python_docx(tmp_path):
    with zipfile.ZipFile(MERGED) as zf:
        ct = zf.read("[Content_Types].xml")
    ct2 = re.sub(rb'<Default Extension="jpeg"[^>]*/>', b"", ct)  # the thumbnail's type
    assert ct2 != ct
    p = tmp_path / "noct.docx"
    _rewrite(MERGED, p, {"[Content_Types].xml": ct2})
    with zipfile.ZipFile(p) as zf:
        with pytest.raises(docx_package.NotPlain):
            docx_package.read_plain(zf)
    d = load_document(p)  # python-docx's KeyError: the repair path, as before
    assert "docx_repaired" in [w.code for w in d.warnings]


def test_repeated_relationship_ids_keep_the_last(tmp_path):
    """python-docx keeps a part's relationships in a dict by rId: of two with one id, the
    later one counts (here: the styles relationship is overwritten, so python-docx finds
    none and uses its default styles; the direct reader hands that case over)."""
    with zipfile.ZipFile(MERGED) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode()
    m = re.search(r'<Relationship Id="(\w+)"[^>]*relationships/styles"[^>]*/>', rels)
    dup = m.group(0).replace("relationships/styles", "relationships/customXml")
    p = tmp_path / "dup.docx"
    _rewrite(MERGED, p, {"word/_rels/document.xml.rels": rels.replace(m.group(0), m.group(0) + dup).encode()})
    with zipfile.ZipFile(p) as zf:
        with pytest.raises(docx_package.NotPlain):
            docx_package.read_plain(zf)
        assert docx_loader._open_package(p, zf)[1] == docx_loader._open_package_docx(p, zf)[1]


def test_a_plain_package_is_read_without_importing_python_docx():
    code = ("import sys\nfrom extractor.load import load_document\n"
            f"d = load_document({str(MERGED)!r})\n"
            "print(d.blocks[0].style, 'docx' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["heading", "False"]
