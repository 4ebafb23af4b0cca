"""The ``zwgk`` command line (also ``python cli.py``): the argument parser and ``main``; the
commands themselves are in extractor/commands.py."""
from __future__ import annotations

import argparse
import os
import sys

from .commands import cmd_check, cmd_export, cmd_extract, cmd_review, cmd_show

EPILOG_EXTRACT = """examples:
  zwgk extract reports/ -o out/              # every supported file under reports/
  zwgk extract a.pdf b.docx -o out/ --emit-text
  zwgk extract /share/reports -o out/ --jobs 4 --timeout 60 --max-memory 1024
  zwgk extract reports/ -o out/              # again: skips what is already done
  zwgk extract reports/ -o out/ --force      # redo everything
  zwgk extract share/ -o out/ --include '*.pdf' --exclude 'drafts/*' -v --log-file run.log
  python cli.py extract corpus -o out

Outputs: a folder keeps its own name in OUTDIR: for reports/2017/a.pdf given
reports/, the result is out/reports/2017/a.pdf.json (given reports/2017: out/2017/a.pdf.json;
several folders: each under its own name; "." is named after the current folder, so
`cd reports; zwgk extract . -o out` gives out/reports/...). A file given directly goes to
the top: out/a.pdf.json. --emit-text adds out/reports/2017/a.pdf.text.txt.
Output names are made safe (no "..", undecodable bytes and control characters as
%XX, over-long names shortened with a hash) and never leave OUTDIR: no write goes
through a symbolic link leading out of it. Two inputs never share an output: an input
whose output is already another input's (in this run, or in OUTDIR's manifest from an
earlier run), or is blocked by a folder, gets error `output_collision` in the manifest
and nothing is overwritten. OUTDIR, other zwgk output folders and NAME.text.txt files
next to NAME.json are never taken as inputs. Folders are walked recursively (symlinked
folders are not entered), files are taken in sorted order; the results do not depend
on --jobs. In folders, files without an extension are taken when their bytes are a
report format (PDF, .docx, .doc, RTF, HTML, Chinese text); --include/--exclude GLOB
(repeatable; matched against the path below the folder and the file name) choose among
the files of folders. A .zip has its report members read as inputs, written to
out/reports/a.zip/<member path>.json; unpacking is bounded (10,000 members, 2 GB in all,
a member above 1 MB may not inflate over 200 times; members above --max-bytes, with
absolute or ".." names, or links are left out). Files found but not taken are counted
by reason in the summary (lock_or_temp, excluded, image, not_a_report_format,
zip_refused, zip_member_unsafe; images are not read: put scans in a PDF). Codes and
reasons: docs/CODES.md. -o - is refused: the results are a folder.

A file that cannot be read gets a JSON with "errors": [{"code", "message"}] and the
run goes on. Codes include: empty_file, unsupported_format, malformed, malformed_pdf,
not_docx, encrypted_pdf, too_large (file above --max-bytes, .docx above
--max-unzipped-bytes, or worker above --max-memory), timeout, worker_crashed (the
signal or exit code in its message; the file is tried twice, in fresh workers),
symlink_loop, unreadable, not_found, converter_missing, internal_error.
A file whose result cannot be written (disk_full, write_failed, output_collision)
gets no JSON, only its manifest line, and the run goes on; a rerun retries it.

OUTDIR/manifest.jsonl has one line per input: path, output, sha256, status (ok,
error or needs_ocr), error, seconds, schema_version, input. Outputs are written
atomically (temp file + rename); a rerun skips inputs whose output exists for the
same content sha256 and schema version, so an interrupted run (even kill -9) is
finished by running it again. A rerun redoes files with status needs_ocr (no fact,
pages without text and no OCR done: an OCR engine may be installed since);
--retry-errors also redoes files with errors. One run at a time may write to an
OUTDIR. Workers stop when the main process dies (even kill -9); the lock file records
the run's workers (pid, start time), so a rerun stops any an earlier run left behind.

Progress goes to stderr (a bar on a terminal, a line every 10 s otherwise), then a
summary: counts of ok / errors per code / need OCR / without report content (an error
or portal page: warning no_report_content) / skipped, and the first few files of each,
then files found but not taken, by reason. -v logs a line
per file (-vv and --log-file FILE: also what was skipped or not taken). Exit status:
  0    every file is ok (done now or before)
  1    the run completed, but some files have errors or need OCR
  2    usage error: missing input, bad option, OUTDIR busy, not writable, or a
       symlinked manifest/lock file in it; nothing was done
  3    the run stopped early: the manifest could not be written (e.g. disk full);
       run the same command again to go on
  130  interrupted (Ctrl-C); 143 terminated (SIGTERM); run again to resume
Supported: """  # + the extensions, added in build_parser (extractor.load is imported only then)

EPILOG_EXPORT = """examples:
  zwgk export out/ --to sqlite -o reports.db
  zwgk export out/ --to csv -o reports        # reports.wide.csv, reports.long.csv, ...
  zwgk export out/ --to csv -o reports --excel  # with a UTF-8 BOM for Excel
  zwgk export out/ --to parquet -o data/reports
  zwgk export out/ --to parquet -o data/reports --partition-by year --engine dask --jobs 4

Reads every per-file JSON under OUTDIR (as written by `zwgk extract`) and builds
these tables (SQLite table name in brackets):
  wide (documents)  one row per document: doc_id, report_id, source and document
               fields, agency_simplified, error code, then one column per canonical
               key (patterns/keys.yaml) named with _ for . (applications.received ->
               applications_received); a key no document states still has its column
  reports      one row per report_id (renderings of one report grouped): each key's
               value is the one its renderings agree on (empty when they disagree)
  long (facts) one row per fact: key, column, value, unit, source_unit, page,
               offsets, evidence, rule, origin, raw, chosen (exactly one per document
               and key with a value: the fact it came from; table beats prose).
               Money: value in 元, unit 元, source_unit as printed (万元)
  warnings     every warning: key, code, message, raw, evidence, page, offsets;
               withheld approximate figures (约350条) are rows with code approximate,
               their key and the figure in raw; evidence needs --emit-text
  conflicts    one row per candidate value of a conflict, taken = it is the value
  score_items  one row per score-table item: table, path, criterion, max, score
  data_dictionary  column, key, label, unit, value_type, description of each key column
  checks       one row per finding of the cross-report checks of `zwgk check` (each
               body's series: carry-over, stock and flow, jumps, missing years)
  panel        with --panel: one row per body x kind x year, canonical keys as columns
csv/jsonl/parquet: FILE is a base name, giving FILE.TABLE.EXT: FILE.wide.EXT,
FILE.reports.EXT, FILE.long.EXT, FILE.warnings.EXT, FILE.conflicts.EXT,
FILE.score_items.EXT, FILE.data_dictionary.EXT, FILE.checks.EXT (FILE.panel.EXT)
(a trailing .EXT on FILE is dropped). CSV is UTF-8 (--excel: with a BOM) with a header row; booleans are
true/false, missing values empty; a text cell starting with = + - @ TAB or CR gets a
leading ' so a spreadsheet never runs it as a formula. A folder without results of
`zwgk extract` is an error (exit 2, nothing written); JSON files that are not results
(foreign, truncated, wrong types) are skipped and listed on stderr, and so are inputs
that manifest.jsonl lists without a result JSON (disk_full, output_collision, deleted).
--corrections FILE applies a corrections.json of the review page (`zwgk review`): values take
the corrected value (a value marked wrong is dropped), and the long table's review,
corrected_by and review_note columns say which facts were confirmed, wrong, replaced,
corrected or added, and by which file.
"""


def parse_size(text: str) -> int:
    """``100M``, ``2G``, ``512k`` or plain bytes -> bytes."""
    t = text.strip().lower().removesuffix("b")
    mult = 1
    for suf, m in (("k", 1024), ("m", 1024 ** 2), ("g", 1024 ** 3)):
        if t.endswith(suf):
            t, mult = t[:-1], m
            break
    try:
        v = float(t)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 100M, 2G, 1048576)") from None
    if not v > 0:
        raise argparse.ArgumentTypeError("size must be positive")
    return int(v * mult)


def _positive_int(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if v < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return v


def _positive_float(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not v > 0:
        raise argparse.ArgumentTypeError("must be positive")
    return v


def _default(name: str):
    from .batch import BatchOptions

    return getattr(BatchOptions, name)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="zwgk",
        description="Extract figures, score tables and provenance from Chinese government "
        "information-disclosure reports (政府信息公开/政务公开).",
        epilog="examples:\n  zwgk extract reports/ -o out/\n  zwgk export out/ --to sqlite -o reports.db\n"
               "  zwgk show report.pdf\n  zwgk eval corpus\n\nRun `zwgk COMMAND --help` for the options of a command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from .version import SCHEMA_VERSION, __version__

    ap.add_argument("--version", action="version", version=f"zwgk {__version__} (output schema {SCHEMA_VERSION})")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")
    from .load import SUPPORTED_EXTENSIONS

    ex = sub.add_parser("extract", help="extract files or folders to JSON",
                        epilog=EPILOG_EXTRACT + " ".join(SUPPORTED_EXTENSIONS), formatter_class=argparse.RawDescriptionHelpFormatter)
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (recursive)")
    ex.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="output folder")
    ex.add_argument("--emit-text", action="store_true", help="also write the extracted text as NAME.text.txt")
    ex.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                    help="worker processes (default: CPU count, here %d)" % (os.cpu_count() or 1))
    ex.add_argument("--timeout", type=_positive_float, default=_default("timeout"), metavar="S",
                    help="seconds allowed per file, else error `timeout` (default: %(default)s)")
    ex.add_argument("--max-memory", type=_positive_int, default=_default("max_memory_mb"), metavar="MB",
                    help="memory ceiling per worker in MB, else error `too_large` (default: %(default)s)")
    ex.add_argument("--max-pages", type=_positive_int, default=_default("max_pages"), metavar="N",
                    help="read at most N pages of a PDF; the rest is skipped with a "
                         "`pages_truncated` warning (default: %(default)s)")
    ex.add_argument("--max-bytes", type=parse_size, default=_default("max_bytes"), metavar="SIZE",
                    help="refuse larger input files as `too_large` (default: 100M)")
    ex.add_argument("--max-unzipped-bytes", type=parse_size, default=_default("max_unzipped_bytes"),
                    metavar="SIZE", help="refuse a .docx whose unpacked size is larger (default: 200M)")
    ex.add_argument("--force", action="store_true", help="redo every file, even those already done")
    ex.add_argument("--retry-errors", action="store_true", help="redo files whose previous result has errors")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress and no summary")
    ex.add_argument("--progress", choices=["auto", "bar", "lines", "none"], default="auto",
                    help="progress on stderr (default auto: a bar on a terminal, else a line every 10 s)")
    ex.add_argument("--stats-json", metavar="FILE",
                    help="write run statistics (summary, per-worker peak RSS, stage times) as JSON")
    ex.add_argument("--max-tasks-per-worker", type=_positive_int, default=_default("max_tasks_per_worker"),
                    metavar="K", help="replace a worker after K files to keep memory flat (default: %(default)s)")
    ex.add_argument("--extract-fn", help=argparse.SUPPRESS)  # module:function, for tests/benchmarks
    ex.add_argument("--include", action="append", metavar="GLOB",
                    help="in folders, take only files matching GLOB (path below the folder or file name; "
                         "repeatable), e.g. --include '*.pdf' --include '2017/*'")
    ex.add_argument("--exclude", action="append", metavar="GLOB",
                    help="in folders, leave out files matching GLOB (repeatable), e.g. --exclude 'drafts/*'")
    ex.add_argument("-v", "--verbose", action="count", default=0,
                    help="a log line per file on stderr (-vv: also files skipped or not taken, and why)")
    ex.add_argument("--log-file", metavar="FILE", help="append the -vv log lines to FILE")
    ex.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="local: a pool of --jobs processes on this machine (default); dask: a Dask cluster "
                         "(pip install 'zwgk[dask]'), the same outputs and manifest")
    ex.add_argument("--scheduler", metavar="ADDRESS",
                    help="with --engine dask: a running scheduler (tcp://host:8786); without it a "
                         "LocalCluster of --jobs worker processes is started")
    ex.add_argument("--scheduler-file", metavar="FILE",
                    help="with --engine dask: the file `dask scheduler --scheduler-file FILE` wrote")
    ex.set_defaults(func=cmd_extract)

    xp = sub.add_parser("export", help="build dataset tables (csv/jsonl/sqlite/parquet) from an OUTDIR",
                        epilog=EPILOG_EXPORT, formatter_class=argparse.RawDescriptionHelpFormatter)
    xp.add_argument("outdir", metavar="OUTDIR", help="folder written by `zwgk extract`")
    xp.add_argument("--to", required=True, choices=["csv", "jsonl", "sqlite", "parquet"], help="output format")
    xp.add_argument("-o", "--output", dest="file", required=True, metavar="FILE",
                    help="SQLite database file, or base name for csv/jsonl/parquet")
    xp.add_argument("--excel", action="store_true", help="CSV with a UTF-8 BOM (Excel on Chinese Windows)")
    xp.add_argument("--partition-by", metavar="COLUMN", choices=["year"],
                    help="parquet only: each table a folder FILE.TABLE/ of Hive partitions COLUMN=VALUE/ "
                         "(tables without the column: one part); DuckDB, pandas, Polars, pyarrow and "
                         "dask.dataframe read the folder as one dataset")
    xp.add_argument("-q", "--quiet", action="store_true", help="print only skipped files")
    xp.add_argument("--corrections", metavar="FILE", help="apply a corrections.json of `zwgk review`")
    xp.add_argument("--panel", action="store_true",
                    help="also the panel table: one row per body x kind x year (each body's series, "
                         "see `zwgk check`), canonical keys as columns")
    xp.add_argument("--engine", choices=["local", "dask"], default="local",
                    help="dask (--to parquet): read the JSONs and write the part files on a Dask cluster, "
                         "each table a dataset folder (pip install 'zwgk[dask]')")
    xp.add_argument("--scheduler", metavar="ADDRESS", help="--engine dask: a running scheduler (tcp://host:8786)")
    xp.add_argument("--scheduler-file", metavar="FILE", help="--engine dask: the scheduler's --scheduler-file")
    xp.add_argument("--jobs", type=int, metavar="N",
                    help="--engine dask without an address: a LocalCluster of N workers (default: CPUs)")
    xp.set_defaults(func=cmd_export)

    sp = sub.add_parser("show", help="a terminal view of one document: values with evidence, warnings",
                        formatter_class=argparse.RawDescriptionHelpFormatter,
                        epilog="examples:\n  zwgk show report.pdf            # extracts it now (nothing written)\n"
                               "  zwgk show out/reports/a.pdf.json  # a result of `zwgk extract`\n\n"
                               "Shows the document fields, each value with its unit, origin, page, offsets\n"
                               "and evidence, conflicts, warnings (withheld approximate figures among\n"
                               "them) and errors; --unread adds the figures of the text the result does not\n"
                               "hold (numbers with a measure word no value covers). Exit 0, or 2 when the\n"
                               "file cannot be shown.")
    sp.add_argument("target", metavar="FILE|OUTDIR/REL.json", help="a report file or a per-file JSON")
    sp.add_argument("--text", action="store_true", help="also print the extracted text (FILE only, or with NAME.text.txt)")
    sp.add_argument("--unread", action="store_true",
                    help="also list the figures of the text that no value, table cell, score item or "
                         "warning covers (FILE, or a result with NAME.text.txt)")
    sp.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour (default auto)")
    sp.set_defaults(func=cmd_show)

    ck = sub.add_parser("check", help="cross-report checks over each body's series of reports",
                        formatter_class=argparse.RawDescriptionHelpFormatter,
                        epilog="examples:\n  zwgk check out/\n  zwgk check out/ --aliases my_aliases.yaml --strict\n\n"
                               "Groups the results in OUTDIR into series (one body, one kind, several years;\n"
                               "agency names normalised, aliases from patterns/series.yaml and --aliases),\n"
                               "one report per body and year, and runs the checks declared in\n"
                               "patterns/series.yaml: carry-over of applications, stock and flow of rules and\n"
                               "normative documents, gb2019 上一年项目数量, ten-fold jumps, missing years.\n"
                               "Each finding (ok, mismatch, notice, missing) names both documents, both values\n"
                               "and both evidence snippets; they go to OUTDIR/checks.jsonl (or --findings).\n"
                               "Nothing is corrected. Exit 0 (--strict: 1 when a check finds a mismatch), 2 on\n"
                               "a usage error.")
    ck.add_argument("outdir", metavar="OUTDIR", help="folder written by `zwgk extract`")
    ck.add_argument("--aliases", metavar="FILE", help="YAML: canonical body name -> [other names]")
    ck.add_argument("--findings", metavar="FILE", help="write findings here (default OUTDIR/checks.jsonl)")
    ck.add_argument("--limit", type=_positive_int, default=20, metavar="N", help="findings shown (default 20)")
    ck.add_argument("--strict", action="store_true", help="exit 1 when a check finds a mismatch")
    ck.add_argument("-q", "--quiet", action="store_true", help="no summary")
    ck.set_defaults(func=cmd_check)

    ev = sub.add_parser("eval", help="score extraction against NAME.gold.json files",
                        formatter_class=argparse.RawDescriptionHelpFormatter,
                        epilog="examples:\n  zwgk eval corpus\n  zwgk eval ../shared/corpus/real --min-f1 0.9")
    ev.add_argument("corpus", metavar="CORPUS_DIR",
                    help="a folder (recursive) of report files, each NAME.EXT scored against NAME.gold.json")
    ev.add_argument("--out", metavar="OUTDIR", help="also write each document's JSON here")
    ev.add_argument("--min-f1", type=float, default=None, metavar="X", help="exit 1 when values F1 is below X")
    ev.add_argument("--format", dest="formats", action="append", metavar="RENDERING",
                    help="only files whose name after NAME. is exactly RENDERING, as in the 'values by "
                         "format' lines: txt, gbk.txt, html, docx, pdf, scan.pdf ... (repeatable)")
    ev.add_argument("--quiet", action="store_true", help="print only the summary")
    ev.add_argument("--json", dest="json_out", metavar="FILE", help="write the scores as JSON")
    ev.add_argument("--corrections", metavar="FILE",
                    help="a corrections.json of `zwgk review` as gold for the files it names")
    ev.set_defaults(func=lambda a: __import__("extractor.evaluate", fromlist=["main"]).run_cli(a))

    rv = sub.add_parser("review", help="a static review site of an OUTDIR: see every value's evidence, correct it",
                        formatter_class=argparse.RawDescriptionHelpFormatter,
                        epilog="examples:\n  zwgk extract reports/ -o out/ --emit-text\n  zwgk review out/ -o site/"
                               "   # then open site/index.html\n  zwgk review out/ -o site/ --serve --port 8800\n"
                               "  zwgk export out/ --to csv -o data --corrections corrections.json\n\n"
                               "The site works opened from disk (no server, nothing fetched from the network).\n"
                               "The text comes from NAME.text.txt (extract --emit-text); without it the original\n"
                               "file is read again when it is still there with the same sha256.")
    rv.add_argument("outdir", metavar="OUTDIR", help="folder written by `zwgk extract`")
    rv.add_argument("-o", "--output", required=True, metavar="SITE", help="folder for the site")
    rv.add_argument("--no-reextract", action="store_true",
                    help="never read original files again for documents without NAME.text.txt")
    rv.add_argument("--unread", action="store_true",
                    help="also mark, in each text, the figures the result does not hold (numbers with a "
                         "measure word no value, table cell, score item or warning covers)")
    rv.add_argument("--serve", action="store_true", help="then serve SITE on http://127.0.0.1:PORT/")
    rv.add_argument("--port", type=_positive_int, default=8000, help="port for --serve (default: %(default)s)")
    rv.add_argument("-q", "--quiet", action="store_true", help="no summary")
    rv.set_defaults(func=cmd_review)
    return ap


def _prestart_if_extract(argv: list[str] | None) -> None:
    """For ``extract`` (not ``--help``), launch the worker server before anything else: it
    boots and warms the pipeline while this process imports, parses and walks the inputs.
    Not for one input file: its worker is forked from this process (see
    ``batch.single_file_context``) and a server would only add its own start-up."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] != "extract" or any(a in ("-h", "--help") for a in args):
        return
    try:
        from .batch import prestart
    except Exception:  # pragma: no cover - the real import below reports it
        return
    if _one_input_file(args) or _engine(args) == "dask":  # Dask runs the files in its own workers
        return
    prestart()


def _engine(args: list[str]) -> str | None:
    for i, a in enumerate(args):
        if a == "--engine" and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--engine="):
            return a.split("=", 1)[1]
    return None


def _one_input_file(args: list[str]) -> bool:
    """``extract``'s inputs (``args``: the command line from ``extract`` on) are one regular
    file that is not a zip nor a URL (``batch.one_input_file``)."""
    try:
        ex = build_parser()._subparsers._group_actions[0].choices["extract"]
        takes_value = {o for a in ex._actions if a.nargs != 0 for o in a.option_strings}
    except Exception:  # pragma: no cover - argparse internals changed: start the server
        return False
    inputs, rest = [], iter(args[1:])
    for a in rest:
        if a == "--":
            inputs.extend(rest)
            break
        if a.startswith("-") and a != "-":
            if a in takes_value:  # "--jobs 2" (not "--jobs=2", "-j2")
                next(rest, None)
            continue
        inputs.append(a)
    from .batch import one_input_file

    return one_input_file(inputs)


def _patterns_env_error(argv: list[str] | None) -> str | None:
    """A ZWGK_PATTERNS that is not a patterns folder would give every document empty
    values (each stage failing on its missing YAML) while the run reports ok."""
    env = os.environ.get("ZWGK_PATTERNS")
    args = sys.argv[1:] if argv is None else argv
    if any(a in ("-h", "--help", "--version") for a in args):
        return None
    if env and not os.path.isfile(os.path.join(env, "keys.yaml")):
        return (f"zwgk: error: ZWGK_PATTERNS={env} is not a patterns folder (no keys.yaml in it); "
                "point it at a copy of patterns/ or unset it")
    return None


def main(argv: list[str] | None = None) -> int:
    err = _patterns_env_error(argv)
    if err:
        print(err, file=sys.stderr)
        return 2
    _prestart_if_extract(argv)
    ap = build_parser()
    args = ap.parse_args(argv)
    if not getattr(args, "func", None):
        ap.print_help(sys.stderr)
        return 2
    return args.func(args)
