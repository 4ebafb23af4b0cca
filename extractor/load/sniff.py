"""What a file really is, from its first bytes — shared by the dispatcher
(``load/__init__.py``: a PDF named .txt is read as PDF) and the office loader (a .doc
that is really a .docx package, a web page or a web archive)."""
from __future__ import annotations

import os

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Zip packages, told apart by a member only they hold: member -> (format, extension).
# A zip-based input format registers here, beside its ``LOADERS`` line in load/__init__.py
# (e.g. ``"OFD.xml": ("ofd", ".ofd")``): its files then reach its loader, whatever their
# name says; a zip holding none of these members is no report format.
PACKAGES: dict[str, tuple[str, str]] = {
    "word/document.xml": ("docx", ".docx"),
}


def open_package(file) -> "zipfile.ZipFile | None":
    """The zip package ``file`` (a path, or a binary file object: the file's bytes read
    once by the dispatcher) opened with its central directory read, or None when that
    cannot be read (a damaged or truncated package)."""
    import zipfile

    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, ValueError, EOFError):
        return None


def package_format(path: str | os.PathLike, zf=None) -> str:
    """The format of a file that starts as a zip package: the first of ``PACKAGES`` whose
    member it holds, "zip" when it holds none (a zip package of no format zwgk reads), and
    "docx" when its central directory cannot be read (a damaged or truncated package is
    most likely a Word file: the .docx loader says what is wrong with it). ``zf``: the
    package already opened (:func:`open_package`), so its directory is parsed once."""
    if zf is None:
        zf = open_package(path)
        if zf is None:
            return "docx"
        with zf:
            names = set(zf.namelist())
    else:
        names = set(zf.namelist())
    for member, (fmt, _ext) in PACKAGES.items():
        if member in names:
            return fmt
    return "zip"


def sniff_format(path: str | os.PathLike, head: bytes | None = None) -> str | None:
    """The format the first bytes prove — a zip package's format (``package_format``:
    "docx", another registered package, or "zip" for none), "doc" (an OLE compound file:
    Word 97–2003), "pdf", "rtf", "html" or "mht" (a Word/IE web archive) — or None when
    they prove nothing (plain text, or an unknown binary). ``head``: the file's first
    4096 bytes when the caller has read them already."""
    if head is None:
        with open(path, "rb") as f:
            head = f.read(4096)
    if head.startswith(b"PK\x03\x04"):
        return package_format(path)
    if head.startswith(OLE_MAGIC):
        return "doc"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    lead = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if lead.startswith(b"{\\rtf"):
        return "rtf"
    low = lead.lower()
    if low.startswith(b"<") and (b"<html" in low or b"<!doctype html" in low):
        return "html"
    if low.startswith((b"mime-version:", b"from:", b"content-type:")) and b"multipart/related" in low:
        return "mht"
    return None


_NO_EXT = {"pdf": ".pdf", "docx": ".docx", "doc": ".doc", "rtf": ".rtf", "html": ".html", "mht": ".doc"}


def looks_like_text(head: bytes) -> bool:
    """The bytes are text (UTF-8/16 with a BOM, or UTF-8/GB18030/Big5 without NUL bytes or
    other control characters than tab/CR/LF/FF)."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13) or b == 127)
    if ctrl > len(head) // 200:
        return False
    for enc in ("utf-8", "gb18030", "big5"):
        try:
            head.decode(enc)
            return True
        except UnicodeDecodeError as e:
            if e.start >= len(head) - 4:  # a character cut at the end of the sample
                return True
    return False


def sniff_no_extension(path: str | os.PathLike) -> str | None:
    """The extension a file without one is read as: the format its first bytes prove
    (``sniff_format``; a zip package: its extension in ``PACKAGES``, none for a zip that
    holds none of their members), ``.txt`` when they are text with Chinese in it, else
    None (not a report format)."""
    real = sniff_format(path)
    if real in _NO_EXT:
        return _NO_EXT[real]
    for fmt, ext in PACKAGES.values():
        if real == fmt:
            return ext
    if real == "zip":
        return None
    with open(path, "rb") as f:
        head = f.read(4096)
    return ".txt" if looks_like_text(head) and _han_count(head) >= 20 else None


def _han_count(head: bytes) -> int:
    """Han characters in the sample, in the first encoding that decodes it (a text without
    Chinese — a README, a Makefile — is no report)."""
    import re

    best = 0
    for enc in ("utf-8", "utf-16", "gb18030", "big5"):
        if enc == "utf-16" and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        best = max(best, len(re.findall(r"[\u4e00-\u9fff]", head.decode(enc, "ignore"))))
    return best
