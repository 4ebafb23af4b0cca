"""The one entry point: ``extract(path) -> dict`` (SCHEMA.md).

load -> normalise -> segment -> find (prose rules, table readers, then generic clauses
for the keys they left empty) -> reconcile -> metadata -> output: the stage list is
declared once, in ``stages.py`` (each stage a module with one public function; no stage
reaches back into an earlier one). This module runs it and checks the caller's options.
"""
from __future__ import annotations

import os

from .regexkit import programs
from .regexkit.flags import plain_int_flags

# before the stages' modules compile their patterns: the ``regex`` parser's flags as plain
# ints (the same values; ~20% less CPU to compile, see regexkit/flags.py), and the stored
# programs of patterns compiled before (regexkit/programs.py: the parsers are skipped). Here,
# not in the package's __init__: the batch's main process, which never compiles a pattern,
# does not import ``regex`` at all.
plain_int_flags()
programs.install()

from .model import Document, ExtractError  # noqa: E402
from .version import SCHEMA_VERSION  # noqa: E402


def load_and_normalize(path: str | os.PathLike, options: dict | None = None, *, on_stage=None) -> Document:
    """A file as a normalised Document (the ``stages.LOAD`` stages)."""
    from . import stages

    return stages.run_stages(stages.State(path=path, options=options), stages.LOAD, on_stage).doc


def extract_document(doc: Document, *, on_stage=None) -> dict:
    """Run find/reconcile/metadata/output (the ``stages.FIND`` stages) on a loaded,
    normalised Document: its record. ``on_stage(name, seconds)`` after each stage."""
    from . import numbers, stages

    with numbers.document_memo():   # rules and clauses read the same sentences' quantities
        return stages.run_stages(stages.State(doc=doc), stages.FIND, on_stage).record


# Every option the loaders read (``extract(path, **options)``); anything else is a mistake
# of the caller and raises TypeError naming it, never silently ignored. Other modules that
# add an option register it here (``KNOWN_OPTIONS.add(name)``).
KNOWN_OPTIONS: set[str] = {
    "max_bytes", "max_pages", "max_unzipped_bytes",                       # limits
    "ocr", "ocr_engine", "ocr_lang", "ocr_dpi", "ocr_det_dpi", "ocr_psm", "ocr_threads",
    "ocr_timeout", "ocr_time_budget", "ocr_max_pages", "ocr_deskew", "ocr_denoise",
    "ocr_page_min_conf", "ocr_digit_min_conf", "tesseract_cmd",           # OCR
    "office_reader", "soffice", "convert_timeout",                        # .doc/.wps/.rtf
    "pdf_chars",                                                          # PDF text layer
}


def check_options(options: dict) -> None:
    """TypeError naming each option that no loader reads (a typo must not pass silently)."""
    unknown = sorted(k for k in options if k not in KNOWN_OPTIONS)
    if unknown:
        names = ", ".join(repr(k) for k in unknown)
        raise TypeError(f"extract() got unknown option(s) {names}; known options: "
                        f"{', '.join(sorted(KNOWN_OPTIONS))}")


def _is_stream(obj) -> bool:
    return hasattr(obj, "read") and not isinstance(obj, (str, bytes, os.PathLike))


def _materialise(source, name: str | None, tmpdir: str) -> str:
    """Bytes or a binary stream written to a file in ``tmpdir`` named like ``name`` (its
    extension picks the loader; without one the content is sniffed: see load.sniff)."""
    if _is_stream(source):
        data = source.read()
        if isinstance(data, str):
            raise TypeError("extract() needs a binary stream (open(..., 'rb'), io.BytesIO), "
                            "not a text stream")
    else:
        data = bytes(source)
    base = os.path.basename(str(name)) if name else ""
    if not base or base in (".", ".."):
        base = "document"
    path = os.path.join(tmpdir, base)
    with open(path, "wb") as f:
        f.write(data)
    return path


def extract(path, *, display_path: str | None = None, name: str | None = None,
            with_text: bool = False, **options) -> dict:
    """Extract one document into a dict following docs/SCHEMA.md.

    ``path``: a file path (str or os.PathLike), ``bytes``/``bytearray``/``memoryview``, or a
    binary stream (``open(f, "rb")``, ``io.BytesIO``). For bytes and streams ``name``
    (e.g. ``"report.docx"``) gives the file name whose extension picks the reader; without
    it (or with an unknown extension) the content's first bytes decide (PDF, .docx, Word
    97–2003, RTF, HTML, else text). ``with_text=True`` adds ``result["text"]``: the extracted
    text that every fact's ``offset`` points into. Options (``max_pages=``, ``ocr=``…, see
    ``KNOWN_OPTIONS``) are checked: an unknown one raises TypeError. Bad *input* never
    raises: it gives a record with ``errors``."""
    check_options(options)
    if not isinstance(with_text, bool):
        raise TypeError("extract() option 'with_text' must be True or False")
    if isinstance(path, (bytes, bytearray, memoryview)) or _is_stream(path):
        import tempfile

        shown = display_path if display_path is not None else (name or "<bytes>")
        with tempfile.TemporaryDirectory(prefix="zwgk-") as tmp:
            real = _materialise(path, name, tmp)
            return _extract_file(real, shown, with_text, options)
    if name is not None:
        raise TypeError("extract() option 'name' is for bytes and streams; a path has its own name")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"extract() takes a path, bytes or a binary stream, not {type(path).__name__}")
    shown = display_path if display_path is not None else str(path)
    return _extract_file(path, shown, with_text, options)


def _extract_file(path, shown: str, with_text: bool, options: dict) -> dict:
    from . import output

    text = None
    try:
        # (a process that ran no batch warm-up keeps the programs of the patterns it
        # compiled for the next process: regexkit/programs.per_document)
        with programs.per_document():
            doc = load_and_normalize(path, options)
            doc.source.path = shown
            text = doc.text
            rec = extract_document(doc)
    except ExtractError as e:
        rec = output.error_json(shown, e.code, e.message, path=path)
    except RecursionError:
        rec = output.error_json(shown, "malformed", "document structure nested too deeply", path=path)
    except MemoryError:
        rec = output.error_json(shown, "too_large", "document needs more memory than allowed", path=path)
    except Exception as e:  # noqa: BLE001 - a bug must not take the caller down
        rec = output.error_json(shown, "internal_error", f"{type(e).__name__}: {e}", path=path)
    if with_text:
        rec["text"] = text if not rec.get("errors") else None
    return rec


def extract_text(path, *, name: str | None = None, **options) -> str | None:
    """The extracted text of a document (what ``--emit-text`` writes and facts' offsets
    point into), or None when the file cannot be read."""
    return extract(path, name=name, with_text=True, **options)["text"]


__all__ = ["extract", "extract_text", "check_options", "KNOWN_OPTIONS", "extract_document", "load_and_normalize", "SCHEMA_VERSION"]
