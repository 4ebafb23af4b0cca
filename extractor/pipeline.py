"""The one entry point: ``extract(path) -> dict`` (SCHEMA.md).

load -> normalise -> segment -> find (prose rules, table readers) -> reconcile ->
metadata -> output. Each stage is a module with one public function; no stage
reaches back into an earlier one.
"""
from __future__ import annotations

import os

from .model import Document, ExtractError, Findings, Warning_
from .version import SCHEMA_VERSION


def _isolated(stage: str, fn, fallback, warnings: list):
    """Run one find stage; a bug in it costs that stage's results, not the document."""
    try:
        return fn()
    except (MemoryError, RecursionError, KeyboardInterrupt):
        raise
    except Exception as e:  # noqa: BLE001 - any reader bug becomes a warning
        warnings.append(Warning_("stage_failed", f"{stage}: {type(e).__name__}: {e}"))
        return fallback()


def load_and_normalize(path: str | os.PathLike, options: dict | None = None) -> Document:
    from .load import load_document
    from .normalize import normalize

    return normalize(load_document(path, options=options))


def extract_document(doc: Document) -> dict:
    """Run find/reconcile/metadata on a loaded, normalised Document."""
    from . import metadata, output, reconcile, rules, segment
    from .tables import read_tables

    seg = segment.segment(doc)
    failed: list[Warning_] = []
    findings = _isolated("rules", lambda: rules.find_facts(doc, seg), Findings, failed)
    table_findings = _isolated("tables", lambda: read_tables(doc, seg), Findings, failed)
    result = reconcile.reconcile(doc, seg, findings, table_findings)
    meta = _isolated("metadata", lambda: metadata.describe(doc, seg), metadata.empty, failed)
    result["warnings"].extend(failed)
    return output.document_json(doc, meta, result)


def extract(path: str | os.PathLike, *, display_path: str | None = None, **options) -> dict:
    """Extract one file. Bad input gives a record with ``errors``; never raises."""
    from . import output

    shown = display_path if display_path is not None else str(path)
    try:
        doc = load_and_normalize(path, options)
        doc.source.path = shown
        return extract_document(doc)
    except ExtractError as e:
        return output.error_json(shown, e.code, e.message, path=path)
    except RecursionError:
        return output.error_json(shown, "malformed", "document structure nested too deeply", path=path)
    except MemoryError:
        return output.error_json(shown, "too_large", "document needs more memory than allowed", path=path)
    except Exception as e:  # noqa: BLE001 - a bug must not take the caller down
        return output.error_json(shown, "internal_error", f"{type(e).__name__}: {e}", path=path)


__all__ = ["extract", "extract_document", "load_and_normalize", "SCHEMA_VERSION"]
