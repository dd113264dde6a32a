"""AWS-style service models (JSON AST) checked against Smithy's trait packages from a
local Maven repository: `witsmith check` of a ~1 MB model next to Smithy's reference
validator on the same model, and the server's first diagnostics on a ~3 MB model.

    python -m benchmarks.aws_models

The models are generated: one service with `aws.api#service`, `aws.auth#sigv4`,
`aws.protocols#restJson1` and an endpoint rule set, and as many documented
operations (HTTP bindings, input/output/error structures, some with waiters) as
the size asks.  The Maven repository is `../shared/tools/smithy-maven-repo`
(or `$SMITHY_MAVEN_REPO`); the reference is `../shared/tools/smithy-reference`
and needs Java.  Figures on a shared machine are noisy.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.lsp_session import StdioClient

REPO = Path(__file__).resolve().parents[1]
MAVEN_REPO = Path(os.environ.get("SMITHY_MAVEN_REPO", REPO.parent / "shared" / "tools" / "smithy-maven-repo"))
REFERENCE = REPO.parent / "shared" / "tools" / "smithy-reference" / "smithy-reference"
NS = "com.example.bench"
DEPENDENCIES = ["software.amazon.smithy:smithy-aws-traits:1.73.0", "software.amazon.smithy:smithy-waiters:1.73.0",
                "software.amazon.smithy:smithy-rules-engine:1.73.0"]
DOC = ("<p>Returns the description of the requested item, with its attributes, tags and the time it last "
       "changed. Use pagination tokens to list more than one page of results.</p>")


def _operation(index: int) -> dict[str, dict]:
    name = f"GetItem{index}"
    shapes: dict[str, dict] = {}
    traits: dict = {"smithy.api#documentation": DOC, "smithy.api#readonly": {},
                    "smithy.api#http": {"method": "GET", "uri": f"/items{index}/{{ItemId}}", "code": 200}}
    if index % 10 == 0:
        traits["smithy.waiters#waitable"] = {f"Item{index}Exists": {"acceptors": [
            {"state": "success", "matcher": {"success": True}},
            {"state": "retry", "matcher": {"errorType": "ResourceNotFound"}}]}}
    shapes[f"{NS}#{name}"] = {"type": "operation", "input": {"target": f"{NS}#{name}Request"},
                              "output": {"target": f"{NS}#{name}Response"},
                              "errors": [{"target": f"{NS}#ResourceNotFound"}], "traits": traits}
    shapes[f"{NS}#{name}Request"] = {"type": "structure", "members": {
        "ItemId": {"target": f"{NS}#ItemId", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {},
                                                          "smithy.api#documentation": "<p>The item's identifier.</p>"}},
        "NextToken": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "nextToken"}},
        "MaxResults": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpQuery": "maxResults",
                                                                    "smithy.api#range": {"min": 1, "max": 100}}},
    }, "traits": {"smithy.api#input": {}}}
    shapes[f"{NS}#{name}Response"] = {"type": "structure", "members": {
        "Name": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "<p>The item's name.</p>"}},
        "Tags": {"target": f"{NS}#TagList"},
        "Size": {"target": "smithy.api#Long", "traits": {"smithy.api#default": 0}},
        "Updated": {"target": "smithy.api#Timestamp"},
    }, "traits": {"smithy.api#output": {}}}
    return shapes


def model(size_bytes: int) -> str:
    shapes: dict[str, dict] = {
        f"{NS}#ItemId": {"type": "string", "traits": {"smithy.api#pattern": "^[a-z0-9-]+$", "smithy.api#length": {"min": 1, "max": 64}}},
        f"{NS}#Tag": {"type": "structure", "members": {"Key": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
                                                       "Value": {"target": "smithy.api#String"}}},
        f"{NS}#TagList": {"type": "list", "member": {"target": f"{NS}#Tag"}},
        f"{NS}#ResourceNotFound": {"type": "structure", "members": {"Message": {"target": "smithy.api#String"}},
                                   "traits": {"smithy.api#error": "client", "smithy.api#httpError": 404}},
    }
    service = {"type": "service", "version": "2024-01-01", "operations": [], "traits": {
        "aws.api#service": {"sdkId": "Bench", "arnNamespace": "bench", "cloudFormationName": "Bench", "endpointPrefix": "bench"},
        "aws.auth#sigv4": {"name": "bench"}, "aws.protocols#restJson1": {},
        "smithy.api#documentation": "<p>A generated service for benchmarks.</p>",
        "smithy.rules#endpointRuleSet": {"version": "1.0", "parameters": {
            "Region": {"type": "string", "builtIn": "AWS::Region", "required": True, "documentation": "The region."}},
            "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://bench.{Region}.example.com"}}]},
    }}
    shapes[f"{NS}#Bench"] = service
    index = 0
    while True:
        text = json.dumps({"smithy": "2.0", "shapes": shapes}, indent=2)
        if len(text) >= size_bytes:
            return text
        # Grow in steps of ~1% to land near the size without re-serialising per operation.
        for _ in range(max(1, size_bytes // 1500 // 100)):
            shapes.update(_operation(index))
            service["operations"].append({"target": f"{NS}#GetItem{index}"})
            index += 1


def project(root: Path, size_bytes: int) -> Path:
    (root / "model").mkdir(parents=True)
    path = root / "model" / "bench.json"
    path.write_text(model(size_bytes))
    (root / "smithy-build.json").write_text(json.dumps({"version": "1.0", "sources": ["model"], "maven": {
        "repositories": [{"url": MAVEN_REPO.as_uri()}], "dependencies": DEPENDENCIES}}))
    return path


def _installed_env() -> dict[str, str]:
    """The environment of an installed witsmith: installing compiles its modules to bytecode,
    which a source checkout under PYTHONDONTWRITEBYTECODE would compile again on every run."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Wall-clock seconds; the child's CPU seconds are printed too, as they say more on a busy machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd, timeout=600, env=env)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"  {Path(command[0]).name} {' '.join(command[1:3])}: {wall:.2f} s wall, {cpu:.2f} s CPU")
    return wall, result


def check_vs_reference(size_bytes: int = 1_000_000) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = project(root, size_bytes)
        size = path.stat().st_size
        command = [sys.executable, "-m", "witsmith", "check", "--format", "json", "."]
        # Once untimed, so the modules' bytecode exists as it does after an install.
        subprocess.run(command, capture_output=True, cwd=root, timeout=600, env=_installed_env())
        ours, result = _timed(command, root, _installed_env())
        summary = json.loads(result.stdout)["summary"] if result.stdout.startswith("{") else {}
        print(f"witsmith check of a {size / 1e6:.2f} MB JSON AST model: {ours:.2f} s ({summary}){_load_note()}")
        reference = None
        if shutil.which("java") and REFERENCE.is_file():
            reference, ref_result = _timed([str(REFERENCE), str(root / "model")], root)
            errors = sum('"severity":"ERROR"' in line for line in ref_result.stdout.splitlines())
            print(f"reference validator on the same model: {reference:.2f} s ({errors} errors)")
        else:
            print("reference validator: not run (needs Java and ../shared/tools/smithy-reference)")
        rows.append({"benchmark": f"check, {size / 1e6:.1f} MB AWS-style JSON AST model", "value": round(ours, 2),
                     "unit": "s", "target": "<= half the reference" if reference else "-",
                     "met": reference is None or ours <= reference / 2})
        if reference is not None:
            rows.append({"benchmark": "reference validator, same model", "value": round(reference, 2), "unit": "s",
                         "target": "-", "met": True})
    return rows


def _load_note() -> str:
    """The machine's load average, when it says wall-clock figures are inflated."""
    try:
        load = os.getloadavg()[0]
    except OSError:
        return ""
    return f"; load average {load:.1f}: wall times are inflated, CPU times less so" if load > (os.cpu_count() or 1) else ""


def _cpu_seconds(pid: int) -> float:
    """The process's CPU time so far (Linux); NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def first_diagnostics(size_bytes: int = 3_000_000) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = project(root, size_bytes)
        text = path.read_text()
        client = StdioClient(root)
        try:
            uri = path.as_uri()
            cpu_before = _cpu_seconds(client.process.pid)
            sent = client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "json", "version": 1, "text": text}})
            arrived = client.wait_diagnostics(uri, 1)
            seconds = arrived - sent
            cpu = _cpu_seconds(client.process.pid) - cpu_before
        finally:
            client.close()
    print(f"server: first diagnostics on a {len(text) / 1e6:.2f} MB JSON AST model: {seconds:.2f} s wall, "
          f"{cpu:.2f} s of server CPU (the background index of the folder included){_load_note()}")
    return [{"benchmark": f"first diagnostics, {len(text) / 1e6:.1f} MB AWS-style JSON AST model", "value": round(seconds, 2),
             "unit": "s", "target": "<= 1", "met": seconds <= 1}]


def run(quick: bool = False) -> list[dict]:
    if not (MAVEN_REPO / "software").is_dir():
        print(f"note: no Maven repository at {MAVEN_REPO}; the AWS model figures are skipped", file=sys.stderr)
        return []
    return check_vs_reference() + ([] if quick else first_diagnostics())


if __name__ == "__main__":
    for row in run():
        print(row)
