"""Shape the per-document JSON of SCHEMA.md."""
from __future__ import annotations

import os

from .model import Document
from .version import SCHEMA_VERSION


def document_json(doc: Document, meta: dict, result: dict) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": doc.source.to_dict(),
        "document": meta,
        "values": result["values"],
        "facts": [f.to_dict() for f in result["facts"]],
        "score_tables": [t.to_dict() for t in result["score_tables"]],
        "conflicts": result["conflicts"],
        "warnings": [w.to_dict() for w in doc.warnings] + [w.to_dict() for w in result["warnings"]],
        "errors": [],
    }


def error_json(shown_path: str, code: str, message: str, path: str | os.PathLike | None = None) -> dict:
    from .load import file_sha256, format_of

    sha = None
    if path is not None:
        try:
            sha = file_sha256(path)
        except OSError:
            sha = None
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": shown_path, "sha256": sha, "format": format_of(shown_path),
                   "pages": None, "encoding": None, "ocr": False},
        "document": {"kind": None, "title": None, "agency": None, "year": None,
                     "date": None, "template": None},
        "values": {},
        "facts": [],
        "score_tables": [],
        "conflicts": [],
        "warnings": [],
        "errors": [{"code": code, "message": message}],
    }
