"""Properties of the parser over generated input: whatever it is given, it returns a guide or at
least one error, never raises, and places every diagnostic inside the file."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ostguide.guide.diagnostics import Severity
from ostguide.guide.parser import ParseResult, load_guide, parse_bytes, parse_text

PATH = Path("p.md")
FAST = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def lines_of(text: str) -> list[str]:
    """A text's lines as the format defines them (LF, CRLF or CR end a line)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_well_formed(result: ParseResult, lines: Sequence[str]) -> None:
    """A guide exactly when there is no error; diagnostics sorted and inside the file."""
    has_error = any(d.severity is Severity.ERROR for d in result.diagnostics)
    assert (result.guide is None) == has_error
    assert result.guide is not None or result.errors
    positions = [(d.line, d.column) for d in result.diagnostics]
    assert positions == sorted(positions)
    for diagnostic in result.diagnostics:
        assert 1 <= diagnostic.line <= len(lines), diagnostic
        assert 1 <= diagnostic.column <= len(lines[diagnostic.line - 1]) + 1, diagnostic
        assert diagnostic.render(lines).splitlines()[0] == diagnostic.headline()


@FAST
@given(st.binary(max_size=400))
def test_any_bytes(data: bytes) -> None:
    result = parse_bytes(data, PATH)
    assert_well_formed(result, lines_of(data.decode("utf-8-sig", "replace")))


@FAST
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    result = parse_text(text, PATH)
    assert list(result.lines) == lines_of(text)
    assert_well_formed(result, result.lines)


# Guide-like text ----------------------------------------------------------------------------

DIGITS = st.integers(min_value=0, max_value=130)
GOOD_STAMPS = st.one_of(
    st.builds(lambda m, s: f"{m}:{s % 60:02d}", DIGITS, DIGITS),
    st.builds(lambda m, s, ms: f"{m}:{s % 60:02d}.{ms}", DIGITS, DIGITS, st.integers(0, 999)),
    st.builds(lambda h, m, s: f"{h}:{m % 60:02d}:{s % 60:02d}", DIGITS, DIGITS, DIGITS),
    st.builds(lambda p: f"{p % 101}%", DIGITS),
    st.builds(lambda p, q: f"{p % 100}.{q}%", DIGITS, DIGITS),
)
BROKEN_STAMPS = st.one_of(
    st.sampled_from(["5:75", "1:5", "120%", "1:60:00", "1:05.2500", "45", "abc", "", "~", "1:²"]),
    st.text(alphabet="0123456789:.~%²٣ x", max_size=10),
    st.just("9" * 5000),
)
STAMP_BODIES = st.builds(
    lambda tilde, body: ("~" if tilde else "") + body,
    st.booleans(),
    st.one_of(GOOD_STAMPS, BROKEN_STAMPS),
)
STAMPS = st.one_of(
    st.builds(lambda body: f"[{body}]", STAMP_BODIES),
    st.builds(lambda body: f"[{body}", STAMP_BODIES),
)
TARGETS = st.one_of(
    st.builds(str, st.integers(0, 30)),
    st.builds(lambda d, n: f"{d}-{n:02d}", st.integers(1, 3), st.integers(0, 30)),
    st.builds(lambda n, body: f"{n}@{body}", st.integers(0, 30), STAMP_BODIES),
    st.sampled_from(["friendship", "haruka", "nope", "a.b", "", "1" * 5000, "٣"]),
)
ENCODABLE = st.characters(blacklist_categories=["Cs"])
"""Any character a UTF-8 file can hold (lone surrogates cannot be encoded)."""
LINKS = st.one_of(
    st.builds(lambda text, target: f"[{text}](#{target})", st.text(ENCODABLE, max_size=6), TARGETS),
    st.sampled_from(["[1984](https://example.com)", "[1:05](#1)", "[x][ref]", "[x](#1"]),
)
WORDS = st.text(
    alphabet=st.characters(blacklist_characters="\r\n", blacklist_categories=["Cs"]), max_size=20
)
FRONT_LINES = st.sampled_from(
    [
        'title = "Album"',
        'composer = "Someone"',
        "released = 2006-01-12",
        'released = "2006"',
        "released = 1.5",
        "discs = 2",
        "discs = 0",
        "title = 5",
        'notes = { a = "b" }',
        "[themes]",
        'friendship = "Friendship"',
        'haruka = { name = "Haruka", description = "d" }',
        "shangri = { name = 1 }",
        '"12" = "digits"',
        "themes = 3",
        "title = ",
        "x = [[[",
        "a = " + "[" * 600 + "]" * 600,
        "",
    ]
)
FRONT_MATTER = st.one_of(
    st.just([]),
    st.builds(
        lambda body, closed: ["+++", *body, *(["+++"] if closed else [])],
        st.lists(FRONT_LINES, max_size=6),
        st.booleans(),
    ),
)
HEADINGS = st.one_of(
    st.builds(lambda n, title: f"## {n:02d}. {title}", st.integers(0, 30), WORDS),
    st.builds(lambda d, n, title: f"## {d}-{n}. {title}", st.integers(1, 3), DIGITS, WORDS),
    st.sampled_from(
        ["## 05.", "## 1", "## Afterword", "# Title", "### Part", "##", "## 1" + "0" * 5000]
    ),
)
FIELDS = st.one_of(
    st.builds(lambda words: f"- Also: {words}", WORDS),
    st.builds(lambda body: f"- Length: {body}", STAMP_BODIES),
    st.sampled_from(
        ["- File: a.mp3; b.flac", "- Themes: friendship, nope", "- Mood: calm", "- Files: x", "-"]
    ),
)
BODY_LINES = st.one_of(
    HEADINGS,
    FIELDS,
    st.builds(lambda stamp, words, link: f"{stamp} {words} {link}", STAMPS, WORDS, LINKS),
    st.builds(lambda link, words: f"{link} {words}", LINKS, WORDS),
    st.sampled_from(["", "", "```", "~~~", "> quote", "   "]),
    WORDS,
)
GUIDES = st.builds(
    lambda front, body, newline: newline.join([*front, *body]),
    FRONT_MATTER,
    st.lists(BODY_LINES, max_size=30),
    st.sampled_from(["\n", "\r\n", "\r"]),
)


@pytest.mark.slow
@FAST
@given(GUIDES)
def test_guide_like_text(text: str) -> None:
    result = parse_text(text, PATH)
    assert_well_formed(result, result.lines)
    as_lf = parse_text(text.replace("\r\n", "\n").replace("\r", "\n"), PATH)
    assert [d.headline() for d in as_lf.diagnostics] == [d.headline() for d in result.diagnostics]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(GUIDES, st.sampled_from([b"", b"\xef\xbb\xbf"]), st.binary(max_size=3))
@example("## 00. \n- LENGTH:0", b"", b"\x0b\x01")  # a vertical tab quoted in a message
def test_guide_like_bytes(text: str, bom: bytes, junk: bytes) -> None:
    data = bom + text.encode() + junk
    result = parse_bytes(data, PATH)
    assert_well_formed(result, lines_of(data.decode("utf-8-sig", "replace")))


# A huge guide -------------------------------------------------------------------------------

HUGE = 50 * 1000 * 1000
CHUNK = b"[0:00] A remark with [a link](#1) and nothing else of interest.\n\n"


def huge_guide() -> bytes:
    """A guide with a 50 MB body, built by repetition (well under a second)."""
    head = b'+++\ntitle = "Huge"\n+++\n\n## 01. A\n\n'
    return head + CHUNK * (HUGE // len(CHUNK) + 1)


def test_a_50_mb_guide_is_refused_quickly() -> None:
    data = huge_guide()
    assert len(data) > HUGE
    start = time.perf_counter()
    result = parse_bytes(data, PATH)
    assert time.perf_counter() - start < 1.0
    assert result.guide is None
    (diagnostic,) = result.diagnostics
    assert (diagnostic.line, diagnostic.column, diagnostic.severity) == (1, 1, Severity.ERROR)
    assert diagnostic.message == "guide is 50.0 MB; at most 2 MB is supported"


def test_a_50_mb_guide_file_is_not_even_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    path.write_bytes(huge_guide())
    start = time.perf_counter()
    result = load_guide(path)
    assert time.perf_counter() - start < 1.0
    assert result.guide is None
    assert [d.headline() for d in result.diagnostics] == [
        f"{path}:1:1: error: guide is 50.0 MB; at most 2 MB is supported"
    ]
