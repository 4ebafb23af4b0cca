"""The report body of a parsed HTML page (extractor/load/html.py reads the page, renders the body):
the page cleaned (scripts, forms, nav/header/footer, hidden elements, comments dropped), the main
content found by where the Han text is, its title, and portal chrome inside it removed
(breadcrumbs, 索引号/发布机构 boxes, 上一篇/下一篇, 打印/关闭, footers, link lists); layout
tables told from data tables."""
from __future__ import annotations

import regex
from lxml import etree

from .chrome import is_page_line
from .textables import CHROME

NON_HAN = regex.compile(r"\P{Han}+")  # deleting the rest counts/keeps Han ~10x faster than findall

DROP_TAGS = {
    "script", "style", "noscript", "template", "head", "title", "iframe", "object", "embed",
    "form", "input", "button", "select", "textarea", "option", "nav", "header", "footer",
    "aside", "svg", "canvas", "audio", "video", "map", "link", "meta",
}
CONTAINER_TAGS = {"div", "section", "article", "main", "center", "body", "html", "font", "span", "td", "form", "blockquote"}

_CHROME = CHROME
_META_BOX_WORDS = ("索引号", "发布机构", "发文机关", "生成日期", "发布日期", "成文日期", "文号", "公开方式",
                   "主题分类", "信息分类", "公开时限", "有效性", "组配分类", "体裁分类", "所属主题")
_TITLE_HINT = regex.compile(r"title|biaoti|bt|tit", regex.I)



def tag_name(el) -> str:
    t = el.tag
    if type(t) is not str:  # comment / processing instruction / entity
        return ""
    t = t.lower()
    return t.rpartition(":")[2] if ":" in t else t


def han_count(s: str) -> int:
    return len(NON_HAN.sub("", s, 0, None, None, False))   # (GIL kept: concurrent False positionally)


# The tree is parsed into plain lxml elements, not lxml.html's HtmlElement: their per-proxy
# Python class lookup cost more than the whole walk.  text_of and drop_element do what HtmlElement's
# text_content() / drop_tree() did; a text-method serialisation is the same string as
# text_content()'s XPath string(), at a third of the cost (and most elements are text-only).
def text_of(el) -> str:
    if el is None:
        return ""
    if len(el) == 0:
        return el.text or ""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)


def nonlink_han(el, memo: "_TextMemo | None" = None) -> int:
    if memo is not None:
        return max(0, memo.han(el) - memo.link_han(el))
    total = han_count(text_of(el))
    links = sum(han_count(text_of(a)) for a in el.iter("a"))
    return max(0, total - links)


class _TextMemo:
    """text_of and the links' Han of elements of a tree that does not change meanwhile
    (find_main: each step's element was the step before's child, read then already)."""

    def __init__(self):
        self._text: dict = {}
        self._links: dict = {}
        self._han: dict = {}
        self._anchors: dict = {}

    def text(self, el) -> str:
        t = self._text.get(el)
        if t is None:
            t = self._text[el] = text_of(el)
        return t

    def han(self, el) -> int:
        n = self._han.get(el)
        if n is None:
            n = self._han[el] = han_count(self.text(el))
        return n

    def link_han(self, el) -> int:
        # (each link's Han counted once: the elements find_main steps through are nested,
        # so every step's links are the links of the steps below it and a few more)
        n = self._links.get(el)
        if n is None:
            anchors = self._anchors
            n = 0
            for a in el.iter("a"):
                h = anchors.get(a)
                if h is None:
                    h = anchors[a] = han_count(text_of(a))
                n += h
            self._links[el] = n
        return n


def is_hidden(el) -> bool:
    get = el.get
    style = get("style")
    if style:   # (no style or an empty one: nothing to read)
        style = style.replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return True
    if get("hidden") is not None:
        return True
    aria = get("aria-hidden")
    return aria is not None and aria.lower() == "true" and tag_name(el) in ("div", "span")


def drop_element(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    # keep the tail text (it belongs to the parent): joined to the previous sibling or parent
    if el.tail:
        previous = el.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + el.tail
        else:
            previous.tail = (previous.tail or "") + el.tail
    parent.remove(el)


def clean_tree(root) -> None:
    # comments, processing instructions, entities (every node whose tag is not a str)
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction, etree.Entity)):
        if el.getparent() is not None:
            drop_element(el)
    # (elements only: the loop above removed every other node; an element without
    # attributes is never hidden)
    # (no parent test: ``root`` is the one element without a parent, and drop_element
    # leaves it; a dropped element's own elements keep theirs)
    for el in list(root.iter(etree.Element)):
        if tag_name(el) in DROP_TAGS or (el.attrib and is_hidden(el)):
            drop_element(el)


def is_meta_box(el, text: str | None = None) -> bool:
    """``text``: ``text_of(el)`` when the caller has it."""
    t = text_of(el) if text is None else text
    return len(t) < 600 and sum(w in t for w in _META_BOX_WORDS) >= 2


def is_chrome(el, tag: str | None = None) -> bool:
    """``tag``: ``tag_name(el)`` when the caller has it."""
    # the element's text read once, its words joined only when the line is short enough to
    # be searched (a content container's whole text was read twice and joined anew)
    raw = text_of(el)
    words = raw.split()
    if not words:
        return False
    if tag is None:
        tag = tag_name(el)
    if tag in ("table", "div", "ul", "ol", "dl") and is_meta_box(el, raw):
        return True
    chars = sum(map(len, words))    # the joined line less its spaces
    if chars + len(words) - 1 <= 120 and _CHROME.search(" ".join(words), None, None, False):  # (GIL kept)
        return True
    if tag in ("ul", "ol", "div", "dl", "table"):
        links = el.findall(".//a")
        if len(links) >= 3:
            link_chars = sum(len(text_of(a).strip()) for a in links)
            if link_chars >= 0.6 * chars:
                return True
    return False


_LINE_TAGS = {"p", "div", "span", "td", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "font", "em", "small",
              "label", "center", "section", "tr", "table", "ul", "dl"}


def page_lines(root) -> list[str]:
    """The page's own metadata lines (发布时间:… 来源:X 浏览次数:…, ``chrome.is_page_line``), each
    the outermost short element (up to 80 characters) stating them, in page order: chrome that
    ``strip_chrome`` drops, kept apart for the metadata (``Document.page_lines``) as the txt
    loader keeps its lines. Only the elements around a text holding a field word are read
    (a short climb from each), not every element's whole text."""
    found: list = []

    def climb(at) -> None:
        best, node = None, at
        while node is not None:
            # (its pieces apart: <span>来源:X</span><span>作者:Y</span> are two fields)
            t = _short_text(node, 80)
            if t is None:
                break
            if tag_name(node) in _LINE_TAGS and is_page_line(t):
                best = (node, t)
            node = node.getparent()
        if best is not None and all(best[0] is not f[0] for f in found):
            found.append(best)

    # each element's text, then its tail (whose element is the parent); the parent looked up
    # only for a tail holding a field word, the words looked for as substrings (~4,000 texts
    # a pass of the dev pages: a regex search and a parent proxy for each)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        s = el.text
        if s and _has_field_word(s):
            climb(el)
        s = el.tail
        if s and _has_field_word(s):
            at = el.getparent()
            if at is not None:
                climb(at)
    # an element found inside another found one is part of that line
    outer = [(n, t) for n, t in found if not any(m is not n and n in set(m.iter()) for m, _ in found)]
    return [t for _, t in outer]


def _has_field_word(s: str) -> bool:
    """``s`` holds a field word (来源 发布, and their traditional forms)."""
    return "来源" in s or "发布" in s or "來源" in s or "發布" in s


def _short_text(node, limit: int) -> str | None:
    """``" ".join(" ".join(node.itertext()).split())`` when it is at most ``limit`` long,
    else None, reading the element's text only until it is longer: the pieces are joined
    by spaces, so their words are the words of the whole and the length only grows (a
    field line straight under <body> used to join the whole page's text to learn that)."""
    words: list[str] = []
    size = -1   # the joined length: the words' lengths and a space between each two
    for piece in node.itertext():
        for w in piece.split():
            size += len(w) + 1
            words.append(w)
        if size > limit:
            return None
    return " ".join(words)


_CHROME_TAGS = frozenset(("p", "div", "ul", "ol", "dl", "li", "span", "table", "td", "h1", "h2", "h3", "h4", "h5", "h6",
                          "a", "font"))


def strip_chrome(root) -> None:
    # innermost-first so a chrome <p> inside content goes without taking its parent
    for el in reversed(list(root.iter())):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        tag = tag_name(el)
        if tag in _CHROME_TAGS:
            if is_chrome(el, tag):
                drop_element(el)


def is_layout_table(tbl) -> bool:
    cells = list(tbl.iter("td", "th"))
    if not any(len(c) for c in cells):
        # text-only cells (most data tables): no cell can hold the page body, so all that
        # matters is whether two non-empty cells are this table's own (the loop below,
        # without looking up the table of every cell)
        own = 0
        for c in cells:
            t = c.text
            if t and t.strip() and closest_table(c) is tbl:
                own += 1
                if own == 2:
                    return False
        return True
    nonempty = []  # (cell, its text): each cell's text is read once
    for c in cells:
        if closest_table(c) is tbl:
            t = text_of(c)
            if t.strip():
                nonempty.append((c, t))
    if len(nonempty) <= 1:
        return True
    # only a cell with 3 block elements inside can be the page body: a table without a
    # cell holding elements (most data tables) needs no Han counting at all
    nonempty = [(c, t) for c, t in nonempty if len(c)]
    if not nonempty:
        return False
    total = han_count(text_of(tbl))
    if total == 0:
        return False
    for c, t in nonempty:
        if len(t) >= 0.8 * total and han_count(t) >= 0.8 * total:
            blocks = sum(1 for x in c.iter("p", "div", "table", "br") if x is not c)
            if blocks >= 3:
                return True
    return False


def closest_table(el):
    p = el.getparent()
    while p is not None and tag_name(p) != "table":
        p = p.getparent()
    return p


def no_child_can_hold(el, children: list, memo: _TextMemo | None = None) -> bool:
    """True when a lower bound of ``nonlink_han(el)`` already shows it is ≥ 50 and more
    than any child could hold 80 % of (a child has at most as many Han as characters).

    Counting the Han of a whole page is the costliest step of find_main; on a flat page
    (body → paragraphs) a prefix of its text settles it."""
    longest = max((len(t) for _, t in children), default=0)
    links = memo.link_han(el) if memo is not None else sum(han_count(text_of(a)) for a in el.iter("a"))
    need = max(50, longest / 0.8) + links  # Han the prefix must show
    text = memo.text(el) if memo is not None else text_of(el)
    size = int(need * 1.5) + 1
    if size >= len(text):
        return False  # no shorter than the whole: count it as before
    lower = han_count(text[:size]) - links
    return lower >= 50 and longest < 0.8 * lower


def find_main(body):
    el = body
    memo = _TextMemo()  # the tree is only read here
    while True:
        children = [(ch, memo.text(ch)) for ch in el if isinstance(ch.tag, str)]
        if no_child_can_hold(el, children, memo):
            return el
        total = nonlink_han(el, memo)
        if total < 50:
            return el
        best = None
        for ch, t in children:
            if len(t) < 0.8 * total:  # fewer characters than the Han needed
                continue
            tag = tag_name(ch)
            if tag == "table":
                if not is_layout_table(ch):
                    continue
            elif tag in ("tbody", "thead", "tr"):
                pass
            elif tag not in CONTAINER_TAGS:
                continue
            h = nonlink_han(ch, memo)
            if h >= 0.8 * total:
                best = ch
                break
        if best is None:
            return el
        el = best


def find_title(root, main) -> str | None:
    """The nearest title-like element before ``main`` (not inside it: the tree is walked in
    document order up to ``main``, and ``main``'s elements all come after it)."""
    candidates = []
    for el in root.iter():
        if el is main:
            break
        if not isinstance(el.tag, str):
            continue
        tag = tag_name(el)
        hint = (el.get("class") or "") + " " + (el.get("id") or "")
        if tag in ("h1", "h2", "h3") or (tag in ("div", "p", "td", "span") and _TITLE_HINT.search(hint)):
            t = " ".join(text_of(el).split())
            if 6 <= han_count(t) <= 80 and len(t) <= 120 and not _CHROME.search(t):
                if el.findall(".//a") and sum(len(text_of(a)) for a in el.findall(".//a")) > 0.5 * len(t):
                    continue
                candidates.append(t)
    return candidates[-1] if candidates else None
