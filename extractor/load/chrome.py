"""Scraped portal chrome: a short line that is a breadcrumb, 打印/关闭, 上一篇, a footer
(版权所有, ICP备 …) is never report content (``CHROME``, ``is_chrome_line``). A chrome line
that states the page's own fields (发布时间:… 来源:X 浏览次数:…) is still the page's metadata:
``is_page_line`` tells the loader to keep it apart (``Document.page_lines``)."""
from __future__ import annotations

import regex


# text of small elements / short lines that are portal chrome, never report content
CHROME = regex.compile(
    r"(?:当前位置|您的位置|所在位置|您现在的位置)\s*[:：]?"
    r"|^\s*(?:上一篇|下一篇|上一条|下一条|上一页|下一页)"
    r"|【\s*(?:打印|关闭|收藏|字体|大|中|小)|打印本页|关闭窗口|打印此页|分享到|扫一扫在手机"
    r"|版权所有|ICP备|网站标识码|公网安备|(?:主办|承办)单位\s*[:：]|技术支持\s*[:：]|网站地图"
    r"|(?:浏览次数|访问量|点击数|阅读次数)\s*[:：]|字体\s*[:：]\s*[\[【]?\s*大|字号\s*[:：]"
    r"|^\s*(?:相关链接|相关文章|相关阅读|相关新闻|相关文件)\s*[:：]?\s*$"
    r"|^\s*(?:来源|发布时间|时间)\s*[:：].{0,40}(?:来源|浏览|字体|点击)"
)


def is_chrome_line(line: str, limit: int = 80) -> bool:
    """A short line of scraped portal chrome (breadcrumb, 打印/关闭, footer, 上一篇…)."""
    s = line.strip()
    # (``concurrent`` False positionally: the ``regex`` module would release the GIL for each
    # of the ~2,400 lines a pass of the dev texts - a worker has one thread)
    return bool(s) and len(s) <= limit and CHROME.search(s, None, None, False) is not None


# a field of the page's own metadata (its publisher or date) on a chrome line
PAGE_FIELD = regex.compile(r"(?<!\p{Han})(?:信息来源|来源|发布机构|发布单位|发布时间|发布日期)\s*[:：]")


def is_page_line(line: str, limit: int = 80) -> bool:
    """A chrome line (``is_chrome_line``) stating the page's publisher or date
    (浏览次数: 信息来源:霍邱县公安局 发布时间:2020-09-24): not report content, but the page's
    metadata, which the document keeps apart from its text."""
    # (the chrome test first: it stops at a line's length, the field search reads the line)
    return is_chrome_line(line, limit) and bool(PAGE_FIELD.search(line))
