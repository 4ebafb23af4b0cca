"""Guards of damaged or hostile PDF files, for the .pdf loader (:mod:`pdf`).

* :func:`inflation_problem`: a Flate stream that would inflate beyond ``INFLATE_MAX``
  (pdfium aborts the process when an allocation fails), checked before pdfium opens it.
* :func:`real_page_count`: the pages the page tree really holds when ``/Count`` lies.
* :func:`content_stream_problem`: why a page with content shows nothing (a content
  stream that cannot be decoded), read with pdfminer.
"""
from __future__ import annotations

import re

_PAINT_OPS = re.compile(rb"(?:^|[\s\])>])(?:Tj|TJ|'|\"|Do|re|f\*?|S|s|B\*?|b\*?|sh)(?=[\s\[(/<]|$)")


def content_stream_problem(path, i: int, state: dict) -> str | None:
    """Why page ``i`` shows nothing although it has content, or None (a blank page): its
    content streams cannot be decoded (an unknown filter, a broken filter chain) or decode
    to something that is no content stream. Read with pdfminer (pdfium does not say)."""
    import logging

    try:
        if "pages" not in state:
            from pdfminer.pdfdocument import PDFDocument
            from pdfminer.pdfpage import PDFPage
            from pdfminer.pdfparser import PDFParser

            state["file"] = fh = open(path, "rb")
            state["pages"] = PDFPage.create_pages(PDFDocument(PDFParser(fh)))
            state["list"] = []
        while len(state["list"]) <= i:
            state["list"].append(next(state["pages"]))
        page = state["list"][i]
        state["list"][i] = None     # each page is checked once: let it go
        problems = []
        prev = logging.root.manager.disable
        logging.disable(logging.WARNING)   # pdfminer logs every filter it does not know
        try:
            for st in page.contents if page is not None else ():
                st = st.resolve() if hasattr(st, "resolve") else st
                filters = " ".join(f"/{getattr(f, 'name', f)}" for f, _ in st.get_filters()) or "none"
                n = len(st.rawdata or b"")
                if n < 16:
                    continue
                try:
                    data = st.get_data()
                except Exception as e:  # noqa: BLE001 - pdfminer raises anything on bad data
                    problems.append(f"a content stream ({n} bytes, filters {filters}) cannot be decoded "
                                    f"({type(e).__name__})")
                    continue
                text_like = sum(1 for c in data[:4096] if c in (9, 10, 12, 13) or 32 <= c < 127)
                if not data or text_like < 0.9 * min(len(data), 4096):
                    problems.append(f"a content stream ({n} bytes, filters {filters}) decodes to no content")
                elif _PAINT_OPS.search(data):
                    problems.append(f"a content stream ({n} bytes, filters {filters}) draws what cannot be read")
        finally:
            logging.disable(prev)
        return "; ".join(problems[:3]) or None
    except Exception:  # noqa: BLE001 - the check must never cost the page
        return None


# A compressed stream that inflates beyond these is refused before pdfium decodes it (pdfium
# aborts the whole process when an allocation fails: the worker would die, worker_crashed)
INFLATE_MAX = 256 * 1024 * 1024         # bytes one stream may inflate to
INFLATE_BOMB_RATIO = 1000               # ... or above 64 MB at more than this ratio
_INFLATE_CHECK_FROM = 256 * 1024        # smaller files cannot hold a dangerous stream
_STREAM_RE = re.compile(rb"stream\r?\n")


def inflation_problem(path, limit: int = INFLATE_MAX) -> str | None:
    """A Flate stream of the file that inflates to more than ``limit`` bytes (or to more than
    64 MB at over ``INFLATE_BOMB_RATIO`` times its size), found by inflating each stream of
    64 KB or more incrementally and stopping at the bound; None when there is none."""
    import mmap
    import os
    import zlib

    if os.path.getsize(path) < _INFLATE_CHECK_FROM:
        return None
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        for m in _STREAM_RE.finditer(data):
            if data[max(0, m.start() - 3):m.start()] == b"end":   # "endstream" is no stream start
                continue
            start = m.end()
            end = data.find(b"endstream", start)
            if end < 0:
                end = len(data)
            if end - start < 64 * 1024 or b"Flate" not in data[max(0, m.start() - 512):m.start()]:
                continue
            d = zlib.decompressobj()
            out = fed = 0
            pos = start
            try:
                while pos < end and not d.eof:
                    chunk = data[pos:min(pos + 65536, end)]
                    pos += len(chunk)
                    fed += len(chunk)
                    while chunk:
                        piece = d.decompress(chunk, 16 * 1024 * 1024)
                        out += len(piece)
                        chunk = d.unconsumed_tail
                        if out > limit or (out > 64 * 1024 * 1024 and out > INFLATE_BOMB_RATIO * fed):
                            return (f"a compressed stream of {end - start} bytes at offset {start} inflates "
                                    f"to more than {out // (1024 * 1024)} MB")
                        if d.eof:
                            break
            except zlib.error:
                continue        # not Flate data after all (or damaged): pdfium decides
    return None


def page_loads(pdf, i: int, pdfium) -> bool:
    try:
        pdf[i].close()
        return True
    except pdfium.PdfiumError:
        return False


def real_page_count(pdf, declared: int, pdfium) -> int:
    """The pages the page tree really holds: the declared count (/Count) unless its last page
    cannot be loaded, then the largest loadable page index + 1, found by bisection (a /Count of
    1,000,000 over a 4-page tree is 4 pages, not 999,996 damaged ones). Damaged pages in the
    middle are still found page by page (``pages_unreadable``)."""
    if declared <= 1 or page_loads(pdf, declared - 1, pdfium):
        return declared
    lo, hi = -1, declared - 1      # lo loads (or -1), hi does not
    if page_loads(pdf, 0, pdfium):
        lo = 0
    else:
        return declared            # not even the first page: the page loop reports it
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if page_loads(pdf, mid, pdfium):
            lo = mid
        else:
            hi = mid
    return lo + 1
