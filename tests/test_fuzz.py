"""A bounded fuzz run over the parser and `check`: mutated real guides never raise, always give a
guide or an error, and every diagnostic renders inside the file."""

from __future__ import annotations

import dataclasses
import io
import random
from pathlib import Path

import pytest
from mutations import mutated, seed_guides
from test_properties import assert_well_formed, lines_of

from ostguide.cli import check_guides
from ostguide.guide.parser import parse_bytes, with_tracks
from ostguide.safetext import is_visible


def strings_in(value: object) -> list[str]:
    """Every string in a guide's dataclasses, tuples and their members."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple | list):
        return [text for item in value for text in strings_in(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        members = (getattr(value, field.name) for field in dataclasses.fields(value))
        return [text for member in members for text in strings_in(member)]
    return []


GUIDES = 300
"""Mutated guides per run (about 3 s here; benchmarks/fuzz_guides.py runs 10,000)."""


@pytest.mark.slow
@pytest.mark.parametrize("seed", [8, 2026])
def test_mutated_guides_parse_and_check_without_raising(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    seeds = seed_guides()
    path = tmp_path / "fuzzed.md"
    for number in range(GUIDES // 2):
        data = mutated(rng, seeds)
        result = parse_bytes(data, path)
        assert_well_formed(result, lines_of(data.decode("utf-8-sig", "replace")))
        if result.guide is not None:
            for track in result.guide.tracks:
                track.timeline(track.length)
        path.write_bytes(data)
        out = io.StringIO()
        status = check_guides([str(path)], out)
        assert status == (0 if with_tracks(result).guide is not None else 1), (seed, number)
        assert out.getvalue().rstrip().endswith(("warning", "warnings")), (seed, number)
        assert is_visible(out.getvalue().replace("\n", " ")), (seed, number)  # nothing to obey
        if result.guide is not None:  # a guide that loads holds no control character
            texts = strings_in(result.guide)
            assert all(is_visible(text.replace("\n", " ")) for text in texts), (seed, number)
