"""The functions behind the subcommands of ``zwgk`` (``extract``, ``export``, ``review``, ``show``,
``check``): each takes the parsed arguments, calls the library and returns the exit code.
The argument parser and ``main`` are in extractor/cli.py."""
from __future__ import annotations

import json
import os
import sys


def cmd_extract(args) -> int:
    from . import batch

    urls = [i for i in args.inputs + [args.output] if "://" in i]  # fsspec URLs (extractor.dask_engine)
    missing = [i for i in args.inputs if "://" not in i and not os.path.lexists(i)]
    if missing:
        print(f"zwgk extract: error: input not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    if args.output == "-":
        print("zwgk extract: error: -o - (standard output) is not supported: the results are a folder "
              "(one JSON per input, a manifest); give a folder, or use `zwgk show FILE` to print one "
              "document", file=sys.stderr)
        return 2
    try:
        batch.configure_logging(args.verbose, args.log_file)
    except batch.BatchError as e:
        print(f"zwgk extract: error: {e}", file=sys.stderr)
        return 2
    if (args.scheduler or args.scheduler_file) and args.engine != "dask":
        print("zwgk extract: error: --scheduler/--scheduler-file need --engine dask", file=sys.stderr)
        return 2
    kw = dict(
        jobs=args.jobs, timeout=args.timeout, max_memory_mb=args.max_memory, max_pages=args.max_pages,
        max_bytes=args.max_bytes, max_unzipped_bytes=args.max_unzipped_bytes, emit_text=args.emit_text,
        force=args.force, retry_errors=args.retry_errors, quiet=args.quiet, progress=args.progress,
        max_tasks_per_worker=args.max_tasks_per_worker, extract_fn=args.extract_fn,
        include=tuple(args.include or ()), exclude=tuple(args.exclude or ()),
    )
    if args.engine == "dask" or urls:
        from . import dask_engine

        if args.engine == "dask":
            opts = dask_engine.DaskOptions(scheduler=args.scheduler, scheduler_file=args.scheduler_file, **kw)
        else:
            opts = batch.BatchOptions(**kw)
        run = dask_engine.run_extract
    else:
        opts = batch.BatchOptions(**kw)
        run = batch.run_batch
    import signal

    def on_term(signum, frame):  # finish like Ctrl-C: workers stopped, manifest compacted
        raise _Terminated()

    try:
        prev_term = signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread
        prev_term = None
    try:
        summary = run(args.inputs, args.output, opts)
    except batch.RunStopped as e:
        if e.summary is not None and not args.quiet:
            print(e.summary.text(), file=sys.stderr)
        print(f"zwgk extract: error: {e}", file=sys.stderr)
        return 3
    except batch.BatchError as e:
        print(f"zwgk extract: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("zwgk extract: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    except _Terminated:
        print("zwgk extract: terminated; run the same command again to resume", file=sys.stderr)
        return 143
    finally:
        if prev_term is not None:
            signal.signal(signal.SIGTERM, prev_term)
    if not args.quiet:
        print(summary.text(), file=sys.stderr)
    if args.stats_json:
        batch.atomic_write(args.stats_json, json.dumps(summary.to_dict(), ensure_ascii=False, indent=1))
    return summary.exit_code()


class _Terminated(BaseException):
    """SIGTERM during a run (a BaseException, like KeyboardInterrupt, so that nothing on
    the way swallows it)."""


def cmd_export(args) -> int:
    from . import export

    if not os.path.isdir(args.outdir):
        print(f"zwgk export: error: not a folder: {args.outdir}", file=sys.stderr)
        return 2
    corrections = None
    if args.corrections:
        from .corrections import CorrectionsError, load

        try:
            corrections = load(args.corrections)
        except CorrectionsError as e:
            print(f"zwgk export: error: {e}", file=sys.stderr)
            return 2
    engine = getattr(args, "engine", "local")
    if engine != "dask" and (args.scheduler or args.scheduler_file):
        print("zwgk export: error: --scheduler/--scheduler-file go with --engine dask", file=sys.stderr)
        return 2
    if engine == "dask" and (args.to != "parquet" or args.excel):
        print("zwgk export: error: --engine dask writes --to parquet only", file=sys.stderr)
        return 2
    try:
        if engine == "dask":
            from .export.on_dask import export_dask

            written = export_dask(args.outdir, args.file, partition_by=args.partition_by, panel=args.panel,
                                  corrections=corrections, jobs=args.jobs, scheduler=args.scheduler,
                                  scheduler_file=args.scheduler_file, quiet=args.quiet)
        else:
            written = export.export(args.outdir, args.to, args.file, corrections=corrections,
                                    excel=args.excel, partition_by=args.partition_by, panel=args.panel)
    except export.ExportError as e:
        print(f"zwgk export: error: {e}", file=sys.stderr)
        return 2
    for f, reason in written.skipped:   # printed even with --quiet: data left out
        print(f"zwgk export: warning: skipped {f}: {reason}", file=sys.stderr)
    if not args.quiet:
        for path, n in written:
            print(f"zwgk export: {path}: {n} rows", file=sys.stderr)
    return 0


def cmd_review(args) -> int:
    from .review import build_site, serve

    if not os.path.isdir(args.outdir):
        print(f"zwgk review: error: not a folder: {args.outdir}", file=sys.stderr)
        return 2
    try:
        result = build_site(args.outdir, args.output, reextract=not args.no_reextract, unread=args.unread)
    except (ValueError, OSError) as e:
        print(f"zwgk review: error: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(result.text(), file=sys.stderr)
    if args.serve:
        serve(args.output, args.port)
    return 0


def cmd_show(args) -> int:
    from . import show

    return show.main(args.target, text=args.text, color=args.color, unread=args.unread)


def cmd_check(args) -> int:
    from . import series

    if not os.path.isdir(args.outdir):
        print(f"zwgk check: error: not a folder: {args.outdir}", file=sys.stderr)
        return 2
    try:
        cfg = series.load_config(user_aliases=args.aliases)
        found, findings = series.check_outdir(args.outdir, cfg)
    except series.SeriesConfigError as e:
        print(f"zwgk check: error: {e}", file=sys.stderr)
        return 2
    out = args.findings or os.path.join(args.outdir, series.CHECKS_FILE)
    try:
        series.write_findings(out, findings)
    except OSError as e:
        print(f"zwgk check: error: cannot write {out}: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(series.summary(found, findings, limit=args.limit), flush=True)
        print(f"findings: {out}", file=sys.stderr)
    bad = any(f["status"] == "mismatch" for f in findings)
    return 1 if (args.strict and bad) else 0
