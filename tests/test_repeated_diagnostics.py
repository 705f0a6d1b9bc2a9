"""`check` on a guide with thousands of the same mistake: at most `MAX_ALIKE` of each kind are
shown, then how many more there are, and a long line is shown around its column without being
copied whole for each diagnostic (the time grows with the guide, not with its square:
benchmarks/bench_check.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ostguide.cli import EXIT_OK, EXIT_PROBLEMS, main
from ostguide.guide.diagnostics import MAX_ALIKE, Diagnostic, Severity, capped


def diagnostic(
    line: int, message: str, help: str = "", severity: Severity = Severity.WARNING
) -> Diagnostic:
    return Diagnostic(Path("g.md"), line, 1, severity, message, help)


def test_each_kind_is_shown_up_to_the_cap_then_counted() -> None:
    links = [diagnostic(n, f"link #{n} points nowhere", "link to a track") for n in range(1, 31)]
    other = diagnostic(40, "track 3 has no title")
    shown, more = capped([*links, other, diagnostic(41, "x", severity=Severity.ERROR)])
    assert shown == [*links[:MAX_ALIKE], other, shown[-1]]
    assert more == ["… and 10 more like this: g.md:1:1: warning: link #1 points nowhere"]


def test_check_prints_twenty_broken_links_of_two_thousand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = tmp_path / "g.md"
    guide.write_text("## 01. A\n\n[0:00] " + "[a](#zz) " * 2_000 + "\n")
    assert main(["check", str(guide)]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.count("points nowhere") == MAX_ALIKE + 1
    assert f"… and 1,980 more like this: {guide}:3:8: warning: link to theme 'zz'" in out
    assert out.endswith("1 guide checked: 0 errors, 2000 warnings\n")
    assert len(out) < 10_000


def test_import_caps_its_diagnostics_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lyrics = tmp_path / "song.lrc"
    lyrics.write_text("[00:01.00] fine\n" + "[99:99.99] broken\n" * 500)
    assert main(["import", str(lyrics)]) in (EXIT_OK, EXIT_PROBLEMS)
    err = capsys.readouterr().err
    assert "… and 480 more like this" in err
