"""`witsmith check`: the server's diagnostics, headless, in the formats CI systems read."""

from __future__ import annotations

import argparse
import fnmatch
import os
import sys
import traceback
from dataclasses import replace
from pathlib import Path

from witsmith.cli.exit_codes import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from witsmith.cli.report import RENDERERS, CheckResult, Finding
from witsmith.config import ConfigError, Configuration, find_config_file, load_config
from witsmith.diagnostics import Severity
from witsmith.gc_pause import skip_collection_at_exit, tune_for_large_graphs
from witsmith.settings import parse_severities
from witsmith.text import LineIndex
from witsmith.workspace.files import normalize

THRESHOLDS = {"error": Severity.ERROR, "warning": Severity.WARNING, "information": Severity.INFORMATION, "hint": Severity.HINT}


class UsageError(Exception):
    pass


def register(commands) -> None:
    command = commands.add_parser(
        "check",
        help="report the diagnostics of files and folders",
        description=(
            "Check Smithy and WIT files and folders with the language server's diagnostics. "
            "A folder is searched for projects: Smithy codegen.toml and smithy-build.json projects "
            "and loose model files, and WIT packages (each folder holding .wit files, with its deps/)."
        ),
    )
    command.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                         help="files or folders to check (default: .); - reads standard input")
    command.add_argument("--format", choices=sorted(RENDERERS), default="text", help="output format (default: text)")
    command.add_argument("--fail-on", choices=["error", "warning", "information"], default="error",
                         help="the least severity that makes the exit status 1 (default: error)")
    command.add_argument("--show-source", action="store_true",
                         help="show the source line and a caret under each problem (default when the output is a terminal)")
    command.add_argument("--stdin-filename", metavar="NAME", help="the file name of the text read from standard input")
    command.add_argument("--features", action="append", default=[], metavar="NAME[,NAME...]",
                         help="WIT @unstable features to enable")
    command.add_argument("--all-features", action="store_true", help="enable every WIT @unstable feature")
    command.add_argument("--severity", action="append", default=[], metavar="CODE=LEVEL",
                         help="set a rule's severity (error, warning, information, hint) or turn it off")
    command.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                         help="skip files matching the pattern (relative to the checked folder)")
    command.add_argument("--config", type=Path, metavar="FILE",
                         help="use this witsmith.toml or pyproject.toml instead of searching upward")
    command.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    command.add_argument("--allow-empty", action="store_true",
                         help="succeed when the paths hold no Smithy or WIT file (by default that is a usage error)")
    command.set_defaults(run=run)


def _apply_overrides(config: Configuration, args: argparse.Namespace) -> Configuration:
    settings = config.settings
    if args.severity:
        pairs = {}
        for item in args.severity:
            code, sep, level = item.partition("=")
            if not sep or not code.strip():
                raise UsageError(f"--severity {item!r}: expected CODE=LEVEL, e.g. wit/unknown-type=warning")
            pairs[code.strip()] = level
        try:
            severities = parse_severities(pairs)
        except ValueError as error:
            raise UsageError(f"--severity: {error}") from None
        settings = replace(settings, severities={**settings.severities, **severities})
    features = {name.strip() for item in args.features for name in item.split(",") if name.strip()}
    if features:
        settings = replace(settings, wit_features=settings.wit_features | features)
    if args.all_features:
        settings = replace(settings, wit_all_features=True)
    return replace(config, settings=settings, exclude=config.exclude + tuple(args.exclude))


def _display(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return str(path)


def _excluded(path: Path, base: Path, patterns: tuple[str, ...]) -> bool:
    try:
        relative = path.relative_to(base).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(path.name, pattern) for pattern in patterns)


def _check_group(paths: list[Path], config: Configuration, stdin: tuple[Path, bytes] | None, cwd: Path) -> CheckResult:
    from witsmith.features.diagnostics import file_diagnostics
    from witsmith.workspace.project import Workspace, language_of

    workspace = Workspace(config.settings)
    if stdin is not None:
        workspace.files.set_buffer(*stdin)
    # Grouped by project once: a file brings its own package or project, never a root
    # of the other language, and a path inside a given folder adds nothing.
    covered = workspace.add_paths(paths, tops=[cwd])
    limit_message = workspace.index_limit_message()
    if limit_message:
        print(f"witsmith check: {limit_message}", file=sys.stderr)
    base = config.source.parent if config.source else cwd
    if stdin is not None:
        targets = [stdin[0]]
    else:
        # Project files (deps.toml, wasmcloud.toml, ...) with entries refused are reported too.
        project_files = set(workspace.wit.project_files_with_problems())
        targets = [f for f in covered if language_of(f) and not _excluded(f, base, config.exclude)]
        targets += [f for f in sorted(project_files - set(targets)) if not _excluded(f, base, config.exclude)]
    result = CheckResult(files=len(targets))
    for path in targets:
        diagnostics = file_diagnostics(workspace, path)
        if not diagnostics:
            continue
        index = LineIndex(workspace.files.read(path) or b"")
        shown = _display(path, cwd)
        result.findings.extend(Finding.of(shown, d, index) for d in diagnostics)
    return result


def _collect(args: argparse.Namespace) -> CheckResult:
    from witsmith.workspace.project import language_of

    cwd = Path(os.getcwd())
    stdin = None
    paths: list[Path] = []
    for name in args.paths:
        if name == "-":
            if not args.stdin_filename:
                raise UsageError("reading standard input (-) needs --stdin-filename NAME to know the file's language and project")
            path = normalize(args.stdin_filename)
            if language_of(path) is None:
                raise UsageError(f"--stdin-filename {args.stdin_filename}: not a .smithy, .wit or Smithy .json file")
            stdin = (path, sys.stdin.buffer.read())
            paths.append(path)
            continue
        path = normalize(name)
        if not path.exists():
            raise UsageError(f"{name}: no such file or folder")
        if not os.access(path, os.R_OK):
            raise UsageError(f"{name}: cannot read it (permission denied)")
        paths.append(path)
    if stdin is not None and len(paths) > 1:
        raise UsageError("standard input (-) cannot be checked together with other paths")

    groups: dict[Path | None, list[Path]] = {}
    for path in paths:
        source = args.config.resolve() if args.config else find_config_file(path)
        groups.setdefault(source, []).append(path)
    result = CheckResult()
    for source, members in groups.items():
        try:
            config = load_config(source) if source else Configuration()
        except ConfigError as error:
            raise UsageError(str(error)) from None
        config = _apply_overrides(config, args)
        group = _check_group(members, config, stdin, cwd)
        result.findings.extend(group.findings)
        result.files += group.files
    result.findings.sort(key=lambda f: (f.display_path, f.diagnostic.start, f.diagnostic.code))
    if result.files == 0 and not args.allow_empty:
        # A mistyped path must not pass CI silently.
        raise UsageError(f"no Smithy or WIT files found in {', '.join(args.paths)}; check the path, "
                         "or pass --allow-empty if an empty check should succeed")
    return result


def _discard_standard_output() -> None:
    """Point standard output at nowhere, so that the flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def run(args: argparse.Namespace) -> int:
    tune_for_large_graphs()
    skip_collection_at_exit()
    try:
        result = _collect(args)
    except UsageError as error:
        print(f"witsmith check: {error}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as error:  # an internal error must not reach users as a traceback
        if args.debug:
            traceback.print_exc()
        print(f"witsmith check: internal error: {error!r} (run with --debug for details; please report it)", file=sys.stderr)
        return EXIT_USAGE
    show_source = args.show_source or (args.format == "text" and sys.stdout.isatty())
    try:
        sys.stdout.write(RENDERERS[args.format](result, show_source=show_source))
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # `witsmith check | head`: the reader had enough
    except OSError as error:  # a full disk, /dev/full, a closed file
        _discard_standard_output()
        print(f"witsmith check: cannot write the report to standard output: {error.strerror or error}",
              file=sys.stderr)
        return EXIT_USAGE
    threshold = THRESHOLDS[args.fail_on]
    failed = any(f.diagnostic.severity <= threshold for f in result.findings)
    return EXIT_FINDINGS if failed else EXIT_OK
