"""Split an agency cell ("Cơ quan chủ trì" / "Cơ quan phối hợp") into individual agencies.

Stages, each a small function:

1. ``segments``   - split on bullets (``- ``), line breaks and semicolons;
2. ``split_role`` - cut the trailing role phrase ("Sở KH&CN *chủ trì hướng dẫn, tổng hợp*")
   and keep it as the ``role`` of every agency of the segment; a scope ("Bộ X *với các
   quy định chung*") is kept the same way;
3. ``expand``     - "Các sở: Tư pháp, Tài chính" -> "Sở Tư pháp", "Sở Tài chính";
4. ``pieces``     - split on commas and on "và", then glue back every piece that does not
   open with an agency head word: "Các sở, ban, ngành tỉnh" stays one collective actor
   while "Sở Tư pháp, Sở Nội vụ" is two, and "Sở Khoa học và Công nghệ" is not split;
   "UBND cấp huyện, cấp xã" becomes "UBND cấp huyện" and "UBND cấp xã".
"""

from __future__ import annotations

import re

from extractors.normalize import squash, strip_list_punct
from extractors.records import AgencyRef

# Words that open an agency name. Case matters: "Ban Pháp chế" opens an agency, the "ban"
# of "các sở, ban, ngành" does not.
_HEAD_WORDS = r"""(?:Các|các|Sở|Ban|Văn\ phòng|VP|Thanh\ tra|UBND|Ủy\ ban|Uỷ\ ban|HĐND
        |Hội\ đồng|Báo|Đài|Công\ an|Bộ|Cục|Chi\ cục|Kho\ bạc|Bảo\ hiểm|BHXH|Ngân\ hàng
        |Trung\ tâm|Trường|Liên\ đoàn
        |Liên\ minh|Mặt\ trận|MTTQ|Tỉnh\ đoàn|Tỉnh\ ủy|Tỉnh\ uỷ|Hội|Viện|Phòng|Tòa\ án|Toà\ án
        |Cơ\ quan|cơ\ quan|Đơn\ vị|Ngành|Hiệp\ hội|Cảnh\ sát|Quỹ|Chủ\ tịch|Giám\ đốc
        |Vụ|Tổng\ cục|Học\ viện|Đại\ học|Bệnh\ viện|Tập\ đoàn|Tổng\ công\ ty|Công\ ty
        |Bưu\ điện|Điện\ lực|Đảng\ ủy|Đảng\ uỷ|Kiểm\ toán|Thông\ tấn\ xã|Chi\ nhánh)"""
_HEADS = re.compile(rf"^{_HEAD_WORDS}\b", re.VERBOSE)
# A kind of agency named generically after a collective "Các ...": "Các Sở, Ban, Ngành
# tỉnh", "Các Tổng cục, Cục thuộc Bộ" - the kind word alone or before a word in lower case
# (a capital after it opens a name: "Ban Dân tộc", "Cục Thuế").
_COLLECTIVE = re.compile(r"^[Cc]ác\s")
_KIND_OF = re.compile(
    r"""^(?:Sở|Ban|Ngành|Cục|Vụ|Tổng\ cục|Bộ|Phòng|Đơn\ vị|Cơ\ quan|Hội|Địa\ phương)
        (?:\s+(?P<next>\w)|$)""",
    re.VERBOSE,
)


def opens_agency(text: str) -> bool:
    """Whether the text opens with an agency's head word ("Sở ...", "UBND ...", "các sở").

    >>> opens_agency("UBND các xã"), opens_agency("thực hiện")
    (True, False)
    """
    return bool(_HEADS.match(text))


def _kind_of(piece: str) -> bool:
    m = _KIND_OF.match(piece)
    return m is not None and (m["next"] is None or m["next"].islower())


_LEVEL = re.compile(r"^cấp\s+\w+", re.IGNORECASE)
_LEVEL_PREFIX = re.compile(r"^(?P<prefix>.*?\bcấp)\s+\S+", re.IGNORECASE)
_BULLET = re.compile(r"(?:^|\s)[-–•+]\s+")
# A role phrase: a responsibility verb in lower case after the name, to the segment's end
# ("... chủ trì hướng dẫn, tổng hợp", "... thúc đẩy, theo dõi, báo cáo chỉ tiêu",
# "... (chủ trì)"). Case matters: "Trung tâm Giám sát" and "Sở Xây dựng" are names.
_ROLE_VERB = r"""(?:chủ\ trì|phối\ hợp|thực\ hiện|triển\ khai|hướng\ dẫn|tổng\ hợp|theo\ dõi
    |thúc\ đẩy|báo\ cáo|đôn\ đốc|kiểm\ tra|giám\ sát|tham\ mưu|đánh\ giá|tuyển\ dụng
    |hỗ\ trợ|tổ\ chức\ thực\ hiện)\b"""
# A scope phrase: "với" and what the agency covers ("Bộ X với các quy định chung cho
# mọi ngành"), kept as the role. "với" before an agency joins two agencies instead ("Sở X
# với Sở Y", "Sở X với các sở, ngành"), as "và" does.
_AGENCY_AFTER_CAC = r"""[Cc]ác\s+(?:sở|bộ|ban|ngành|cơ\ quan|đơn\ vị|địa\ phương|UBND|Ủy\ ban
    |Uỷ\ ban|phòng|cục|tổ\ chức|trường|doanh\ nghiệp|hiệp\ hội|hội)\b"""
_SCOPE = rf"""với\s+(?!{_AGENCY_AFTER_CAC})(?=[^\W\d_])"""  # a word; lower case: _is_role_at
_ROLE_START = re.compile(rf"\s+\(?(?:{_ROLE_VERB}|{_SCOPE})", re.VERBOSE)
_ROLE = re.compile(rf"\s+\(?(?P<role>(?:{_ROLE_VERB}|{_SCOPE}).*?)\)?\s*$", re.VERBOSE | re.DOTALL)
# "Sở, ngành được giao chủ trì soạn thảo": the verb describes which agencies, not their role.
_DESCRIBED = re.compile(r"(?:được(?:\s+giao)?|giao|có\s+trách\s+nhiệm|là\s+cơ\s+quan)$")


_PAREN_ROLE = re.compile(rf"\(\s*{_ROLE_VERB}[^()]*\)", re.VERBOSE)
_LEAD_JOIN = re.compile(r"^[\s,]*(?:(?:và|với)\s+)?")  # ", " or "và" before the next agency
_WITH = re.compile(r"\s+\(?với\s+(?P<next>\w)")


def _is_role_at(segment: str, start: int) -> bool:
    """A role or scope starts here unless the words before describe which agencies; a
    "với" opens a scope only before a word in lower case (a capital opens a name)."""
    with_ = _WITH.match(segment, start)
    if with_ and not with_["next"].islower():
        return False
    return _DESCRIBED.search(segment[:start].rstrip()) is None


_LIST_OF = re.compile(
    r"^(?:các\s+)(?P<kind>sở|ban|phòng|cục)\s*:\s*(?P<items>.+)$", re.IGNORECASE | re.DOTALL
)
_AND = re.compile(r"\s+(?:và|với)\s+")  # "với" joins agencies where a scope does not follow


def split_agencies(text: str) -> tuple[AgencyRef, ...]:
    """Split one agency cell into agencies, in order, without duplicates.

    >>> [a.name for a in split_agencies("Sở Tư pháp, Sở Nội vụ.")]
    ['Sở Tư pháp', 'Sở Nội vụ']
    >>> [a.name for a in split_agencies("Các sở: Tư pháp, Tài chính; Văn phòng UBND tỉnh.")]
    ['Sở Tư pháp', 'Sở Tài chính', 'Văn phòng UBND tỉnh']
    >>> [a.name for a in split_agencies("Các sở, ban, ngành tỉnh và UBND cấp huyện, cấp xã")]
    ['Các sở, ban, ngành tỉnh', 'UBND cấp huyện', 'UBND cấp xã']
    """
    out: list[AgencyRef] = []
    seen: set[str] = set()
    for segment in segments(text):
        names, role = split_role(segment)
        found = expand(names)
        tail = segment[len(names) :].strip()  # the role as printed, after the last name
        for k, piece in enumerate(found):
            name = _display(piece)
            raw = f"{piece} {tail}" if tail and k == len(found) - 1 else piece
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                out.append(AgencyRef(name=name, raw=raw, role=role))
    return tuple(out)


def segments(text: str) -> list[str]:
    """Split on bullets, line breaks, semicolons and after a role in parentheses."""
    parts: list[str] = []
    for line in _wrapped_names(squash(text).split("\n")):
        for piece in _bullets(line):
            for s in piece.split(";"):
                parts.extend(_after_paren_role(s))
    return [strip_list_punct(p) for p in parts if strip_list_punct(p)]


# A line that goes on with the name above it: it opens in small letters ("tỉnh", "và Công
# nghệ") with no agency word (a "các sở, ngành" line is one more agency; a "cấp xã" line
# one more level of the name above, as after a comma).
_GOES_ON = re.compile(r"^[^\W\d_]")


# A line that cannot end a name: an agency's head word alone ("Văn phòng", "Sở", "Trung
# tâm"), or a name cut after "và" ("Sở Khoa học và").
_CUT_OFF = re.compile(rf"(?:^\s*{_HEAD_WORDS}|\s(?:và|của|thuộc))\s*$", re.VERBOSE)


def _wrapped_names(lines: list[str]) -> list[str]:
    """Join a line a narrow cell or a ``<br>`` wrapped inside a name to the line above.

    >>> _wrapped_names(["Văn phòng UBND", "tỉnh", "các sở, ngành"])
    ['Văn phòng UBND tỉnh', 'các sở, ngành']
    >>> _wrapped_names(["Văn phòng", "UBND tỉnh", "Sở Khoa học và", "Công nghệ"])
    ['Văn phòng UBND tỉnh', 'Sở Khoa học và Công nghệ']
    """
    out: list[str] = []
    for line in lines:
        text = line.strip()
        goes_on = bool(out and out[-1] and _GOES_ON.match(text) and text[0].islower())
        if text and out and _CUT_OFF.search(out[-1]):  # "Văn phòng" / "UBND tỉnh"
            out[-1] = f"{out[-1].rstrip()} {text}"
        elif goes_on and _LEVEL.match(text):  # "UBND cấp huyện" / "cấp xã": one more level
            out[-1] = f"{out[-1]}, {text}"
        elif goes_on and not _HEADS.match(text):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(line)
    return out


def _bullets(line: str) -> list[str]:
    """Split on list bullets: one opening the line, or a dash in the line before an agency
    ("- Sở A. - Sở B"); a dash between words of one name stays ("Vụ Công chức - Viên chức",
    "Phòng Văn hóa - Xã hội").

    >>> _bullets("- Sở Nội vụ - Sở Tài chính"), _bullets("Vụ Tổ chức - Biên chế")
    (['', 'Sở Nội vụ', 'Sở Tài chính'], ['Vụ Tổ chức - Biên chế'])
    """
    parts = _BULLET.split(" " + line)
    out = [parts[0]]
    for part in parts[1:]:
        if not out[-1].strip() or _HEADS.match(part) or _COLLECTIVE.match(part):
            out.append(part)
        else:
            out[-1] = f"{out[-1]} - {part}"
    return [p.strip() for p in out]


def _after_paren_role(segment: str) -> list[str]:
    """Cut after each "(chủ trì)" that more agencies follow: "Sở Nội vụ (chủ trì), Sở Tài
    chính" is two segments, the role belonging to the first only."""
    out: list[str] = []
    start = 0
    for m in _PAREN_ROLE.finditer(segment):
        rest = _LEAD_JOIN.sub("", segment[m.end() :])
        if rest.strip():
            out.append(segment[start : m.end()])
            start = len(segment) - len(rest)
    out.append(segment[start:])
    return [s for s in out if s.strip()]


def split_role(segment: str) -> tuple[str, str | None]:
    """The names of a segment and its trailing role phrase, if any.

    >>> split_role("Sở KH&CN chủ trì hướng dẫn, tổng hợp")
    ('Sở KH&CN', 'chủ trì hướng dẫn, tổng hợp')
    >>> split_role("Sở Xây dựng")
    ('Sở Xây dựng', None)
    """
    m = next((m for m in _ROLE_START.finditer(segment) if _is_role_at(segment, m.start())), None)
    if m is None or not segment[: m.start()].strip():
        return segment.strip(), None
    m = _ROLE.match(segment, m.start())
    assert m is not None
    role = " ".join(m["role"].split()).rstrip(" .;,")
    return segment[: m.start()].strip(), role or None


def expand(segment: str) -> list[str]:
    """Expand "Các sở: X, Y" into "Sở X", "Sở Y"; otherwise split into agency pieces."""
    m = _LIST_OF.match(segment)
    if m:
        kind = m["kind"].capitalize()
        items = [strip_list_punct(i) for i in m["items"].split(",")]
        return [f"{kind} {i}" for i in items if i]
    return pieces(segment)


def pieces(segment: str) -> list[str]:
    """Split on commas and "và", gluing back pieces that do not open a new agency."""
    agencies: list[str] = []
    for comma_piece in segment.split(","):
        for piece in _split_and(comma_piece.strip()):
            if not piece:
                continue
            level = _LEVEL.match(piece)
            prev = _LEVEL_PREFIX.match(agencies[-1]) if agencies else None
            if level and prev:
                agencies.append(f"{prev['prefix']} {piece[len('cấp') :].strip()}")
            elif agencies and _COLLECTIVE.match(agencies[-1]) and _kind_of(piece):
                agencies[-1] = f"{agencies[-1]}, {piece}"
            elif _HEADS.match(piece) or not agencies:
                agencies.append(piece)
            else:
                agencies[-1] = f"{agencies[-1]}, {piece}"
    return [strip_list_punct(a) for a in agencies if strip_list_punct(a)]


# The office of two councils is one agency: "Văn phòng HĐND và UBND phường", "Văn phòng
# Đoàn ĐBQH và HĐND tỉnh" (the right side opens with a council, the left is its office).
_OFFICE_OF = re.compile(
    r"^(?:Văn\ phòng|VP)\s+(?:HĐND|UBND|Đoàn\ ĐBQH|Hội\ đồng\ nhân\ dân|Ủy\ ban\ nhân\ dân)\b",
    re.VERBOSE,
)
_COUNCIL = re.compile(r"^(?:HĐND|UBND|Hội\ đồng\ nhân\ dân|Ủy\ ban\ nhân\ dân)\b", re.VERBOSE)


def _split_and(piece: str) -> list[str]:
    """Split on "và" (or "với") only where the right side opens an agency or a level."""
    parts = _AND.split(piece)
    out = [parts[0]]
    for part in parts[1:]:
        if _OFFICE_OF.match(out[-1]) and _COUNCIL.match(part):
            out[-1] = f"{out[-1]} và {part}"
        elif _HEADS.match(part) or _LEVEL.match(part):
            out.append(part)
        else:
            out[-1] = f"{out[-1]} và {part}"
    return [p.strip() for p in out]


def _display(raw: str) -> str:
    name = strip_list_punct(raw)
    return name[:1].upper() + name[1:] if name else name
