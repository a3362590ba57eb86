"""SHA-256 of files, remembered by their stat, so a rebuild does not read every original.

Each build checks that the originals are still the files their text was read from. Hashing
them all is linear I/O in the corpus (thousands of PDFs and scans); instead a file is hashed
again only when its size, modification or change time, or inode differ from when it was last
hashed. As in git's index, a file modified within two seconds of being hashed is not
remembered (a later write in the same tick of the file system's clock, two seconds on FAT,
would keep its times), so it is hashed again next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from time import time_ns

_RACY_NS = 2_000_000_000  # files changed this close to their hashing are hashed again


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


class HashCache:
    """File -> SHA-256, kept in a JSON file (in the build's data folder) between builds."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.hashed = 0  # files read and hashed by this cache (the others were remembered)
        self._entries: dict[str, list[int | str]] = {}
        self._dirty = False
        if path is not None:
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):  # none yet, or damaged: everything is hashed
                loaded = {}
            if isinstance(loaded, dict):
                self._entries = loaded

    def sha256(self, file: Path) -> str:
        """The file's SHA-256, read again only if its stat changed since it was hashed."""
        key = os.path.abspath(file)
        stamp = _stamp(file.stat())
        entry = self._entries.get(key)
        if entry is not None and entry[:-1] == stamp:
            return str(entry[-1])
        started = time_ns()
        digest = file_sha256(file)
        self.hashed += 1
        after = file.stat()
        settled = started - max(after.st_mtime_ns, after.st_ctime_ns) > _RACY_NS
        if _stamp(after) == stamp and settled:
            self._entries[key] = [*stamp, digest]
            self._dirty = True
        elif self._entries.pop(key, None) is not None:
            self._dirty = True
        return digest

    def save(self) -> None:
        """Write the remembered hashes (atomically), if any changed."""
        if self.path is None or not self._dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._entries, handle)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._dirty = False
