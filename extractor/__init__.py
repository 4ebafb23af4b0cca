"""zwgk: turn Chinese government-transparency reports into data (see README.md)."""
from .version import SCHEMA_VERSION, __version__

__all__ = ["SCHEMA_VERSION", "__version__", "extract"]


def extract(path, **options):
    """Extract one file into a dict following SCHEMA.md (never raises for bad input)."""
    from .pipeline import extract as _extract

    return _extract(path, **options)
