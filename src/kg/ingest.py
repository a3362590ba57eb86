"""Ingest: the manifest, the raw texts, what the texts say about themselves, and the errata.

Everything here works on the raw file text: offsets returned by this module index the decoded
text exactly as read (a UTF-8 BOM is the only thing ever removed, and that is noted), so that
later steps can quote ``raw[start:end]``.

The metadata rules are written for Chinese government documents in general, not for the
corpus files: hard line breaks may fall anywhere (inside words and numbers), brackets come
full- or half-width, and digits may carry spaces ("2024 年 1月 8日").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import paths
from kg.errors import InputError, ManifestError
from kg.model import DocMetadata, Erratum, Source

__all__ = [
    "DecodedText",
    "ErratumEntry",
    "check_structure",
    "crosscheck",
    "extract_metadata",
    "find_erratum_spans",
    "load_errata",
    "load_manifest",
    "normalize_doc_number",
    "read_source_text",
]

# --------------------------------------------------------------------------------------------
# Manifest

_SOURCE_REQUIRED = ("id", "city", "jurisdiction", "issuer", "title", "path")
_SOURCE_OPTIONAL = ("doc_number", "date", "url", "cites")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _read_toml(path: Path, what: str) -> dict[str, Any]:
    if not path.is_file():
        raise ManifestError(
            f"{path}: the {what} file does not exist.",
            fix=f"create it, or pass the path of an existing {what} file",
        )
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ManifestError(
            f"{path}: not valid TOML: {exc}.", fix="correct the syntax at the line and column given"
        ) from exc


def _entries(path: Path, data: Mapping[str, Any], table: str) -> list[Mapping[str, Any]]:
    """The ``[[table]]`` entries of a TOML file; any other top-level key is a typo."""
    extra = sorted(set(data) - {table})
    if extra:
        raise ManifestError(
            f"{path}: unknown top-level key(s) {', '.join(map(repr, extra))}.",
            fix=f"every entry must be a [[{table}]] table; rename or remove the key(s)",
        )
    entries = data.get(table)
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ManifestError(
            f"{path}: no [[{table}]] entries found.",
            fix=f"write one [[{table}]] table per entry",
        )
    return entries


class _Entry:
    """Field access for one TOML entry that names file, entry and field in every error."""

    def __init__(self, path: Path, table: str, index: int, data: Mapping[str, Any]) -> None:
        self.path, self.table, self.data = path, table, data
        ident = data.get("id")
        self.where = f"{path}: [[{table}]] entry #{index}" + (
            f" (id {ident!r})" if isinstance(ident, str) else ""
        )

    def error(self, key: str, problem: str, fix: str) -> ManifestError:
        return ManifestError(f"{self.where}: field {key!r} {problem}.", fix=fix)

    def check_keys(self, allowed: Collection[str]) -> None:
        for key in self.data:
            if key not in allowed:
                raise self.error(
                    key,
                    "is not a known field",
                    f"remove it or correct its spelling; known fields: {', '.join(allowed)}",
                )

    def text(self, key: str, *, required: bool) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, "is missing", f'add {key} = "..." to this entry')
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.error(key, f"is {value!r}, not a non-empty string", f'write {key} = "..."')
        return value

    def date(self, key: str, *, required: bool) -> str | None:
        value = self.data.get(key)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()  # an unquoted TOML date is fine too
        text = self.text(key, required=required)
        if text is None:
            return None
        try:
            if not _ISO_DATE.fullmatch(text):
                raise ValueError
            dt.date.fromisoformat(text)
        except ValueError:
            raise self.error(
                key,
                f"is {text!r}, not an ISO date YYYY-MM-DD",
                f'write the date as {key} = "YYYY-MM-DD", e.g. "2024-10-28"',
            ) from None
        return text

    def number(self, key: str) -> float:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(
                key,
                "is missing" if value is None else f"is {value!r}, not a number",
                f"write {key} = <number>, e.g. {key} = 1.5",
            )
        return float(value)


def load_manifest(path: Path | None = None) -> list[Source]:
    """Read ingest/sources.toml into ``Source`` records, refusing anything ambiguous.

    A malformed manifest is an error, not a warning: every later step keys on these ids and
    paths. ``Source.path`` stays relative to the manifest's folder.
    """
    path = path or paths.ingest_dir() / "sources.toml"
    data = _read_toml(path, "manifest")
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(_entries(path, data, "document"), start=1):
        entry = _Entry(path, "document", index, raw)
        entry.check_keys(_SOURCE_REQUIRED + _SOURCE_OPTIONAL)
        required = {key: entry.text(key, required=True) or "" for key in _SOURCE_REQUIRED}
        ident = required["id"]
        if ident in seen:
            raise entry.error(
                "id",
                f"duplicates the id of entry #{seen[ident]}",
                "give every document a unique id",
            )
        seen[ident] = index
        if not (path.parent / required["path"]).is_file():
            raise entry.error(
                "path",
                f"names {required['path']!r}, which does not exist under {path.parent}",
                "correct the file name; paths are relative to the folder of the manifest",
            )
        cites = raw.get("cites", [])
        if not isinstance(cites, list) or not all(isinstance(c, str) for c in cites):
            raise entry.error(
                "cites", f"is {cites!r}, not a list of strings", 'write cites = ["...", ...]'
            )
        sources.append(
            Source(
                id=ident,
                city=required["city"],
                jurisdiction=required["jurisdiction"],
                issuer=required["issuer"],
                doc_number=entry.text("doc_number", required=False),
                date=entry.date("date", required=False),
                title=required["title"],
                path=required["path"],
                url=entry.text("url", required=False),
                cites=tuple(cites),
            )
        )
    return sources


# --------------------------------------------------------------------------------------------
# Raw text


@dataclass(frozen=True)
class DecodedText:
    """A source file's text with how it was decoded; ``sha256`` is of the raw bytes."""

    text: str
    encoding: str
    notes: list[str]
    sha256: str


# (signature, what it is, how to get text out of it)
_BINARY_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF", "extract its text first, e.g. pdftotext -layout FILE.pdf FILE.txt"),
    (
        b"PK\x03\x04",
        "a ZIP archive (e.g. .docx, .xlsx, .odt)",
        "extract its text first, e.g. pandoc FILE.docx -t plain -o FILE.txt",
    ),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Office document (.doc, .xls)",
        "extract its text first, e.g. antiword FILE.doc > FILE.txt",
    ),
    (b"\x89PNG", "a PNG image", "OCR it first, e.g. tesseract FILE.png FILE -l chi_sim"),
    (b"\xff\xd8\xff", "a JPEG image", "OCR it first, e.g. tesseract FILE.jpg FILE -l chi_sim"),
    (b"GIF8", "a GIF image", "OCR it first, e.g. tesseract FILE.gif FILE -l chi_sim"),
    (b"\x1f\x8b", "a gzip archive", "decompress it first, e.g. gunzip FILE.gz"),
)

# Longest BOM first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# CJK punctuation and full-width forms count as Chinese text too.
_CJK_TEXT = re.compile(
    r"[\u3000-\u303f\uff00-\uffef\u2014-\u2026\u00b7\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\U00020000-\U0002ffff]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _mostly_chinese(text: str) -> bool:
    """GB18030 decodes many byte strings; accept it only if the result reads as Chinese."""
    non_ascii = [c for c in text if ord(c) > 0x7F]
    if not non_ascii or _CONTROL.search(text):
        return False
    chinese = sum(1 for c in non_ascii if _CJK_TEXT.match(c))
    return chinese / len(non_ascii) >= 0.9


def read_source_text(path: Path) -> DecodedText:
    """Read a source file as text, refusing what is not text rather than producing mojibake.

    UTF-8 is the norm. GB18030/GBK and UTF-16/32 with a BOM are decoded, with a note that says
    how to convert the file. A UTF-8 BOM is stripped (and noted) so offsets count characters of
    the text only; nothing else is changed: line endings stay as they are.
    """
    if not path.exists():
        raise InputError(
            f"{path}: no such file.",
            fix="check the path (manifest paths are relative to the folder of sources.toml)",
        )
    if not path.is_file():
        raise InputError(f"{path}: is not a file.", fix="give the path of a text file")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    name = path.name
    for signature, kind, fix in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise InputError(
                f"{path}: this looks like {kind}, not a text file.",
                fix=fix.replace("FILE", path.stem),
            )
    notes: list[str] = []
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: starts with a {codec.upper()} byte-order mark but does not decode"
                    f" as {codec.upper()} ({exc.reason} at byte {exc.start + len(bom)}).",
                    fix="re-export the file as UTF-8",
                ) from exc
            encoding = codec
            notes.append(
                f"{name}: decoded as {codec.upper()} (byte-order mark); convert to UTF-8 with"
                f" `iconv -f {codec.upper()} -t UTF-8`"
            )
            break
    else:
        if b"\x00" in raw:
            raise InputError(
                f"{path}: contains NUL bytes; this is a binary file, not text.",
                fix="extract the document's text first and point the manifest at the .txt file",
            )
        try:
            text = raw.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError as utf8_error:
            text, encoding = _decode_gb18030(path, raw, utf8_error)
            notes.append(
                f"{name}: decoded as GB18030; convert to UTF-8 with `iconv -f GB18030 -t UTF-8`"
            )
        if text.startswith("\ufeff"):
            text = text[1:]
            encoding = "utf-8-sig"
            notes.append(f"{name}: UTF-8 byte-order mark stripped (offsets count from after it)")
    if not text.strip():
        raise InputError(
            f"{path}: is empty (or whitespace only).",
            fix="put the document's text in the file, or remove its entry from the manifest",
        )
    if _CONTROL.search(text):
        raise InputError(
            f"{path}: contains control characters; this is a binary file, not text.",
            fix="extract the document's text first and point the manifest at the .txt file",
        )
    if "\r\n" in text:
        notes.append(f"{name}: has CRLF line endings (kept; offsets count the \\r)")
    return DecodedText(text=text, encoding=encoding, notes=notes, sha256=digest)


def _decode_gb18030(path: Path, raw: bytes, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_chinese(text):
        return text, "gb18030"
    raise InputError(
        f"{path}: is neither UTF-8 (invalid byte at offset {utf8_error.start}) nor Chinese"
        " text in GB18030; it may be binary or in another encoding.",
        fix="convert the file to UTF-8, e.g. iconv -f <its encoding> -t UTF-8; if it is a"
        " document format, extract its text first",
    )


_NUMBERING = re.compile(
    r"(?m)^[ \t\u3000]*[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
)


def check_structure(text: str, *, path: Path | str) -> None:
    """Refuse a text with neither Chinese numbering (一、 / （一）) nor a single 。.

    Any text file may be fed to extraction; one without either has nothing the segmenter can
    hold on to (typically a wrong file or a failed extraction), and would silently yield nothing.
    """
    if "。" in text or _NUMBERING.search(text):
        return
    raise InputError(
        f"{path}: no recognisable document structure: no Chinese section or measure numbering"
        " (一、, （一）) and no 。 anywhere.",
        fix="check that this is the text of a Chinese policy document; if it came from a PDF or"
        " an image, check the extraction (e.g. pdftotext -layout) produced Chinese text",
    )


# --------------------------------------------------------------------------------------------
# Metadata stated by the text

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_OPEN = "〔［(（【\\["
_CLOSE = "〕］)）】\\]"
_CJK_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff"
# A document number (文号): issuer code + bracketed year + serial number + 号; matched on
# text with all whitespace removed (line breaks fall anywhere).
_DOC_NUMBER = re.compile(
    rf"(?P<code>[{_CJK_CLASS}]{{1,12}})[{_OPEN}](?P<year>(?:19|20)\d\d)[{_CLOSE}]第?(?P<serial>\d{{1,5}})号"
)
# Words that lead into a cited number in running text ("根据国发〔2024〕1号"); never part of a code.
_LEAD_IN = re.compile(r"根据|按照|依据|依照|参照|贯彻|落实|执行|印发|转发|以及|及|和|与|或|见|详")
_LABELLED_NUMBER = re.compile(r"(?:发文字号|文号)\s*[:：]")
_SENTENCE_PUNCT = re.compile(r"[。，；：！？,;:!?]")
_CN_DIGIT = dict(zip("〇○零一二三四五六七八九", (0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_DATE = re.compile(
    r"(?P<y>\d\s*\d\s*\d\s*\d|[〇○零一二三四五六七八九]{4})\s*年\s*"
    r"(?P<m>\d\s*\d?|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>\d\s*\d?|[一二三四五六七八九十]{1,3})\s*日"
)
_ORG_SUFFIX = re.compile(
    r"(?:政府|办公室|办公厅|委员会|委|局|厅|部|办|院|署|中心|会|组|处|室|所|站|馆|行|社|司|队)$"
)
_ORG_TOKEN = re.compile(rf"[{_CJK_CLASS}（）()]{{2,40}}")
_SECTION_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十百]+[章条])", re.MULTILINE
)
_DOC_TYPE = re.compile(
    r"(?:意见|方案|措施|办法|规定|细则|规划|计划|通知|决定|纲要|指南|指引|清单|要点|规则|条例"
    r"|批复|公告|通告|报告|制度|标准|规范)$"
)
_WRAPPER = re.compile(r"^(?:关于)?(?:印发|转发)(?P<inner>.+)的通知$")
_TITLE_MARKS = re.compile(r"[《》〈〉<>「」]")
_PLACE_PREFIX = re.compile(rf"^[{_CJK_CLASS}]{{1,7}}?[省市区县州盟旗]")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def normalize_doc_number(text: str) -> str:
    """A 文号 in canonical form: no whitespace, 〔〕 brackets, half-width digits, no 第."""
    match = _DOC_NUMBER.fullmatch(_squash(text.translate(_FULLWIDTH_DIGITS)))
    if match is None:
        return _squash(text)
    return _canonical(match)


def _canonical(match: re.Match[str]) -> str:
    code = _LEAD_IN.split(match["code"])[-1] or match["code"]
    return f"{code}〔{match['year']}〕{match['serial']}号"


def _cn_number(text: str) -> int:
    """Arabic digits, or a Chinese numeral up to 99 (十, 十二, 二十, 二十八)."""
    text = _squash(text)
    if text.isdigit():
        return int(text)
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _CN_DIGIT[text]
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _iso_date(match: re.Match[str]) -> str | None:
    year = _squash(match["y"])
    if not year.isdigit():
        year = "".join(str(_CN_DIGIT[c]) for c in year)
    try:
        return dt.date(int(year), _cn_number(match["m"]), _cn_number(match["d"])).isoformat()
    except (ValueError, KeyError):
        return None


def _is_org_line(line: str) -> bool:
    tokens = line.split()
    return bool(tokens) and all(_ORG_TOKEN.fullmatch(t) and _ORG_SUFFIX.search(t) for t in tokens)


def _own_doc_number(lines: list[str]) -> str | None:
    """The document's own 文号: labelled (文号：X), else the first in the header block.

    The header is everything before the first line with sentence punctuation (the salutation
    or the first sentence); a number there that follows a 《title》 is a citation, not ours.
    """
    for line in lines:
        label = _LABELLED_NUMBER.search(line)
        if label:
            match = _DOC_NUMBER.match(_squash(line[label.end() :]))
            if match:
                return _canonical(match)
    for line in lines:
        if _SENTENCE_PUNCT.search(line):
            break
        squashed = _squash(line)
        for match in _DOC_NUMBER.finditer(squashed):
            if not re.search(rf"》[{_OPEN}]?$", squashed[: match.start()]):
                return _canonical(match)
    return None


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    """(ISO date, issuer) from the signature: a date alone on its line under the issuer(s).

    A print line ("2024年10月28日印发") is used only when there is no signature date.
    """
    alone: list[tuple[int, str]] = []
    printed: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        stripped = line.strip()
        match = _DATE.fullmatch(stripped) or _DATE.fullmatch(stripped.removesuffix("印发"))
        iso = _iso_date(match) if match else None
        if iso:
            (printed if stripped.endswith("印发") else alone).append((i, iso))
    candidates = alone + printed
    for index, iso in candidates:
        issuers = _org_block_above(lines, index)
        if issuers:
            return iso, issuers[0]
    return (candidates[0][1], None) if candidates else (None, None)


def _org_block_above(lines: list[str], index: int) -> list[str]:
    """The organisation names on the lines just above ``index``, in reading order."""
    block: list[str] = []
    for line in reversed(lines[:index]):
        if not line.strip():
            continue
        if not _is_org_line(line):
            break
        block[:0] = line.split()
    return block


def _title_blocks(header: list[str]) -> list[str]:
    """Runs of consecutive title-like lines (no sentence punctuation) in the header, joined."""
    blocks: list[str] = []
    current: list[str] = []
    for line in header:
        text = _squash(line.replace("**", "").lstrip("# "))
        if not text:
            continue
        separator = (
            _SENTENCE_PUNCT.search(text)
            or _DATE.fullmatch(text.removesuffix("印发"))
            or _DOC_NUMBER.fullmatch(text)
            or re.fullmatch(r"[（(].*[）)]", text)
        )
        if separator:
            if current:
                blocks.append("".join(current))
            current = []
        else:
            current.append(text)
    if current:
        blocks.append("".join(current))
    return blocks


def _strip_issuer(title: str) -> str:
    """Drop the issuer before 关于 ("莱阳市人民政府办公室关于…" -> "关于…")."""
    head, sep, _ = title.partition("关于")
    if (
        sep
        and (_ORG_SUFFIX.search(head) or head.endswith("文件"))
        and not _TITLE_MARKS.search(head)
    ):
        return title[len(head) :]
    return title


def _title(lines: list[str]) -> str | None:
    """The document's title: a title-like block before the first section heading.

    For a notice that transmits a plan (关于印发X的通知), the plan's own title is preferred
    where it stands on its own further down.
    """
    first_section = next((i for i, ln in enumerate(lines) if _SECTION_START.match(ln)), None)
    header = lines[:first_section] if first_section is not None else lines
    candidates = [
        _strip_issuer(block)
        for block in _title_blocks(header)
        if len(block) <= 120 and _DOC_TYPE.search(block)
    ]
    for i, candidate in enumerate(candidates):
        wrapper = _WRAPPER.match(_TITLE_MARKS.sub("", candidate))
        if wrapper:
            inner = wrapper["inner"]
            own = [c for c in candidates[i + 1 :] if _TITLE_MARKS.sub("", c).endswith(inner)]
            return own[0] if own else candidate
    return candidates[0] if candidates else None


def extract_metadata(text: str) -> DocMetadata:
    """What the text states about itself: 文号, signature date, issuer, title, cited 文号.

    Used to cross-check the manifest, never to override it: a text that does not state a value
    yields None (e.g. a text that begins mid-sentence has no 文号).
    """
    text = text.translate(_FULLWIDTH_DIGITS)
    lines = text.splitlines()
    own = _own_doc_number(lines)
    date, issuer = _signature(lines)
    cites: list[str] = []
    for match in _DOC_NUMBER.finditer(_squash(text)):
        number = _canonical(match)
        # in the joined text our own number may have swallowed the issuer line above it
        if not (own and number.endswith(own)) and number not in cites:
            cites.append(number)
    return DocMetadata(
        doc_number=own, date=date, issuer=issuer, title=_title(lines), cites=tuple(cites)
    )


def _title_key(title: str) -> str:
    """A title without whitespace, markup, issuer prefix and 关于印发…的通知 wrapper."""
    key = _strip_issuer(_TITLE_MARKS.sub("", _squash(title).replace("*", "")))
    wrapper = _WRAPPER.match(key)
    return wrapper["inner"] if wrapper else key


def _same_title(a: str, b: str) -> bool:
    """Equal, or equal but for a leading place name (厦门市进一步… vs 进一步…)."""
    ka, kb = _title_key(a), _title_key(b)
    return (
        ka == kb
        or _PLACE_PREFIX.sub("", ka, count=1) == kb
        or ka == _PLACE_PREFIX.sub("", kb, count=1)
    )


def crosscheck(source: Source, meta: DocMetadata) -> list[str]:
    """Warnings, naming both values, where the text disagrees with its manifest entry.

    A value the text does not state is not a disagreement; one the text states and the manifest
    lacks is reported, so that the manifest can be completed.
    """
    warnings: list[str] = []
    where = f"{source.id} ({source.path})"

    def compare(label: str, manifest: str | None, text: str | None, same: bool) -> None:
        if text is None or same:
            return
        if manifest is None:
            warnings.append(
                f"{where}: the text states {label} {text}, sources.toml has none (add it)"
            )
        else:
            warnings.append(
                f"{where}: {label} differs: the text states {text}, sources.toml has {manifest}"
            )

    manifest_number = normalize_doc_number(source.doc_number) if source.doc_number else None
    compare(
        "document number", source.doc_number, meta.doc_number, meta.doc_number == manifest_number
    )
    compare("date", source.date, meta.date, meta.date == source.date)
    compare(
        "issuer",
        source.issuer,
        meta.issuer,
        meta.issuer is not None and _squash(meta.issuer) == _squash(source.issuer),
    )
    compare(
        "title",
        source.title,
        meta.title,
        meta.title is not None and _same_title(meta.title, source.title),
    )
    listed = [normalize_doc_number(c) for c in source.cites]
    for cited in meta.cites:
        if cited not in listed:
            warnings.append(
                f"{where}: the text cites {cited}, which is not in its cites in sources.toml"
            )
    for cited, as_listed in zip(listed, source.cites, strict=True):
        if cited not in meta.cites:
            warnings.append(
                f"{where}: sources.toml cites {as_listed}, which the text does not cite"
            )
    return warnings


# --------------------------------------------------------------------------------------------
# Errata

_ERRATUM_FIELDS = (
    "id",
    "doc",
    "quote",
    "field",
    "as_written",
    "corrected",
    "reason",
    "author",
    "date",
)
_ERRATUM_TARGET_FIELDS = ("value", "value_max")


@dataclass(frozen=True)
class ErratumEntry:
    """An erratum and the document it corrects."""

    doc: str
    erratum: Erratum


def load_errata(
    path: Path | None = None, *, doc_ids: Collection[str] | None = None
) -> list[ErratumEntry]:
    """Read ingest/errata.toml; a malformed correction must stop the build, not vanish.

    With ``doc_ids`` (the manifest's ids), an erratum for an unknown document is an error too.
    Whether each quote occurs in its document is for the caller to check with
    ``find_erratum_spans``, which needs the text.
    """
    path = path or paths.ingest_dir() / "errata.toml"
    data = _read_toml(path, "errata")
    if not data:
        return []
    result: list[ErratumEntry] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(_entries(path, data, "erratum"), start=1):
        entry = _Entry(path, "erratum", index, raw)
        entry.check_keys(_ERRATUM_FIELDS)
        texts = {
            key: entry.text(key, required=True) or ""
            for key in ("id", "doc", "quote", "field", "reason", "author")
        }
        if texts["id"] in seen:
            raise entry.error(
                "id",
                f"duplicates the id of entry #{seen[texts['id']]}",
                "give every erratum a unique id",
            )
        seen[texts["id"]] = index
        if doc_ids is not None and texts["doc"] not in doc_ids:
            raise entry.error(
                "doc",
                f"names {texts['doc']!r}, which is not a document id in the manifest",
                f"use one of: {', '.join(sorted(doc_ids))}",
            )
        if texts["field"] not in _ERRATUM_TARGET_FIELDS:
            raise entry.error(
                "field",
                f"is {texts['field']!r}",
                'write field = "value" or field = "value_max"',
            )
        result.append(
            ErratumEntry(
                doc=texts["doc"],
                erratum=Erratum(
                    id=texts["id"],
                    quote=texts["quote"],
                    field=texts["field"],
                    as_written=entry.number("as_written"),
                    corrected=entry.number("corrected"),
                    reason=texts["reason"],
                    author=texts["author"],
                    date=entry.date("date", required=True) or "",
                ),
            )
        )
    return result


def find_erratum_spans(raw: str, quote: str) -> list[tuple[int, int]]:
    """Every ``[start, end)`` span of ``raw`` that reads ``quote`` once whitespace is ignored.

    Quotes are written without the source's hard line breaks, so whitespace in ``raw`` (and in
    ``quote``) does not count; the spans are offsets into ``raw``. Empty when not found, so the
    caller can report the erratum.
    """
    needle = _squash(quote)
    if not needle:
        return []
    kept = [i for i, c in enumerate(raw) if not c.isspace()]
    haystack = "".join(raw[i] for i in kept)
    spans: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start != -1:
        spans.append((kept[start], kept[start + len(needle) - 1] + 1))
        start = haystack.find(needle, start + 1)
    return spans
