"""What a document says about itself: title, issuer, document number (文号), date, cited documents.

The rules are written for Chinese government documents in general, not for the corpus files:
hard line breaks may fall anywhere (inside words and numbers), brackets come full- or
half-width, and digits may carry spaces ("2024 年 1月 8日").
"""

from __future__ import annotations

import datetime as dt
import re

from kg.errors import InputError
from kg.ingest import jurisdictions
from kg.model import DocMetadata, Source

# --------------------------------------------------------------------------------------------
# Metadata stated by the text

_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_OPEN = "〔［(（【﹝〖\\["
_CLOSE = "〕］)）】﹞〗\\]"
_CJK_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff"
# A document number (文号): issuer code + bracketed year + serial number + 号; matched on
# text with all whitespace removed (line breaks fall anywhere).
_DOC_NUMBER = re.compile(
    rf"(?P<code>[{_CJK_CLASS}]{{1,12}})[{_OPEN}](?P<year>(?:19|20)\d\d)[{_CLOSE}]第?(?P<serial>\d{{1,5}})号"
)
# Words that lead into a cited number in running text ("根据国发〔2024〕1号"); never part of a code.
_LEAD_IN = re.compile(
    r"根据|按照|依据|依照|参照|贯彻|落实|执行|印发|转发|以及|及|和|与|或|见|详"
    r"|不予公开|不公开|依申请公开|主动公开|免予公开|特急|加急|急件|平急|特提"
)
# Lines of a masthead that are marks, not text: release category, urgency, the stamp note.
_MARK_LINE = re.compile(
    r"^(?:(?:不予公开|不公开|依申请公开|主动公开|免予公开|特急|加急|急件|平急|特提)\s*)+$"
    r"|^[（(](?:代章|印章|盖章)[）)]$"
)
_MARKS = re.compile(r"^(?:不予公开|不公开|依申请公开|主动公开|免予公开|特急|加急|急件|平急|特提)+")
_STAMP = re.compile(r"[（(](?:代章|印章|盖章)[）)]$")
# "中共中央 国务院印发《X》" and "(2016年10月25日 中共中央、国务院发布)": a published text
_ISSUED_AS = re.compile(r"^(?P<issuer>[^《》]{2,40}?)(?:印发|发布)《(?P<title>[^》]+)》$")
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
# the words a document's title ends with (…的实施意见, 工作要点): its kind
DOC_TYPE = re.compile(
    r"(?:意见|方案|措施|办法|规定|细则|规划|计划|通知|决定|纲要|指南|指引|清单|要点|规则|条例"
    r"|批复|公告|通告|报告|制度|标准|规范|通报|函|纪要|公报|请示|决议|倡议书)$"
)
_WRAPPER = re.compile(r"^(?:关于)?(?:印发|转发)(?P<inner>.+)的通知$")
_ABOUT_TITLE = re.compile(r"^关于《(?P<inner>[^》]+)》的通知$")  # 关于《X》的通知 transmits X
_TITLE_MARKS = re.compile(r"[《》〈〉<>「」]")
_PLACE_PREFIX = re.compile(rf"^[{_CJK_CLASS}]{{1,7}}?[省市区县州盟旗]")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def normalize_doc_number(text: str) -> str:
    """A 文号 in canonical form: no whitespace, 〔〕 brackets, half-width digits, no 第."""
    match = _DOC_NUMBER.fullmatch(squash(text.translate(_FULLWIDTH_DIGITS)))
    if match is None:
        return squash(text)
    return _canonical(match)


def _canonical(match: re.Match[str]) -> str:
    code = _LEAD_IN.split(match["code"])[-1] or match["code"]
    return f"{code}〔{match['year']}〕{match['serial']}号"


def _cn_number(text: str) -> int:
    """Arabic digits, or a Chinese numeral up to 99 (十, 十二, 二十, 二十八)."""
    text = squash(text)
    if text.isdigit():
        return int(text)
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return _CN_DIGIT[text]
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def _iso_date(match: re.Match[str]) -> str | None:
    year = squash(match["y"])
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
    """The document's own 文号: labelled (文号：X), else one alone on its line near the top
    (after a release mark such as 不公开), else the first in the header block.

    The header is everything before the first line with sentence punctuation (the salutation
    or the first sentence); a number there that follows a 《title》 is a citation, not ours.
    """
    for line in lines:
        label = _LABELLED_NUMBER.search(line)
        if label:
            match = _DOC_NUMBER.match(squash(line[label.end() :]))
            if match:
                return _canonical(match)
    first_section = next((i for i, ln in enumerate(lines) if _SECTION_START.match(ln)), 40)
    for line in lines[: min(first_section, 40)]:
        alone = _DOC_NUMBER.fullmatch(_MARKS.sub("", squash(line)))
        if alone:
            return _canonical(alone)
    for line in lines:
        if _SENTENCE_PUNCT.search(line):
            break
        squashed = squash(line)
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


_SIGNATURE_LINES = 8  # co-issuers and wrapped names take at most this many lines


def _org_block_above(lines: list[str], index: int) -> list[str]:
    """The organisation names on the lines just above ``index``, in reading order.

    A long name wraps ("佛山市蚊媒传染病疫情防控指挥部" / "办公室环境整治组（代章）"), so up
    to a few lines are joined; the longest run whose names all end like an organisation is
    taken, preferring one that begins with a place name (a wrapped attachment title above the
    signature does not).
    """
    above: list[str] = []
    for line in reversed(lines[:index]):
        text = line.strip()
        if not text or _MARK_LINE.match(squash(text)):
            continue
        if _SENTENCE_PUNCT.search(text) or len(above) == _SIGNATURE_LINES:
            break
        above.insert(0, _STAMP.sub("", text))
    runs: list[list[str]] = []
    for size in range(1, len(above) + 1):
        tokens = _join_wrapped(above[-size:]).split()
        if tokens and all(_ORG_TOKEN.fullmatch(t) and _ORG_SUFFIX.search(t) for t in tokens):
            runs.append(tokens)
    placed = [run for run in runs if _names_a_place(run[0])]
    return (placed or runs or [[]])[-1]


def _join_wrapped(lines: list[str]) -> str:
    """Signature lines as one string: a line that goes on a name (办公室环境整治组 under
    佛山市蚊媒传染病疫情防控指挥部) is glued to it; a line that starts a new one is not."""
    text = lines[0]
    for line in lines[1:]:
        starts_new = _ORG_SUFFIX.search(text) and _names_a_place(line.split()[0])
        text += (" " if starts_new else "") + line
    return text


def _names_a_place(name: str) -> bool:
    """Whether a name begins with a division of the national table, or is a national body."""
    try:
        return jurisdictions.is_national(name) or jurisdictions.resolve_issuer(name) is not None
    except InputError:  # an ambiguous place name is still a place name
        return True


def _issuer_from_title(lines: list[str]) -> str | None:
    """The issuer a title names: "X关于…" (X an organisation) or "X印发《…》"."""
    for line in lines[:10]:
        published = re.fullmatch(
            rf"[（(]\s*{_DATE.pattern}\s*(?P<who>.+?)发布\s*[）)]", line.strip()
        )
        if published:
            return _first_org(published["who"])
    first_section = next((i for i, ln in enumerate(lines) if _SECTION_START.match(ln)), None)
    for block in _title_blocks(lines[:first_section]):
        issued = _ISSUED_AS.match(block)
        if issued:
            return _first_org(issued["issuer"])
        head, sep, _ = block.partition("关于")
        head = _MARKS.sub("", head)
        if sep and _ORG_SUFFIX.search(head) and not _TITLE_MARKS.search(head):
            return head
    return None


def _published_date(lines: list[str]) -> str | None:
    """The date of a "(2016年10月25日 中共中央、国务院发布)" line under the title, or of a web
    page's labelled line (发布日期：2021-03-05, 成文日期：2021年3月5日)."""
    for line in lines[:10]:
        match = re.match(rf"[（(]\s*{_DATE.pattern}", line.strip())
        if match:
            return _iso_date(match)
    for line in lines[:30]:
        labelled = _LABELLED_DATE.search(line)
        if labelled is None:
            continue
        if match := _DATE.search(labelled["date"]):
            return _iso_date(match)
        try:
            return dt.date(int(labelled["y"]), int(labelled["mo"]), int(labelled["d"])).isoformat()
        except (TypeError, ValueError):
            continue
    return None


_LABELLED_DATE = re.compile(
    r"(?:成文日期|发文日期|发布日期|发布时间|印发日期|日期)\s*[:：]\s*(?P<date>"
    r"(?P<y>\d{4})[-./](?P<mo>\d{1,2})[-./](?P<d>\d{1,2})|\d{4}\s*年[^\n]{1,8}日)"
)


def _first_org(text: str) -> str:
    """The first of several issuers written together (中共中央 国务院, 中共中央、国务院)."""
    return re.split(r"[\s、，,]+", text.strip())[0]


def _title_blocks(header: list[str]) -> list[str]:
    """Runs of consecutive title-like lines (no sentence punctuation) in the header, joined."""
    blocks: list[str] = []
    current: list[str] = []
    for line in header:
        text = squash(line.replace("**", "").lstrip("# "))
        if not text:
            continue
        separator = (
            _SENTENCE_PUNCT.search(text)
            or _DATE.fullmatch(text.removesuffix("印发"))
            or _DOC_NUMBER.fullmatch(_MARKS.sub("", text))
            or re.fullmatch(r"[（(].*[）)]", text)
            or _MARK_LINE.match(text)
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
    blocks = _title_blocks(header)
    issued = [m["title"] for m in map(_ISSUED_AS.match, blocks) if m]
    if issued:
        return issued[0]
    candidates = [
        _strip_issuer(block)
        for block in blocks
        if len(block) <= 120 and DOC_TYPE.search(_TITLE_MARKS.sub("", block))
    ]
    for i, candidate in enumerate(candidates):
        wrapper = _WRAPPER.match(_TITLE_MARKS.sub("", candidate))
        if wrapper:
            inner = wrapper["inner"]
            own = [c for c in candidates[i + 1 :] if _TITLE_MARKS.sub("", c).endswith(inner)]
            return own[0] if own else candidate
    return candidates[0] if candidates else None


def transmitted_part(text: str) -> tuple[int, str, str] | None:
    """Where the document a notice transmits begins in the same text: (offset, the notice's
    title, the transmitted document's title).

    A notice 关于印发X的通知 is often followed, after its signature, by X itself under its own
    title line(s); the two are parts of one document (each with its own numbering).
    """
    lines = text.splitlines(keepends=True)
    first_section = next((i for i, ln in enumerate(lines) if _SECTION_START.match(ln)), None)
    notice: str | None = None
    inner: str | None = None
    for block in _title_blocks([ln.rstrip("\r\n") for ln in lines[:first_section]]):
        block = _strip_issuer(_MARKS.sub("", block))
        wrapper = _WRAPPER.match(_TITLE_MARKS.sub("", block)) or _ABOUT_TITLE.match(block)
        if wrapper:
            notice, inner = block, _TITLE_MARKS.sub("", wrapper["inner"])
            break
    if not inner or not notice:
        return None
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    squashed = [squash(_TITLE_MARKS.sub("", ln)) for ln in lines]
    seen_wrapper = False
    for i in range(len(lines)):
        if not squashed[i]:
            continue
        for size in (1, 2, 3):
            joined = "".join(squashed[i : i + size])
            if not seen_wrapper and joined.endswith(inner + "的通知"):
                seen_wrapper = True
            elif seen_wrapper and joined == inner:
                return starts[i], notice, inner
    return None


def extract_metadata(text: str) -> DocMetadata:
    """What the text states about itself: 文号, signature date, issuer, title, cited 文号.

    Used to cross-check the manifest, never to override it: a text that does not state a value
    yields None (e.g. a text that begins mid-sentence has no 文号).
    """
    text = text.translate(_FULLWIDTH_DIGITS)
    lines = text.splitlines()
    own = _own_doc_number(lines)
    date, issuer = _signature(lines)
    if issuer is None:
        issuer = _issuer_from_title(lines)
    if date is None:
        date = _published_date(lines)
    cites: list[str] = []
    for match in _DOC_NUMBER.finditer(squash(text)):
        number = _canonical(match)
        # in the joined text our own number may have swallowed the issuer line above it
        if not (own and number.endswith(own)) and number not in cites:
            cites.append(number)
    return DocMetadata(
        doc_number=own, date=date, issuer=issuer, title=_title(lines), cites=tuple(cites)
    )


def _title_key(title: str) -> str:
    """A title without whitespace, markup, issuer prefix and 关于印发…的通知 wrapper."""
    key = _strip_issuer(_TITLE_MARKS.sub("", squash(title).replace("*", "")))
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
        source.issuer or None,
        meta.issuer,
        meta.issuer is not None and squash(meta.issuer) == squash(source.issuer),
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
