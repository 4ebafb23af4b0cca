"""PLACEHOLDER txt loader (being replaced): UTF-8 only."""
from ..model import DocumentBuilder


def load(path, source, options):
    b = DocumentBuilder(source)
    b.add_paragraph(path.read_bytes().decode("utf-8", "replace"))
    source.encoding = "utf-8"
    return b.build()
