"""The command line, end to end in a subprocess: python -m hoering.analysis INPUT -o OUTPUT."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.unit.analysis.corpus import as_jsonl, generate

ROOT = Path(__file__).resolve().parents[3]


def _run(*args: str, hash_seed: str = "0", stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run([sys.executable, "-m", "hoering.analysis", *args], cwd=ROOT, env=env,
                          input=stdin, capture_output=True, text=True, timeout=120)


def _input_with_a_broken_line(tmp_path: Path) -> Path:
    lines = as_jsonl(generate(240, seed=11)).splitlines()
    lines.insert(5, '{"id": 999, "text": "Ikke ferdig skrevet')
    lines.insert(9, "")
    path = tmp_path / "comments.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cli_writes_the_report_and_skips_a_broken_line_with_its_number(tmp_path):
    source, target = _input_with_a_broken_line(tmp_path), tmp_path / "report.json"
    result = _run(str(source), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "line 6: skipped" in result.stderr
    report = json.loads(target.read_text(encoding="utf-8"))
    assert report["comments"] == 240
    assert [entry["line"] for entry in report["skipped"]] == [6]
    assert {"read", "prepare", "campaigns", "themes", "summary", "participation", "total"} == set(report["timings"])
    assert report["themes"] and report["campaigns"]


def test_cli_gives_the_same_report_under_another_hash_seed_and_writes_to_stdout(tmp_path):
    source, target = _input_with_a_broken_line(tmp_path), tmp_path / "report.json"
    first = _run(str(source), "-o", str(target), hash_seed="1")
    second = _run(str(source), "-o", "-", hash_seed="2")
    assert first.returncode == second.returncode == 0, second.stderr
    reports = [json.loads(target.read_text(encoding="utf-8")), json.loads(second.stdout)]
    for report in reports:
        report.pop("timings")
    assert reports[0] == reports[1]


def test_cli_fails_and_writes_nothing_when_no_line_is_a_comment(tmp_path):
    target = tmp_path / "report.json"
    result = _run("-", "-o", str(target), stdin='{"text": "uten id"}\nikke json\n')
    assert result.returncode == 1
    assert "line 1: skipped: id: missing" in result.stderr and "line 2: skipped" in result.stderr
    assert not target.exists()
