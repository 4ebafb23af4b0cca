"""Loaders: one module per format, each ``load(path, source) -> Document``.

``load_document(path)`` picks the loader by extension, fills ``Source`` (sha256,
format) and turns every failure into :class:`ExtractError` with a stable code.
"""
from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from ..model import Document, ExtractError, Source

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


def file_sha256(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def format_of(path: str | os.PathLike) -> str | None:
    ext = Path(path).suffix.lower()
    return LOADERS[ext][1] if ext in LOADERS else None


def load_document(path: str | os.PathLike, *, options: dict | None = None) -> Document:
    """Load any supported file into a Document (not yet normalised).

    Raises ExtractError(code, message) for every file that cannot be read.
    """
    options = options or {}
    p = Path(path)
    ext = p.suffix.lower()
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
        sha = file_sha256(p)
    except PermissionError as e:
        raise ExtractError("unreadable", f"permission denied: {e}") from e
    except OSError as e:
        raise ExtractError("unreadable", f"cannot read file: {e}") from e
    mod_name, fmt = LOADERS[ext]
    source = Source(path=str(path), sha256=sha, format=fmt)
    mod = importlib.import_module(f"{__name__}.{mod_name}")
    try:
        doc = mod.load(p, source, options)
    except ExtractError:
        raise
    except MemoryError as e:
        raise ExtractError("too_large", "the file needs more memory than allowed") from e
    except RecursionError as e:
        raise ExtractError("malformed", f"{fmt}: structure nested too deeply") from e
    except Exception as e:  # a loader bug or a malformed file: never a traceback
        raise ExtractError("malformed", f"{fmt}: cannot parse file ({type(e).__name__}: {e})") from e
    return doc
