"""The originals' checksums remembered by stat: an unchanged file is not read again, and a
changed one is hashed again even when its size, or its size and mtime, are the same."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from kg.ingest import hashes
from kg.ingest.hashes import HashCache


def _write(path: Path, data: bytes, *, age_s: float = 60) -> None:
    """Write ``data``, dated ``age_s`` seconds ago (as an original copied in long before)."""
    path.write_bytes(data)
    then = time.time_ns() - int(age_s * 1e9)
    os.utime(path, ns=(then, then))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def cache_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the builds keep the hashes; they run a minute after the files were written (the
    clock of kg.ingest.hashes moved on), so what they hash is remembered."""
    monkeypatch.setattr(hashes, "time_ns", lambda: time.time_ns() + 60 * 10**9)
    return tmp_path / "data" / "originals.json"


def _hashed_again(cache_file: Path, original: Path) -> tuple[str, int]:
    """A later build's cache: the file's checksum, and how many files it read."""
    cache = HashCache(cache_file)
    digest = cache.sha256(original)
    cache.save()
    return digest, cache.hashed


def test_hashes_an_original_whose_size_and_mtime_are_unchanged_is_not_read_again(
    tmp_path: Path, cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = tmp_path / "plan.pdf"
    _write(original, b"%PDF-1.7 the plan")
    assert _hashed_again(cache_file, original) == (_sha(b"%PDF-1.7 the plan"), 1)

    def unread(path: Path) -> str:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(hashes, "file_sha256", unread)
    assert _hashed_again(cache_file, original) == (_sha(b"%PDF-1.7 the plan"), 0)


def test_hashes_a_change_of_the_same_size_with_a_new_mtime_is_detected(
    tmp_path: Path, cache_file: Path
) -> None:
    original = tmp_path / "plan.pdf"
    _write(original, b"value 10%", age_s=120)
    _hashed_again(cache_file, original)
    _write(original, b"value 20%", age_s=60)
    assert _hashed_again(cache_file, original) == (_sha(b"value 20%"), 1)


def test_hashes_a_change_that_keeps_size_and_mtime_is_detected_by_its_ctime(
    tmp_path: Path, cache_file: Path
) -> None:
    original = tmp_path / "plan.pdf"
    _write(original, b"value 10%")
    _hashed_again(cache_file, original)
    stat = original.stat()
    time.sleep(0.01)  # the rewrite gets a later change time, which utime cannot set back
    original.write_bytes(b"value 20%")
    os.utime(original, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert original.stat().st_mtime_ns == stat.st_mtime_ns
    assert _hashed_again(cache_file, original) == (_sha(b"value 20%"), 1)


def test_hashes_a_file_modified_just_before_it_was_hashed_is_hashed_again(
    tmp_path: Path, cache_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hashes, "time_ns", time.time_ns)  # hashed as soon as written
    original = tmp_path / "plan.pdf"
    original.write_bytes(b"just written")  # a second write in the same clock tick could follow
    _hashed_again(cache_file, original)
    assert _hashed_again(cache_file, original)[1] == 1


def test_hashes_a_damaged_cache_file_is_ignored(tmp_path: Path, cache_file: Path) -> None:
    original = tmp_path / "plan.pdf"
    _write(original, b"the plan")
    cache_file.parent.mkdir()
    cache_file.write_text("{not json", encoding="utf-8")
    assert _hashed_again(cache_file, original) == (_sha(b"the plan"), 1)
    assert _hashed_again(cache_file, original) == (_sha(b"the plan"), 0)
