"""Page layout shared by the PDF loader and OCR: characters → lines → paragraphs.

Both readers end in the same model: characters with boxes in PDF points (``lines.Ch``;
pdfium/pdfminer characters, or OCR glyphs), ruled tables with their grid
(``tables.PTable``), and per page the lines and tables in reading order
(``pages.PageItem``). From there the steps are one code for both:

* ``text``: which characters are CJK; joining wrapped pieces without a space between CJK
  (``join_cjk``); the OCR word-spacing rule (``needs_space``);
* ``lines``: characters grouped into visual lines (``build_lines``);
* ``cluster``: column/row boundaries from positions (``cluster``, one function whose two
  behaviours are named parameters);
* ``tables``: a table's cell text, and a table continuing on the next page joined into
  one (``join_tables``);
* ``pages``: a page's items in reading order, page-number lines dropped;
* ``paragraphs``: wrapped lines joined into paragraphs across pages, blocks added to the
  document (``emit``);
* ``words``: the word/glyph boxes the OCR engines hand over.

Modules import only each other and ``model`` (``paragraphs`` also the chrome-line test
of ``textables``); never a loader, so ``pdf`` and ``ocr`` both import this package
without importing each other.
"""
