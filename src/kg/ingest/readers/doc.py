"""Legacy Word (.doc, OLE2) through Debian's ``antiword``.

Why antiword: of the two maintained Debian converters that are small enough for CI, antiword
decodes the Chinese text of the development .doc cleanly, while catdoc 0.95 turns whole
paragraphs of it into mojibake; LibreOffice headless would do as well but is a ~500 MB
install. Antiword's text mode is used without wrapping (``-w 0``: one paragraph a line) and
with the UTF-8 mapping. Its table rows (``|a |b |``) become tab-separated lines like the .docx
reader's. What antiword prints after the body, below a line of dashes (text boxes, headers,
footers such as the page number), is dropped with a note.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from kg.errors import MissingToolError, UnreadableFileError
from kg.ingest.readers.base import ReadResult, clean_line, registry

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_SEPARATOR = re.compile(r"^-{20,}$")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_TIMEOUT_SECONDS = 120  # antiword reads a .doc in milliseconds; more means a damaged file


@cache
def _antiword_version(command: str) -> str:
    usage = subprocess.run([command], capture_output=True, text=True, check=False)
    found = re.search(r"Version:\s*(\S+)", usage.stdout + usage.stderr)
    return f"antiword {found.group(1) if found else 'unknown'}"


def _antiword(path: Path) -> str:
    command = shutil.which("antiword")
    if command is None:
        raise MissingToolError(
            f"{path}: is a legacy Word (.doc) file, read with antiword, which is not installed.",
            fix="install the Debian package antiword (`apt-get install antiword`), or save the"
            " file as .docx",
        )
    return command


def _row(line: str) -> str:
    return "\t".join(clean_line(cell) for cell in line.strip("|").split("|")).rstrip("\t")


class DocReader:
    """A Word 97-2003 document (an OLE2 compound file with a WordDocument stream)."""

    name = "doc"
    suffixes = (".doc",)

    def sniff(self, path: Path, head: bytes) -> bool:
        return head.startswith(OLE2_MAGIC) and _WORD_STREAM in path.read_bytes()

    def read(self, path: Path) -> ReadResult:
        command = _antiword(path)
        done = subprocess.run(
            [command, "-m", "UTF-8.txt", "-w", "0", str(path)],
            capture_output=True,
            check=False,
            timeout=_TIMEOUT_SECONDS,
        )
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip()
            raise UnreadableFileError(
                f"{path}: antiword cannot read this .doc ({message or f'exit {done.returncode}'}).",
                fix="open it in Word or LibreOffice and save it as .docx",
            )
        lines: list[str] = []
        notes: list[str] = []
        raw_lines = done.stdout.decode("utf-8", "replace").splitlines()
        for n, raw in enumerate(raw_lines):
            line = clean_line(raw)
            if _SEPARATOR.match(line):
                dropped = sum(1 for rest in raw_lines[n + 1 :] if rest.strip())
                if dropped:
                    notes.append(
                        f"dropped {dropped} lines antiword prints after the body"
                        " (text boxes, headers, footers)"
                    )
                break
            lines.append(_row(line) if _TABLE_ROW.match(line) else line)
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
        if not text.strip():
            raise UnreadableFileError(
                f"{path}: the Word document has no text.",
                fix="check that it is the document itself (not a scan pasted into Word)",
            )
        return ReadResult(
            text=text,
            page_starts=(0,),
            reader=self.name,
            reader_version=_antiword_version(command),
            notes=tuple(notes),
        )


registry.register("doc", func=DocReader())
