"""zwgk: turn Chinese government-transparency reports into data (see README.md).

    from extractor import extract
    rec = extract("report.pdf")                                  # a dict, docs/SCHEMA.md
    rec = extract(io.BytesIO(data), name="report.docx")           # bytes or a binary stream
    rec = extract("report.pdf", with_text=True); rec["text"]      # the text offsets point into
"""
from .version import SCHEMA_VERSION, __version__

__all__ = ["SCHEMA_VERSION", "__version__", "extract", "extract_text"]


def extract(path, **options):
    """Extract one document (a path, bytes or a binary stream) into a dict following
    docs/SCHEMA.md. Bad input gives a record with ``errors`` (never raises); an unknown
    option raises TypeError. See :func:`extractor.pipeline.extract`."""
    from .pipeline import extract as _extract

    return _extract(path, **options)


def extract_text(path, **options):
    """The extracted text of a document (what facts' offsets point into), None when unreadable."""
    from .pipeline import extract_text as _extract_text

    return _extract_text(path, **options)
