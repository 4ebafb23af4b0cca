"""``zwgk show FILE|OUTDIR/REL.json``: one document in the terminal, the quick look before
the review page.

    from extractor.show import load_target, render
    rec, text = load_target("report.pdf")          # extracted now, nothing written
    rec, text = load_target("out/2019/a.pdf.json") # a result of `zwgk extract`
    print(render(rec, text))

Shown: source and document fields, errors, then each value with its label, unit (money in
元, with the unit as printed), origin, page, offsets and evidence (the chosen fact of
extractor.export.chosen_index: table beats prose), other.* facts, conflicts, and every
warning (withheld approximate figures among them) with its key, page and evidence. With
``unread=True`` (``--unread``) also the quantities of the text that nothing of the result
covers (extractor.unread).
"""
from __future__ import annotations

import os
import sys

from .export import QUOTED, chosen_index, is_money, offsets, warning_key


class ShowError(Exception):
    pass


def load_target(target: str | os.PathLike) -> tuple[dict, str | None]:
    """(record, extracted text or None) for a per-file JSON or a report file."""
    p = os.fspath(target)
    if not os.path.exists(p):
        raise ShowError(f"not found: {p}")
    if os.path.isdir(p):
        raise ShowError(f"{p} is a folder; give one report file or one OUTDIR/REL.json")
    if p.endswith(".json"):
        from .export import load_record

        rec, reason = load_record(p)
        if rec is not None:
            text = None
            tp = p[:-len(".json")] + ".text.txt"
            if os.path.isfile(tp):
                try:
                    with open(tp, encoding="utf-8") as f:
                        text = f.read()
                except (OSError, ValueError):
                    text = None
            return rec, text
        # a .json is never a report the extractor reads: a result of `zwgk extract` or nothing
        raise ShowError(f"{p}: {reason}" if not reason.startswith("not a zwgk")
                        else f"{p} is not a result of `zwgk extract` ({reason}); give a report file or an OUTDIR/REL.json")
    return _extract(p)


def _extract(path: str) -> tuple[dict, str | None]:
    from . import output
    from .model import ExtractError
    from .pipeline import extract_document, load_and_normalize

    try:
        doc = load_and_normalize(path)
        return extract_document(doc), doc.text
    except ExtractError as e:
        return output.error_json(path, e.code, e.message, path=path), None
    except RecursionError:
        return output.error_json(path, "malformed", "document structure nested too deeply", path=path), None
    except Exception as e:  # noqa: BLE001 - show what went wrong, never a traceback
        return output.error_json(path, "internal_error", f"{type(e).__name__}: {e}", path=path), None


class _Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, s: str, code: str) -> str:
        return f"\033[{code}m{s}\033[0m" if self.color else s


def _one_line(s, limit: int = 90) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= limit else s[:limit - 1] + "…"


def _fmt_value(v, key, unit, units) -> str:
    if isinstance(v, bool):
        return "是 (yes)" if v else "否 (no)"
    if is_money(key, unit, units):
        s = f"{v:,.2f}".rstrip("0").rstrip(".") if isinstance(v, float) else f"{v:,}"
        return f"{s} 元" + (f" (printed in {unit})" if unit and unit != "元" else "")
    return f"{v}" + (f" {unit}" if unit else "")


def _where(page, a, b) -> str:
    parts = []
    if page is not None:
        parts.append(f"p.{page}")
    if a is not None:
        parts.append(f"@{a}-{b}")
    return " ".join(parts) or "-"


def render(rec: dict, text: str | None = None, color: bool = False) -> str:
    from .keys import load_keys

    st = _Style(color)
    labels = {e["key"]: e["label"] for e in load_keys()}
    units = {e["key"]: e["unit"] for e in load_keys()}
    order = {e["key"]: i for i, e in enumerate(load_keys())}
    src = rec.get("source") if isinstance(rec.get("source"), dict) else {}
    doc = rec.get("document") if isinstance(rec.get("document"), dict) else {}
    values = rec.get("values") if isinstance(rec.get("values"), dict) else {}
    facts = [f for f in (rec.get("facts") or []) if isinstance(f, dict)]
    out = [st(f"{src.get('path')}", "1")]
    info = [f"{k}: {doc.get(k)}" for k in ("kind", "template", "year", "agency", "date") if doc.get(k) is not None]
    out.append("  " + ("  ".join(info) or "(no document fields)"))
    if doc.get("title"):
        out.append(f"  title: {_one_line(doc['title'])}")
    fmt = [f"format {src.get('format')}"] + ([f"{src['pages']} pages"] if src.get("pages") else []) \
        + (["OCR"] if src.get("ocr") else []) + ([f"encoding {src['encoding']}"] if src.get("encoding") else [])
    out.append("  " + ", ".join(fmt))
    for e in rec.get("errors") or []:
        if isinstance(e, dict):
            out.append(st(f"ERROR {e.get('code')}: {e.get('message')}", "31;1"))

    out.append("")
    out.append(st(f"Values ({len(values)})", "1"))
    for key in sorted(values, key=lambda k: (order.get(k, 10 ** 6), k)):
        i = chosen_index(rec, key)
        f = facts[i] if i is not None and i < len(facts) else {}
        unit = f.get("unit")
        a, b = offsets(f.get("offset"))
        line = f"  {key:<44} {_fmt_value(values[key], key, unit, units):<22} " \
               f"{(f.get('origin') or '-'):<5} {_where(f.get('page'), a, b)}"
        out.append(st(line, "32"))
        if labels.get(key):
            out.append(f"      {labels[key]}")
        if f.get("evidence") is not None:
            out.append(f"      「{_one_line(f['evidence'])}」  {f.get('rule') or ''}")
    other = [f for f in facts if str(f.get("key", "")).startswith("other.")]
    if other:
        out.append("")
        out.append(st(f"Other facts, no canonical key ({len(other)})", "1"))
        for f in other:
            a, b = offsets(f.get("offset"))
            out.append(f"  {f.get('key'):<44} {_fmt_value(f.get('value'), f.get('key'), f.get('unit'), units):<22} "
                       f"{_where(f.get('page'), a, b)}  「{_one_line(f.get('evidence') or '', 60)}」")

    conflicts = [c for c in (rec.get("conflicts") or []) if isinstance(c, dict)]
    if conflicts:
        out.append("")
        out.append(st(f"Conflicts ({len(conflicts)})", "1"))
        for c in conflicts:
            key = c.get("key")
            taken = f"value {values[key]!r} taken" if key in values else "no value taken"
            out.append(st(f"  {key}: {taken}", "33"))
            for x in c.get("candidates") or []:
                if not isinstance(x, dict):
                    continue
                a, b = offsets(x.get("offset"))
                ev = text[a:b] if text is not None and isinstance(a, int) and isinstance(b, int) else None
                out.append(f"      {x.get('value')!r:<12} {x.get('origin') or '-':<5} {_where(None, a, b)}"
                           + (f"  「{_one_line(ev, 60)}」" if ev else ""))

    warnings = [w for w in (rec.get("warnings") or []) if isinstance(w, dict)]
    out.append("")
    out.append(st(f"Warnings ({len(warnings)})", "1"))
    for w in warnings:
        a, b = offsets(w.get("offset"))
        msg = w.get("message") or ""
        key = warning_key(msg)
        out.append(st(f"  [{w.get('code')}] {_where(w.get('page'), a, b)}  {_one_line(msg, 100)}", "33"))
        ev = text[a:b] if text is not None and isinstance(a, int) and isinstance(b, int) else None
        if ev:
            out.append(f"      「{_one_line(ev, 80)}」")
        elif w.get("code") == "approximate" and (q := QUOTED.search(msg)):
            out.append(f"      withheld: {q.group(1)}" + (f" ({key})" if key else ""))
    return "\n".join(out) + "\n"


def render_unread(rec: dict, text: str | None, color: bool = False) -> str:
    """The quantities of the text that no value, table cell, score item or warning covers."""
    st = _Style(color)
    if text is None:
        return "\n" + st("Figures not read: the extracted text is not available (extract with "
                          "--emit-text, or show the report file itself)", "1") + "\n"
    from .unread import unread

    found = unread(rec, text)
    out = ["", st(f"Figures not read ({len(found)})", "1")]
    for q in found:
        a, b = max(0, q.start - 30), min(len(text), q.end + 12)
        ctx = ("…" if a else "") + _one_line(text[a:q.start], 60) + st(f"[{q.text}]", "1") \
            + _one_line(text[q.end:b], 30) + ("…" if b < len(text) else "")
        out.append(f"  {q.text:<12} {_where(None, q.start, q.end)}  {ctx}")
    return "\n".join(out) + "\n"


def main(target: str, text: bool = False, color: str = "auto", unread: bool = False) -> int:
    try:
        rec, txt = load_target(target)
    except ShowError as e:
        print(f"zwgk show: error: {e}", file=sys.stderr)
        return 2
    use_color = color == "always" or (color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    try:
        sys.stdout.write(render(rec, txt, color=use_color))
        if unread:
            sys.stdout.write(render_unread(rec, txt, color=use_color))
        if text:
            sys.stdout.write("\n--- extracted text ---\n" + (txt if txt is not None else "(not available: "
                             "extract with --emit-text, or show the report file itself)\n"))
    except BrokenPipeError:  # `zwgk show x | head`
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
    return 0


__all__ = ["load_target", "render", "render_unread", "main", "ShowError"]
