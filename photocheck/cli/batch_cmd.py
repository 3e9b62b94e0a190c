"""`photocheck batch PATH...`: check many photos in parallel, or watch a booth's hot folder.

Results are written as they arrive (JSONL, CSV, HTML), a progress bar shows on a terminal, and a
summary of verdicts and failed rules ends the run. Exit status as for `check`: 0 all accepted,
1 any rejected, 2 usage error or any file that could not be examined.
"""

from __future__ import annotations

import argparse
import errno
import os
import signal
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from photocheck.batch.discover import Exclusions, find_files, path_key
from photocheck.batch.engine import DEFAULT_TIMEOUT_S, Pool, feed, open_pool
from photocheck.batch.jsonl_report import NotAReport, previous_reports
from photocheck.batch.outcome import Outcome
from photocheck.batch.outputs import OutputError, Outputs
from photocheck.batch.pool import WorkerStartError
from photocheck.batch.progress import Progress
from photocheck.batch.summary import Tally
from photocheck.batch.watch import HotFolder, watch
from photocheck.cli.arg_types import positive_at_most
from photocheck.cli.covering_option import add_covering_option
from photocheck.cli.output import default_lang
from photocheck.report import Text, Verdict
from photocheck.rules import DEFAULT_PROFILE, PROFILES, limit
from photocheck.sniff import FileType, sniff
from photocheck.source import SourceError, load, same_file
from photocheck.textsafe import for_terminal, utf8_clean

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
MAX_TIMEOUT_S = 86_400.0
"""--timeout: a day; longer is a typo (and `inf` overflowed the pool's clock)."""
MAX_POLL_S = 3_600.0
"""--poll: an hour between looks at a hot folder; `1e308` overflowed the sleep."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "batch", help=Text("check many photos in parallel (folders, booth hot folders)"),
        description=Text("Check every file given or found in the given folders, in parallel. "
        "Exit status: 0 all accepted, 1 any rejected, 2 usage error or a file that could not "
        "be examined."),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help=Text("photo files and folders"))
    parser.add_argument("--jobs", "-j", type=int, default=None,
                        help=Text("worker processes (default: one per CPU; 0: in-process, "
                                  "debugging)"))
    parser.add_argument("--profile", choices=sorted(PROFILES), default=DEFAULT_PROFILE,
                        help=Text("online upload (default) or a 35 x 45 mm print"))
    parser.add_argument("--jsonl", type=Path, help=Text("write one JSON report per line here"))
    parser.add_argument("--csv", type=Path, help=Text("write one row per file here"))
    parser.add_argument("--html", type=Path,
                        help=Text("write a browsable report with thumbnails here (the only output "
                        "that keeps images of the photos)"))
    parser.add_argument("--resume", action="store_true",
                        help=Text("skip files already in the --jsonl file and append to the "
                                  "outputs"))
    parser.add_argument("--watch", action="store_true",
                        help=Text("after the first pass, keep checking new files in the folders "
                        "until Ctrl-C"))
    parser.add_argument("--recursive", "-r", action="store_true", help=Text("descend into "
                        "subfolders"))
    parser.add_argument("--timeout", type=positive_at_most(MAX_TIMEOUT_S),
                        default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                        help=Text("give up on a file after this long (default {seconds} s)").format(
                            seconds=DEFAULT_TIMEOUT_S))
    add_covering_option(parser)
    parser.add_argument("--poll", type=positive_at_most(MAX_POLL_S),
                        default=float(limit("batch.watch.poll_s").value),
                        metavar="SECONDS", help=Text("--watch: seconds between looks at the "
                                "folders"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang or default_lang()
    problem = _usage_problem(args)
    if problem:
        print(f"photocheck batch: error: {problem.get(lang)}", file=sys.stderr)
        return EXIT_USAGE
    tally = Tally()
    try:
        done = _resume(args.jsonl, tally) if args.resume else set()
    except NotAReport as exc:
        problem = Text("--resume: {why}; give the --jsonl file an earlier batch wrote, or leave "
                       "out --resume").format(why=for_terminal(str(exc)))
        print(f"photocheck batch: error: {problem.get(lang)}", file=sys.stderr)
        return EXIT_USAGE
    exclude = Exclusions(str(p) for p in (args.jsonl, args.csv, args.html) if p)
    found = find_files(args.paths, args.recursive, exclude, _warn_unreadable)
    # each file once, in order; done names are compared by their real bytes (see _resume)
    paths = [p for p in dict.fromkeys(found) if p not in done]
    try:
        outputs = Outputs(args.profile, jsonl=args.jsonl, csv=args.csv, html=args.html,
                          append=args.resume,
                          done={utf8_clean(p) for p in done} if args.resume else None)
    except OutputError as exc:  # a missing folder, a folder path, a full disk: before any work
        print(f"photocheck batch: error: {for_terminal(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    progress = Progress(len(paths))
    started = time.monotonic()
    code: int | None = None
    previous_sigterm = signal.signal(signal.SIGTERM, _interrupt)  # a booth service's stop
    try:
        with open_pool(args.profile, args.jobs, args.timeout, outputs.wants_thumbnails,
                       lang, args.covering) as pool:
            for outcome in _outcomes(args, pool, paths, done | set(paths), exclude, progress):
                _record(outcome, outputs, tally, progress, args.watch)
    except KeyboardInterrupt:
        code = None if args.watch else EXIT_INTERRUPTED  # Ctrl-C is how --watch ends
    except WorkerStartError as exc:
        print(f"photocheck batch: error: {exc}", file=sys.stderr)
        code = EXIT_USAGE
    except OutputError as exc:  # a full disk mid-run: what was written so far stays readable
        print(f"photocheck batch: error: {for_terminal(str(exc))}", file=sys.stderr)
        code = EXIT_USAGE
    finally:
        signal.signal(signal.SIGTERM, previous_sigterm)
        progress.close()
        _close_outputs(outputs, tally)
    print(tally.render(args.profile, time.monotonic() - started, lang), flush=True)
    return tally.exit_code() if code is None else code


def _outcomes(args: argparse.Namespace, pool: Pool, paths: list[str], seen: set[str],
              exclude: Exclusions, progress: Progress) -> Iterator[Outcome]:
    """The first pass over `paths`, then (with --watch) the hot folder's new and changed files."""
    if not args.watch:
        yield from feed(pool, paths)
        return
    folders = [p for p in args.paths if os.path.isdir(p)]
    folder = HotFolder(folders, args.recursive, exclude, seen)
    folder.remember(paths)  # as they are checked now: a file still being written is seen again
    yield from feed(pool, paths)
    yield from watch(pool, folder, args.poll, on_new=progress.grow)


def _record(outcome: Outcome, outputs: Outputs, tally: Tally, progress: Progress,
            every_file: bool) -> None:
    """Write one outcome everywhere, count it, and show it if it needs the user's attention."""
    outputs.write(outcome)
    tally.add(outcome.report)
    progress.advance(outcome.verdict)
    if every_file or outcome.verdict != Verdict.ACCEPT.value:
        failed = ", ".join(outcome.failed_rules)
        line = f"{outcome.verdict:<6}  {for_terminal(outcome.path)}"
        progress.print(f"{line}  ({failed})" if failed else line)


def _close_outputs(outputs: Outputs, tally: Tally) -> None:
    try:
        outputs.close(tally)
    except OutputError as exc:
        print(f"photocheck batch: error: {for_terminal(str(exc))}", file=sys.stderr)


def _resume(jsonl: Path, tally: Tally) -> set[str]:
    """The files an earlier run already reported (counted into `tally` too)."""
    done = set()
    for report in previous_reports(jsonl):
        done.add(path_key(_real_name(report)))
        tally.add(report, earlier=True)
    return done


def _real_name(report: dict[str, object]) -> str:
    """The path a report was written for, as os.scandir gives it: a name that is not UTF-8 is
    shown as `caf\\xe9.jpg` in "file" and kept exactly in "file_bytes" (hex), so it is never
    confused with a file really named `caf\\xe9.jpg`."""
    raw = report.get("file_bytes")
    if isinstance(raw, str):
        try:
            return os.fsdecode(bytes.fromhex(raw))
        except ValueError:
            pass
    return str(report["file"])


def _usage_problem(args: argparse.Namespace) -> Text | None:
    if args.jobs is not None and args.jobs < 0:
        return Text("--jobs must be 0 (in-process) or more")
    if not args.timeout > 0:
        return Text("--timeout must be positive")
    if not args.poll > 0:
        return Text("--poll must be positive")
    if args.resume and not args.jsonl:
        return Text("--resume needs --jsonl (the file that says which photos are done)")
    if args.watch and not any(os.path.isdir(p) for p in args.paths):
        return Text("--watch needs at least one folder to watch")
    outputs = [p for p in (args.jsonl, args.csv, args.html) if p]
    if len({os.path.realpath(p) for p in outputs}) < len(outputs):
        return Text("--jsonl, --csv and --html must be different files")
    for output in outputs:
        if not _writable_without_blocking(output):
            return Text("{path} is a FIFO nobody reads; give a file, or start the reader first"
                        ).format(path=for_terminal(str(output)))
        if _is_an_input(output, args.paths):
            return Text("{path} is a photo or one of the given files; outputs never overwrite an "
                        "input").format(path=for_terminal(str(output)))
    return None


def _writable_without_blocking(output: Path) -> bool:
    """False for a FIFO with no reader, which opening for writing would wait on for ever."""
    try:
        if not stat.S_ISFIFO(os.stat(output).st_mode):
            return True
        fd = os.open(output, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        return exc.errno != errno.ENXIO  # ENXIO: a FIFO without a reader
    os.close(fd)
    return True


def _is_an_input(output: Path, paths: list[str]) -> bool:
    """Whether writing `output` would destroy a photo: a file given to check, or any file
    whose bytes are an image (a report is text)."""
    if any(same_file(path, output) for path in paths):
        return True
    try:
        head = load(output, read_whole_up_to=64).data[:64]  # regular files only: no FIFO hang
    except SourceError:
        return False
    return sniff(head) not in (FileType.TEXT, FileType.EMPTY, FileType.UNKNOWN)


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM ends the batch like Ctrl-C: outputs closed, summary printed."""
    raise KeyboardInterrupt


def _warn_unreadable(folder: str, exc: OSError) -> None:
    message = Text("cannot read folder {folder}: {reason}").format(
        folder=for_terminal(folder), reason=exc.strerror or str(exc))
    print(f"photocheck batch: {message.get(default_lang())}", file=sys.stderr)
