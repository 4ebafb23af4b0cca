"""Loaders: one module per format, each ``load(path, source) -> Document``.

``load_document(path)`` picks the loader by extension, fills ``Source`` (sha256,
format) and turns every failure into :class:`ExtractError` with a stable code.

Content sniffing: the file's first bytes decide when they contradict the extension
(:func:`sniff_format`): a PDF named .txt is read as PDF, an HTML page named .pdf as HTML,
a Word 97–2003 or RTF file named .docx by the office loader, a zip package by the loader of
the package format whose member it holds (``sniff.PACKAGES``: word/document.xml is a
.docx) — each with an ``extension_mismatch`` warning; ``source.format`` is the format
actually read. A zip package that holds none of those members is ``unsupported_format``
(named .docx or another package format's extension: that loader's own error). A .docx
that starts as a zip package but has no readable central directory is reported as a
damaged/truncated file, not as "an old Word file".
A file without an extension is read by what its bytes prove (``sniff_no_extension``):
PDF, .docx, Word 97–2003, RTF, HTML, else text when they decode as text; otherwise it
is ``unsupported_format``.

A loader that needs another loader module's function is handed it (``HOOKS``) instead of
importing it: the PDF loader gets the OCR page reader, so ``pdf`` and ``ocr`` do not
import each other (both use the shared ``layout`` package); the text loader gets the
HTML reader (``html.load_markup``), so ``txt`` and ``html`` do not (html imports txt's
decoders).
"""
from __future__ import annotations

import hashlib
import importlib
import io
import os
import zipfile
from pathlib import Path

from ..model import Document, ExtractError, Source, Warning_
from .sniff import PACKAGES, open_package, package_format, sniff_format, sniff_no_extension  # noqa: F401  (re-exported: load.sniff_format)

# extension -> (module, format name)
LOADERS: dict[str, tuple[str, str]] = {
    ".txt": ("txt", "txt"),
    ".text": ("txt", "txt"),
    ".html": ("html", "html"),
    ".htm": ("html", "html"),
    ".shtml": ("html", "html"),
    ".docx": ("docx", "docx"),
    ".pdf": ("pdf", "pdf"),
    ".doc": ("office", "doc"),
    ".wps": ("office", "wps"),
    ".rtf": ("office", "rtf"),
}
SUPPORTED_EXTENSIONS = tuple(sorted(LOADERS))

# What a loader is handed instead of importing another loader module: loader module ->
# {keyword argument of its ``load``: (module, function)}. The PDF loader reads a page
# without a text layer with the OCR page reader, so pdf never imports ocr (ocr imports
# only the shared ``layout`` package); the OCR module is imported on the first page
# that needs it.
HOOKS: dict[str, dict[str, tuple[str, str]]] = {
    "pdf": {"ocr_page": ("ocr", "page_items_or_warn")},
    # a .txt that is a page saved as its script (JS/JSON data holding the report's HTML):
    # read by the html loader, which itself imports txt's decoders
    "txt": {"read_html": ("html", "load_markup")},
}


def _hook(module: str, function: str):
    """``module.function`` of this package, imported when first called."""
    def call(*args, **kwargs):
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)(*args, **kwargs)

    call.__name__ = call.__qualname__ = f"{module}.{function}"
    return call


def file_sha256(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def format_of(path: str | os.PathLike) -> str | None:
    ext = Path(path).suffix.lower()
    return LOADERS[ext][1] if ext in LOADERS else None


# a format proven by the bytes -> (module, format) that reads it instead of the extension's
_SNIFFED: dict[str, tuple[str, str]] = {
    "pdf": ("pdf", "pdf"), "docx": ("docx", "docx"), "doc": ("office", "doc"),
    "rtf": ("office", "rtf"), "html": ("html", "html"),
}


def _reader(fmt: str) -> tuple[str, str] | None:
    """(module, format) that reads a format the bytes prove: a built-in one, or a zip
    package registered in ``PACKAGES`` (read by its extension's loader)."""
    if fmt in _SNIFFED:
        return _SNIFFED[fmt]
    for pkg_fmt, pkg_ext in PACKAGES.values():
        if pkg_fmt == fmt and pkg_ext in LOADERS:
            return LOADERS[pkg_ext]
    return None


def _dispatch(p: Path, ext: str, data: bytes | None = None) -> tuple[str, str, str | None, object]:
    """(module, format, mismatch note, the zip package opened or None) for the file ``p``
    named with ``ext``; ``data``: its bytes when read already (sniffed from them, and a zip
    package's directory parsed once: the .docx loader is handed the open package)."""
    mod_name, fmt = LOADERS[ext]
    if mod_name == "office":  # .doc/.wps/.rtf: office.py sniffs the content itself
        return mod_name, fmt, None, None
    zf = None
    if data is None:
        real = sniff_format(p)
    elif data.startswith(b"PK\x03\x04"):
        zf = open_package(io.BytesIO(data))
        real = package_format(p, zf) if zf is not None else "docx"
    else:
        real = sniff_format(p, data[:4096])
    try:
        mod_name, fmt, note = _target(p, ext, real, mod_name, fmt, zf is not None)
    except BaseException:
        if zf is not None:
            zf.close()
        raise
    if zf is not None and mod_name != "docx":
        zf.close()
        zf = None
    return mod_name, fmt, note, zf


def _target(p: Path, ext: str, real: str | None, mod_name: str, fmt: str, opened: bool) -> tuple[str, str, str | None]:
    """(module, format, mismatch note) for what the bytes proved (``real``); ``opened``:
    the zip package's directory was read already (so it is a zip file)."""
    if real == "docx" and not opened and not zipfile.is_zipfile(p):
        what = "truncated or damaged: a zip package without its central directory"
        raise ExtractError("malformed", f"the file starts as a zip package (.docx) but is {what}")
    if real == "zip":  # a zip package holding none of the members of PACKAGES
        if fmt in {f for f, _ in PACKAGES.values()}:
            return mod_name, fmt, None  # a package format's own loader says what is wrong with it
        members = ", ".join(PACKAGES)
        raise ExtractError("unsupported_format", f"the file named {ext} is a zip package of no format zwgk "
                                                 f"reads (it holds none of {members})")
    target = _reader(real) if real else None
    if target is None or real == fmt:  # nothing proven, or a web archive: the extension decides
        return mod_name, fmt, None
    mod_name, real_fmt = target
    return mod_name, real_fmt, f"the file named {ext} is really a {real_fmt.upper()} file: read as {real_fmt}"


# files up to this size are read once (hashed, sniffed and handed to the loaders that take
# bytes: ``BYTES_LOADERS``); a larger one is hashed in chunks and each step reads it itself
READ_ONCE_MAX = 64 * 1024 * 1024
# loader modules whose ``load`` takes ``data=`` (the file's bytes, or None: read the path);
# the .docx loader also takes ``package=`` (the zip package the dispatcher opened, or None)
BYTES_LOADERS = frozenset(("txt", "html", "docx"))


def load_document(path: str | os.PathLike, *, options: dict | None = None) -> Document:
    """Load any supported file into a Document (not yet normalised).

    Raises ExtractError(code, message) for every file that cannot be read.
    """
    options = options or {}
    p = Path(path)
    ext = p.suffix.lower()
    if not ext and p.is_file():  # no extension: the content decides (see sniff.sniff_no_extension)
        try:
            ext = sniff_no_extension(p) or ""
        except OSError as e:
            raise ExtractError("unreadable", f"cannot read file: {e}") from e
    if ext not in LOADERS:
        raise ExtractError(
            "unsupported_format",
            f"unsupported file extension {ext or '(none)'!r}; supported: {', '.join(SUPPORTED_EXTENSIONS)}",
        )
    try:
        if not p.is_file():
            raise ExtractError("not_found", f"not a readable file: {p}")
        size = p.stat().st_size
        if size == 0:
            raise ExtractError("empty_file", "the file is empty (0 bytes)")
        max_bytes = options.get("max_bytes")
        if max_bytes and size > max_bytes:
            raise ExtractError("too_large", f"file is {size} bytes, above the limit of {max_bytes}")
        if size <= READ_ONCE_MAX:
            data = p.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
        else:
            data = None
            sha = file_sha256(p)
    except PermissionError as e:
        raise ExtractError("unreadable", f"permission denied: {e}") from e
    except OSError as e:
        raise ExtractError("unreadable", f"cannot read file: {e}") from e
    try:
        mod_name, fmt, mismatch, package = _dispatch(p, ext, data)
    except OSError as e:
        raise ExtractError("unreadable", f"cannot read file: {e}") from e
    source = Source(path=str(path), sha256=sha, format=fmt)
    mod = importlib.import_module(f"{__name__}.{mod_name}")
    hooks = {kw: _hook(m, f) for kw, (m, f) in HOOKS.get(mod_name, {}).items()}
    if mod_name in BYTES_LOADERS:
        hooks["data"] = data
    if package is not None:
        hooks["package"] = package
    try:
        doc = mod.load(p, source, options, **hooks)
    except ExtractError:
        raise
    except MemoryError as e:
        raise ExtractError("too_large", "the file needs more memory than allowed") from e
    except RecursionError as e:
        raise ExtractError("malformed", f"{fmt}: structure nested too deeply") from e
    except Exception as e:  # a loader bug or a malformed file: never a traceback
        raise ExtractError("malformed", f"{fmt}: cannot parse file ({type(e).__name__}: {e})") from e
    if mismatch:
        doc.warnings.insert(0, Warning_("extension_mismatch", mismatch))
    return doc
