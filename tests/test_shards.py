"""Patching a sorted graph.nq in place of merging it anew: the same bytes as the merge, at the
cost of the change."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from kg import shards
from kg.errors import KgError
from kg.shards import diff_graphs, patch_sorted


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


def test_shards_diff_graphs_equals_the_difference_of_the_merged_graphs(tmp_path: Path) -> None:
    rng = random.Random(9)
    pool = sorted({_line(rng) for _ in range(2_000)})
    old_shard, new_shard = set(pool[:300]), set(pool[200:520])
    # Lines that move between a shard and a cross-document part, either way, stay.
    old_cross, new_cross = set(pool[500:1_900]), set(pool[10:20]) | set(pool[510:2_000])
    removed, added = diff_graphs(
        [_write(tmp_path / "old-a.nq", set(pool[:150])), _write(tmp_path / "old-b.nq", old_shard)],
        _write(tmp_path / "old-cross.nq", old_cross),
        [_write(tmp_path / "new.nq", new_shard)],
        _write(tmp_path / "new-cross.nq", new_cross),
    )
    old, new = old_shard | old_cross, new_shard | new_cross
    assert (removed, added) == (sorted(old - new), sorted(new - old))
    assert pool[15] not in removed and pool[505] not in added


def test_shards_merge_in_several_passes_gives_the_sorted_union(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shards, "_MERGE_BATCH", 3)  # 10 files: sort merges in passes of 3
    lines = [f"<urn:s{i % 7}> <urn:p> <urn:o{i}> <urn:g> .\n".encode() for i in range(40)]
    paths = []
    for k in range(10):
        path = tmp_path / f"{k}.nq"
        path.write_bytes(b"".join(sorted(set(lines[k::10] + lines[:2]))))
        paths.append(path)
    out = tmp_path / "graph.nq"
    shards.merge_sorted(paths, out=out, work=tmp_path)
    assert out.read_bytes() == b"".join(sorted(set(lines)))


def test_shards_sort_lines_sorts_unsorted_files_in_code_point_order_each_line_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shards, "_SORT_BUFFER", "64K")  # sorted in runs on disk, then merged
    rng = random.Random(7)
    lines = [_line(rng) for _ in range(3000)]
    paths = []
    for k in range(3):
        path = tmp_path / f"{k}.nq"
        path.write_bytes(b"".join(lines[k::3] + lines[:50]))  # unsorted, with repeats
        paths.append(path)
    out = tmp_path / "cross.nq"
    shards.sort_lines(paths, out=out, work=tmp_path)
    expected = sorted({line.decode() for line in lines})  # Python's order: code points
    assert out.read_text(encoding="utf-8") == "".join(expected)
