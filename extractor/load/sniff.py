"""What a file really is, from its first bytes — shared by the dispatcher
(``load/__init__.py``: a PDF named .txt is read as PDF) and the office loader (a .doc
that is really a .docx package, a web page or a web archive)."""
from __future__ import annotations

import os

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(path: str | os.PathLike) -> str | None:
    """The format the first bytes prove — "docx" (a zip package), "doc" (an OLE compound
    file: Word 97–2003), "pdf", "rtf", "html" or "mht" (a Word/IE web archive) — or None
    when they prove nothing (plain text, or an unknown binary)."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(b"PK\x03\x04"):
        return "docx"
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
