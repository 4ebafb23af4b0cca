"""STUB (to be replaced): document metadata."""


def describe(doc, seg) -> dict:
    return {"kind": None, "title": None, "agency": None, "year": None, "date": None, "template": None}
