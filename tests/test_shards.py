"""Patching a sorted graph.nq in place of merging it anew: the same bytes as the merge, at the
cost of the change."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from kg import shards
from kg.errors import KgError
from kg.shards import patch_sorted


def _line(rng: random.Random) -> bytes:
    """An N-Quads-like line: IRIs, and now and then a literal longer than the search's scan."""
    subject = f"<https://w3id.org/policy-kg/id/doc-{rng.randrange(50):02d}/t{rng.randrange(10**6)}>"
    size = rng.choice([5, 40, 20_000]) if rng.random() < 0.05 else rng.randrange(1, 60)
    literal = "值" * size
    return f'{subject} <https://w3id.org/policy-kg/ontology#p> "{literal}" <urn:g> .\n'.encode()


def _write(path: Path, lines: set[bytes]) -> Path:
    path.write_bytes(b"".join(sorted(lines)))
    return path


@pytest.mark.parametrize("seed", range(6))
def test_shards_patch_sorted_gives_the_sorted_kept_and_added_lines(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    graph = {_line(rng) for _ in range(3_000)}
    ordered = sorted(graph)
    removed = set(rng.sample(ordered, 40)) | {ordered[0], ordered[-1]}
    added = {_line(rng) for _ in range(60)} - graph
    added |= {b"<a> <b> <c> <g> .\n", b"<~> <b> <c> <g> .\n"}  # before the first, after the last
    out = tmp_path / "out.nq"
    delta = patch_sorted(
        _write(tmp_path / "graph.nq", graph),
        removed=_write(tmp_path / "removed.nq", removed),
        added=_write(tmp_path / "added.nq", added),
        out=out,
    )
    assert out.read_bytes() == b"".join(sorted((graph - removed) | added))
    assert delta == len(added) - len(removed)


def test_shards_patch_sorted_copies_without_copy_file_range(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unsupported(*_: object) -> int:
        raise OSError("copy_file_range is not supported here")

    monkeypatch.setattr(shards.os, "copy_file_range", unsupported)
    rng = random.Random(7)
    graph = {_line(rng) for _ in range(500)}
    removed = set(sorted(graph)[100:110])
    added = {_line(rng) for _ in range(10)} - graph
    out = tmp_path / "out.nq"
    patch_sorted(
        _write(tmp_path / "graph.nq", graph),
        removed=_write(tmp_path / "removed.nq", removed),
        added=_write(tmp_path / "added.nq", added),
        out=out,
    )
    assert out.read_bytes() == b"".join(sorted((graph - removed) | added))


def test_shards_patch_sorted_refuses_a_graph_without_a_line_to_remove(tmp_path: Path) -> None:
    rng = random.Random(8)
    graph = {_line(rng) for _ in range(200)}
    stranger = {b"<https://w3id.org/policy-kg/id/doc-10/zzz> <p> <o> <g> .\n"} - graph
    with pytest.raises(KgError, match="does not hold a line"):
        patch_sorted(
            _write(tmp_path / "graph.nq", graph),
            removed=_write(tmp_path / "removed.nq", stranger),
            added=_write(tmp_path / "added.nq", set()),
            out=tmp_path / "out.nq",
        )
    assert os.path.getsize(tmp_path / "graph.nq") > 0
