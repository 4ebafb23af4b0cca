"""Macros of the statistics-table templates (``patterns/tables/*.yaml``, ``macros:``).

A template file may name a regex text once (``THIS_YEAR: '本年度?(?:…)?'``) and write
``<THIS_YEAR>`` in any of its patterns. A macro's text may name other macros: those are
its declared dependencies and it is resolved after them, once. Built in: ``<NUMBERING>``
(``patterns/numbers.yaml`` ``numbering.forms.row_numbering``). ``templates.py`` expands a
file's macros when it loads it; an unknown name, a cycle or a malformed definition is a
:class:`MacroError` there (raised on as its ``TemplateError``).
"""
from __future__ import annotations

import regex

from ..numbers_data import ROW_NUMBERING

#: ``<NAME>`` in a template's patterns (not the ``(?P<name>…)`` of a named group)
_MACRO = regex.compile(r"(?<!\(\?P)<([A-Z][A-Z0-9_]*)>")
_NAME = regex.compile(r"[A-Z][A-Z0-9_]*")
#: macros every template may use without defining them
BUILTIN_MACROS = {"NUMBERING": ROW_NUMBERING}
#: top-level fields that hold no pattern: macros are not expanded there
PLAIN_FIELDS = frozenset(("template", "kind", "title", "examples", "macros"))


class MacroError(ValueError):
    """A template's macros cannot be resolved as written."""


class TemplateMacros:
    """A template file's ``macros:`` (NAME: regex text) over the built-in ones.
    ``<NAME>`` expands to ``(?:text)``, so a macro is one regex item wherever it stands
    (also inside a look-behind: ``(?<!<THIS_YEAR>)处理决定数量``)."""

    def __init__(self, where: str, defs):
        if defs is None:
            defs = {}
        if not isinstance(defs, dict):
            raise MacroError(f"{where}: macros: expected a mapping NAME: pattern")
        for name, text in defs.items():
            if not isinstance(name, str) or not _NAME.fullmatch(name) or not isinstance(text, str):
                raise MacroError(f"{where}: macros: {name!r}: a NAME in capitals and a pattern text")
        self.where = where
        self.defs = {**BUILTIN_MACROS, **defs}
        self._done: dict[str, str] = {}

    def expand(self, src: str, doing: tuple[str, ...] = ()) -> str:
        """``src`` with every ``<NAME>`` replaced by ``(?:…)`` of its resolved text."""
        if "<" not in src:
            return src
        return _MACRO.sub(lambda m: "(?:" + self._resolved(m.group(1), src, doing) + ")", src)

    def _resolved(self, name: str, src: str, doing: tuple[str, ...]) -> str:
        done = self._done.get(name)
        if done is not None:
            return done
        if name not in self.defs:
            raise MacroError(f"{self.where}: unknown macro <{name}> in {src!r}")
        if name in doing:
            cycle = " -> ".join(doing[doing.index(name):] + (name,))
            raise MacroError(f"{self.where}: macros name each other in a cycle: {cycle}")
        text = self._done[name] = self.expand(self.defs[name], doing + (name,))
        return text

    def apply(self, value):
        """``value`` (a template's field: a pattern, a list or mapping of them) expanded."""
        if isinstance(value, str):
            return self.expand(value)
        if isinstance(value, list):
            return [self.apply(v) for v in value]
        if isinstance(value, dict):
            return {k: self.apply(v) for k, v in value.items()}
        return value


def expand_macros(where: str, data: dict) -> dict:
    """A template file's fields with its macros expanded (examples, names and the title as
    written). Every definition must resolve, used or not."""
    macros = TemplateMacros(where, data.get("macros"))
    for name in macros.defs:
        macros.expand(f"<{name}>")
    return {k: (v if k in PLAIN_FIELDS else macros.apply(v)) for k, v in data.items()}


__all__ = ["BUILTIN_MACROS", "PLAIN_FIELDS", "MacroError", "TemplateMacros", "expand_macros"]
