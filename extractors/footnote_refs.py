"""A footnote's mark closing a target's text: "... toàn trình¹", "... đạt 100%2",
"... chữ ký số cá nhân(3)", "... băng rộng[4]".

A plan marks a target whose footnote under the table (or at the foot of the page) says
what it counts; Word sets the mark raised, and a PDF's or a web page's text layer gives it
as a plain figure glued to the word before it. The mark is no part of the target: read as
written, "100%2" is a figure of 1002 per cent to anyone matching the text. Only what can
be nothing but a mark is dropped:

* raised figures after anything but a unit's square or cube ("m²", "km³" stay; "năm¹"
  is a mark);
* a figure glued to a per cent sign ("100%2": a per cent is never followed by a figure);
* one or two figures in brackets at the end ("(3)", "[4]", "(*)");
* one or two figures glued to a Vietnamese word ("toàn trình1"; a word without a mark of
  Vietnamese, "IPv6", "Web3", may end in a figure of its own and is left as written, as
  is a word a figure follows, its space lost: "mức độ4").

>>> without_footnote_mark("Tỷ lệ hồ sơ được xử lý trực tuyến toàn trình¹")
('Tỷ lệ hồ sơ được xử lý trực tuyến toàn trình', '¹')
>>> without_footnote_mark("Văn bản điện tử đạt 100%2."), without_footnote_mark("Có chữ ký số(3)")
(('Văn bản điện tử đạt 100%.', '2'), ('Có chữ ký số', '(3)'))
>>> without_footnote_mark("Mạng hỗ trợ IPv6"), without_footnote_mark("Diện tích 120 m²")
(('Mạng hỗ trợ IPv6', None), ('Diện tích 120 m²', None))
>>> without_footnote_mark("Đạt mức độ 4"), without_footnote_mark("Đạt 100%")
(('Đạt mức độ 4', None), ('Đạt 100%', None))
>>> without_footnote_mark("Đạt mức độ4"), without_footnote_mark("rà soát trong năm¹")
(('Đạt mức độ4', None), ('rà soát trong năm', '¹'))
"""

from __future__ import annotations

import re

_MARK = re.compile(
    r"""(?:
        (?<=\S)(?P<raised>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)              # raised figures (checked: not m², km³)
      | (?<=%)(?P<after_percent>\d{1,2})              # 100%2
      | (?P<bracketed>\s*(?:\((?:[1-9]\d?|\*{1,3})\)|\[[1-9]\d?\]))  # (3), [4], (*); not (01)
      | (?<=[^\W\d_])(?P<glued>\d{1,2})               # trình1 (checked: a Vietnamese word)
    )(?P<tail>[.;,]?)\s*$""",
    re.VERBOSE,
)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)$")
_ASCII = re.compile(r"^[A-Za-z]+$")
_UNITS = frozenset({"m", "dm", "cm", "mm", "km", "hm"})  # squared or cubed: "m²", "km³"
# words a figure of their own follows ("mức độ 4", "cấp 2", "loại 1", "quý 3"), its space
# lost in a text layer: the figure is theirs, no mark
_TAKES_A_FIGURE = frozenset(
    {"độ", "mức", "cấp", "loại", "nhóm", "quý", "đợt", "số", "khu", "tổ", "ấp", "phường", "quận"}
)


def without_footnote_mark(text: str) -> tuple[str, str | None]:
    """The text without the footnote mark closing it, and the mark (None: no mark)."""
    m = _MARK.search(text)
    if m is None:
        return text, None
    word = _WORD_BEFORE.search(text[: m.start()])
    before = "" if word is None else word.group(1).lower()
    if m["raised"] and before in _UNITS:
        return text, None
    if m["glued"] and (not before or _ASCII.match(before) or before in _TAKES_A_FIGURE):
        return text, None
    mark = next(m[k] for k in ("raised", "after_percent", "bracketed", "glued") if m[k])
    return text[: m.start()].rstrip() + m["tail"], mark.strip()
