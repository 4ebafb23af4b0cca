"""Warnings and errors in plain words for the review page (the code's message follows)."""
from __future__ import annotations

PLAIN = {
    "approximate": "An approximate figure (约/近/余/多/左右) was left out: it is not an exact value.",
    "ambiguous": "A figure could be read more than one way, so no value was given.",
    "ambiguous_split": "Numbers in a table cell ran together and can be split more than one way; no value was given.",
    "conflict": "Two places in the report give different figures for the same thing.",
    "table_row_sum": "A table row does not add up to its stated total.",
    "table_row_shape": "A table row has an unexpected number of cells; its figures were not read.",
    "table_check": "A table's figures do not agree with each other (a check failed).",
    "table_outcome_sum": "The outcomes of applications do not add up to the number handled.",
    "table_channel_sum": "The application channels do not add up to the total received.",
    "table_channel": "A channel figure of the applications table could not be checked.",
    "table_balance": "Applications carried over, received and handled do not balance.",
    "header_unrecognised": "A table header was not recognised, so that table's figures were not read.",
    "unit_assumed": "A unit was not printed next to the figure; the table's unit was assumed.",
    "unit_conflict": "A unit printed in a table cell contradicts its column's unit; no value was given.",
    "score_table_error": "A score table could not be read completely.",
    "needs_ocr": "Some pages have no text layer (a scan): they need OCR to be read.",
    "ocr_unavailable": "Pages need OCR but no OCR engine is installed.",
    "ocr_failed": "OCR failed on some pages.",
    "ocr_time_budget": "OCR ran out of its time budget; the remaining pages were not read.",
    "ocr_pages_limit": "Only part of the scanned pages were read by OCR (page limit).",
    "pages_truncated": "The document is longer than the page limit; the rest was not read.",
    "pages_unreadable": "Some pages could not be read.",
    "pdf_fonts_not_embedded": "The PDF's Chinese fonts are not embedded; its text was read another way.",
    "truncated_input": "The file looks cut short; only part of it was read.",
    "charset_mismatch": "The file declares one character encoding but uses another; it was read with the one it uses.",
    "extension_mismatch": "The file's name says one format but its content is another.",
    "docx_repaired": "The Word file was damaged and repaired while reading.",
    "doc_damaged": "The document is damaged; part of it may be missing.",
    "damaged_text": "Some of the text is damaged (unreadable characters).",
    "empty_content": "The file has no readable content.",
    "no_report_content": "The file does not look like a report (no report text found).",
    "stage_failed": "One step of the extraction failed; results may be incomplete.",
}


def plain(code) -> str:
    """A sentence for a warning or error code (the code itself when unknown)."""
    return PLAIN.get(code, f"Warning “{code}”." if code else "Warning.")


__all__ = ["PLAIN", "plain"]
