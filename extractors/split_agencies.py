"""Split an agency cell ("Cơ quan chủ trì" / "Cơ quan phối hợp") into individual agencies.

Stages, each a small function:

1. ``segments``   - split on bullets (``- ``), line breaks and semicolons;
2. ``drop_roles`` - cut trailing role phrases ("Thanh tra tỉnh *triển khai, hướng dẫn*");
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
_HEADS = re.compile(
    r"""^(?:Các|các|Sở|Ban|Văn\ phòng|VP|Thanh\ tra|UBND|Ủy\ ban|Uỷ\ ban|HĐND|Hội\ đồng|Báo|Đài
        |Công\ an|Bộ|Cục|Chi\ cục|Kho\ bạc|Bảo\ hiểm|BHXH|Ngân\ hàng|Trung\ tâm|Trường|Liên\ đoàn
        |Liên\ minh|Mặt\ trận|MTTQ|Tỉnh\ đoàn|Tỉnh\ ủy|Tỉnh\ uỷ|Hội|Viện|Phòng|Tòa\ án|Toà\ án
        |Cơ\ quan|cơ\ quan|Đơn\ vị|Ngành|Hiệp\ hội|Cảnh\ sát|Quỹ|Chủ\ tịch|Giám\ đốc)\b""",
    re.VERBOSE,
)
_LEVEL = re.compile(r"^cấp\s+\w+", re.IGNORECASE)
_LEVEL_PREFIX = re.compile(r"^(?P<prefix>.*?\bcấp)\s+\S+", re.IGNORECASE)
_BULLET = re.compile(r"(?:^|\s)[-–•+]\s+")
_ROLE = re.compile(
    r"\s+(?:triển\s+khai|hướng\s+dẫn|thực\s+hiện|tuyển\s+dụng|tổng\s+hợp)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
_LIST_OF = re.compile(
    r"^(?:các\s+)(?P<kind>sở|ban|phòng|cục)\s*:\s*(?P<items>.+)$", re.IGNORECASE | re.DOTALL
)
_AND = re.compile(r"\s+và\s+")


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
        for raw in expand(drop_roles(segment)):
            name = _display(raw)
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                out.append(AgencyRef(name=name, raw=raw))
    return tuple(out)


def segments(text: str) -> list[str]:
    """Split on bullets, line breaks and semicolons."""
    parts: list[str] = []
    for line in squash(text).split("\n"):
        for piece in _BULLET.split(" " + line):
            parts.extend(s for s in piece.split(";") if s.strip())
    return [strip_list_punct(p) for p in parts if strip_list_punct(p)]


def drop_roles(segment: str) -> str:
    """Cut a trailing role phrase ("... triển khai, hướng dẫn", "... thực hiện")."""
    return _ROLE.sub("", segment).strip()


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
            elif _HEADS.match(piece) or not agencies:
                agencies.append(piece)
            else:
                agencies[-1] = f"{agencies[-1]}, {piece}"
    return [strip_list_punct(a) for a in agencies if strip_list_punct(a)]


def _split_and(piece: str) -> list[str]:
    """Split on "và" only where the right side opens an agency or a level ("cấp xã")."""
    parts = _AND.split(piece)
    out = [parts[0]]
    for part in parts[1:]:
        if _HEADS.match(part) or _LEVEL.match(part):
            out.append(part)
        else:
            out[-1] = f"{out[-1]} và {part}"
    return [p.strip() for p in out]


def _display(raw: str) -> str:
    name = strip_list_punct(raw)
    return name[:1].upper() + name[1:] if name else name
