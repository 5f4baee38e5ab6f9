"""The store through the CLI: a killed run resumes to the same files; an unwritable folder exits 2."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from hankg.cli import app; app()"]


def articles(folder: Path, n: int = 48) -> Path:
    """`n` different articles from the bundled corpus (written for this project), one JSONL line each."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    path = folder / "batch.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            text = texts[i % len(texts)] + f"\n\n덧붙임: 이 글은 {i}번째 묶음 기사다."
            row = {"id": f"k{i:03d}", "text": text, "published": "2026-01-18"}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def extract(inputs: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "extract", str(inputs), "--out", str(out), "--quiet"], capture_output=True,
                          text=True, timeout=600)


def committed(db: Path) -> int:
    try:
        con = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_sigkill_then_rerun_gives_the_uninterrupted_files(tmp_path):
    inputs = articles(tmp_path)
    whole, cut = tmp_path / "whole", tmp_path / "cut"
    done = extract(inputs, whole)
    assert done.returncode == 0, done.stderr

    proc = subprocess.Popen([*CLI, "extract", str(inputs), "--out", str(cut), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while committed(cut / "hankg.sqlite") == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kept = committed(cut / "hankg.sqlite")
    assert 0 < kept < 48, "the kill should land mid-run"
    assert not (cut / "facts.jsonl").exists()          # the files are written only when a run ends

    again = extract(inputs, cut)
    assert again.returncode == 0, again.stderr
    assert f"{48 - kept} articles extracted ({kept} already in the graph)" in again.stderr
    for name in ("facts.jsonl", "graph.graphml"):
        assert (cut / name).read_bytes() == (whole / name).read_bytes()


def test_an_output_folder_that_cannot_be_written_exits_2_and_says_why(tmp_path):
    from typer.testing import CliRunner

    from hankg.cli import app

    src = tmp_path / "a.txt"
    src.write_text("권순일 업스테이지 부사장은 13일 모델을 공개했다.", encoding="utf-8")
    blocker = tmp_path / "taken"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(src), "--out", str(blocker / "out"), "--quiet"])
    assert result.exit_code == 2
    assert "cannot open the store" in result.stderr and "taken" in result.stderr
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def test_a_store_that_fills_up_mid_run_exits_2_and_keeps_what_it_had(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from hankg.cli import app
    from hankg.graph import store as store_mod

    inputs = articles(tmp_path, 3)
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["extract", str(inputs), "--out", str(out), "--quiet"]).exit_code == 0
    before = {n: (out / n).read_bytes() for n in ("facts.jsonl", "graph.graphml")}

    def full(self, record, article=None):
        raise store_mod.StoreError(f"cannot write the store {self.path}: database or disk is full")

    monkeypatch.setattr(store_mod.OutputStore, "add", full)
    more = tmp_path / "more.txt"
    more.write_text("윤서하 다온랩 대표는 새 모델을 공개했다.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(more), "--out", str(out), "--quiet"])
    assert result.exit_code == 2
    assert "disk is full" in result.stderr
    assert {n: (out / n).read_bytes() for n in before} == before
    assert committed(out / "hankg.sqlite") == 3


def test_an_old_folder_is_imported_and_the_summary_says_so(tmp_path):
    from typer.testing import CliRunner

    from hankg.cli import app

    inputs = articles(tmp_path, 3)
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(app, ["extract", str(inputs), "--out", str(out), "--quiet"]).exit_code == 0
    before = (out / "facts.jsonl").read_bytes()
    for p in out.glob("hankg.sqlite*"):
        p.unlink()                                   # as the version before the store left it
    result = runner.invoke(app, ["extract", str(inputs), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "0 articles extracted (3 already in the graph)" in result.stderr
    assert "3 records imported from the old facts.jsonl" in result.stderr
    assert (out / "facts.jsonl").read_bytes() == before
