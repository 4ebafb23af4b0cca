"""The ``zwgk`` command line (also ``python cli.py``)."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .load import SUPPORTED_EXTENSIONS

EPILOG_EXTRACT = """examples:
  zwgk extract reports/ -o out/              # every supported file under reports/
  zwgk extract a.pdf b.docx -o out/ --emit-text
  python cli.py extract corpus -o out

For reports/2017/a.pdf given reports/, the result is out/2017/a.pdf.json.
A file that cannot be read gets a JSON with "errors": [{"code", "message"}];
the run continues and exits 0. Usage errors exit 2.
Supported: """ + " ".join(SUPPORTED_EXTENSIONS)


def iter_inputs(inputs: list[str]):
    """Yield (path, relative display name) for every supported file, sorted."""
    for inp in inputs:
        p = Path(inp)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for f in files:
                    fp = Path(root) / f
                    if fp.suffix.lower() in SUPPORTED_EXTENSIONS and not f.endswith(".gold.json"):
                        found.append(fp)
            for fp in sorted(found):
                yield fp, fp.relative_to(p).as_posix()
        else:
            yield p, p.name


def cmd_extract(args) -> int:
    from .pipeline import extract

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    for path, rel in iter_inputs(args.inputs):
        rec = extract(path, display_path=str(path), emit_text=args.emit_text)
        dest = out / (rel + ".json")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(json.dumps(rec, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="zwgk",
        description="Extract figures, score tables and provenance from Chinese government "
        "information-disclosure reports (政府信息公开/政务公开).",
    )
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    ex = sub.add_parser("extract", help="extract files or folders to JSON",
                        epilog=EPILOG_EXTRACT, formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (recursive)")
    ex.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder")
    ex.add_argument("--emit-text", action="store_true", help="also write the extracted text as NAME.text.txt")
    ex.set_defaults(func=cmd_extract)

    ev = sub.add_parser("eval", help="score extraction against NAME.gold.json files",
                        formatter_class=argparse.RawDescriptionHelpFormatter,
                        epilog="examples:\n  zwgk eval corpus\n  zwgk eval ../shared/corpus/real --min-f1 0.9")
    ev.add_argument("corpus", metavar="CORPUS_DIR")
    ev.add_argument("--out", metavar="OUTDIR", help="also write each document's JSON here")
    ev.add_argument("--min-f1", type=float, default=None, help="exit 1 when values F1 is below X")
    ev.add_argument("--format", dest="formats", action="append", help="only these formats (repeatable)")
    ev.add_argument("--quiet", action="store_true", help="print only the summary")
    ev.add_argument("--json", dest="json_out", metavar="FILE", help="write the scores as JSON")
    ev.set_defaults(func=lambda a: __import__("extractor.evaluate", fromlist=["main"]).run_cli(a))
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = build_parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help(sys.stderr)
        return 2
    return args.func(args)
