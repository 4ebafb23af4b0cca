"""Shared, cached extraction of the bundled and real corpora for the end-to-end tests."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extractor.evaluate import discover, rendering_of

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "corpus"
REAL = ROOT.parent / "shared" / "corpus" / "real"


@lru_cache(maxsize=None)
def extracted(corpus: Path) -> tuple:
    """((path, gold path, rendering, result dict, extracted text), ...) for every gold'd file."""
    from extractor.model import ExtractError
    from extractor.output import error_json
    from extractor.pipeline import extract_document, load_and_normalize

    out = []
    for p, g in discover(corpus):
        try:
            doc = load_and_normalize(p)
            res, text = extract_document(doc), doc.text
        except ExtractError as e:
            res, text = error_json(str(p), e.code, e.message), ""
        out.append((p, g, rendering_of(p, g), res, text))
    return tuple(out)
