"""The package check's read of each XML member's first 4 KB (``docx_package._plain_head``,
issue 11: one read and one inflate instead of ZipFile.open's set-up per member) gives
exactly what ``zipfile`` gives, and hands every member it cannot vouch for (a damaged
stream, a CRC that does not match, an encrypted flag) back to zipfile, whose error the
loader reports as before."""
from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from extractor.load import docx_package
from extractor.load import load_document
from extractor.model import ExtractError

ROOT = Path(__file__).resolve().parent.parent
MERGED = ROOT / "tests" / "fixtures" / "docx" / "merged.docx"


def _zip_read(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    with zf.open(info) as f:
        return f.read(4096)


def _package(path: Path) -> None:
    rng = random.Random(7)
    big = ("<w:p>" + "本机关主动公开政府信息120条。" * 40 + "</w:p>\n") * 30
    noisy = "".join(rng.choice("abcdefghij<>/=\"' 0123456789") for _ in range(9000))
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<?xml version='1.0'?><w:document>" + big, zipfile.ZIP_DEFLATED)
        z.writestr("word/small.xml", "<a>公开</a>", zipfile.ZIP_DEFLATED)
        z.writestr("word/stored.xml", "<b>" + big[:6000], zipfile.ZIP_STORED)
        z.writestr("word/tiny_stored.xml", "<c/>", zipfile.ZIP_STORED)
        z.writestr("word/noisy.xml", noisy, zipfile.ZIP_DEFLATED)
        z.writestr("word/exact.xml", "x" * 4096, zipfile.ZIP_DEFLATED)
        z.writestr("word/empty.xml", "", zipfile.ZIP_DEFLATED)


def test_every_member_head_is_what_zipfile_reads(tmp_path):
    p = tmp_path / "a.docx"
    _package(p)
    with zipfile.ZipFile(p) as zf:
        for info in zf.infolist():
            head = docx_package._plain_head(zf, info)
            assert head is not None, info.filename     # a plain member: read straight
            assert head == _zip_read(zf, info), info.filename
    if MERGED.exists():
        with zipfile.ZipFile(MERGED) as zf:
            for info in zf.infolist():
                head = docx_package._plain_head(zf, info)
                assert head is None or head == _zip_read(zf, info)


def _corrupt(src: Path, dst: Path, member: str, at: int) -> None:
    """A copy of ``src`` with one byte of ``member``'s stored bytes changed."""
    data = bytearray(src.read_bytes())
    with zipfile.ZipFile(src) as zf:
        info = zf.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + at] ^= 0x5A
    dst.write_bytes(bytes(data))


def test_a_damaged_small_member_is_left_to_zipfile(tmp_path):
    p, q = tmp_path / "a.docx", tmp_path / "b.docx"
    _package(p)
    _corrupt(p, q, "word/tiny_stored.xml", 1)      # stored: the CRC no longer matches
    with zipfile.ZipFile(q) as zf:
        info = zf.getinfo("word/tiny_stored.xml")
        assert docx_package._plain_head(zf, info) is None
        with pytest.raises(zipfile.BadZipFile):
            _zip_read(zf, info)
    with pytest.raises(ExtractError) as e:
        docx_package.checked_zip(q, {})
    assert e.value.code == "malformed"


def test_an_encrypted_flag_is_left_to_zipfile(tmp_path):
    p = tmp_path / "a.docx"
    _package(p)
    with zipfile.ZipFile(p) as zf:
        info = zf.getinfo("word/small.xml")
        info.flag_bits |= 0x1
        assert docx_package._plain_head(zf, info) is None


def test_a_dtd_is_still_refused(tmp_path):
    p = tmp_path / "a.docx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><w:document/>')
    with pytest.raises(ExtractError) as e:
        load_document(p)
    assert e.value.code == "malformed" and "DTD" in str(e.value)
