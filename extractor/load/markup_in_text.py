"""A page saved as its script: the report is an HTML string inside a JS/JSON literal
(``let content = "<p>…</p><table>…"``). ``embedded_markup(text)`` returns that HTML
(unescaped) when one long literal with block tags holds most of the file's Han text,
else None; the txt loader then reads it as HTML."""
from __future__ import annotations

import regex


HAN = regex.compile(r"[\p{Han}]")

# a page saved as its script: the report is an HTML string in a JS/JSON literal
# (let content = "<p>…</p><table>…"), the rest is data (menus, ids). A literal of at least
# this many characters, with block tags in it, holding this share of the file's Han
_MARKUP_TAG = regex.compile(r"<(?:p|div|table|tr|td|th|br|span|h[1-6]|li)\b[^<>]{0,300}>", regex.I)
_STRING_LIT = regex.compile(r'"((?:[^"\\\n]|\\.){200,})"' + r"|'((?:[^'\\\n]|\\.){200,})'")
_JS_ESCAPE = regex.compile(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)", regex.S)
_JS_CHARS = {"n": "\n", "t": "\t", "r": "\r", "b": "", "f": "", "v": ""}
MARKUP_MIN_TAGS = 3
MARKUP_MIN_HAN_SHARE = 0.6


def _js_unescape(s: str) -> str:
    def one(m):
        e = m.group(1)
        if len(e) > 1:
            return chr(int(e[1:], 16))
        return _JS_CHARS.get(e, e)
    return _JS_ESCAPE.sub(one, s)


def _has_tags(s: str) -> bool:
    n = 0
    for _ in _MARKUP_TAG.finditer(s):
        n += 1
        if n >= MARKUP_MIN_TAGS:
            return True
    return False


def embedded_markup(text: str) -> str | None:
    """The HTML a text file carries as a string literal of a script (a crawled page's JS
    or JSON data file: ``let content = "<p>…</p><table>…</table>"``), unescaped, when that
    literal holds most of the file's Chinese text; otherwise None (the text is read as
    lines). Only whole literals with several block tags count: markup quoted in a report
    (a sentence citing ``<br>``) is no page."""
    if not _has_tags(text):
        return None
    han_all = len(HAN.findall(text))
    if not han_all:
        return None
    best, best_han = None, 0
    for m in _STRING_LIT.finditer(text):
        lit = m.group(1) if m.group(1) is not None else m.group(2)
        if not _has_tags(lit):
            continue
        han = len(HAN.findall(lit))
        if han > best_han:
            best, best_han = lit, han
    if best is None or best_han < MARKUP_MIN_HAN_SHARE * han_all:
        return None
    return _js_unescape(best)
