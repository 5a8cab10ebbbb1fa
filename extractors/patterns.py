"""Named regular expressions for Vietnamese plan documents, in one place.

Every pattern runs on NFC text with markup already stripped. Matching is
case-insensitive where Vietnamese writing varies in case ("Quý"/"quý", "PHỤ LỤC").
"""

from __future__ import annotations

import re

_I = re.IGNORECASE | re.VERBOSE

ROMAN = r"(?=[IVXivx])(?:X{0,3})(?:IX|IV|V?I{0,3})(?![A-Za-z])"

# "1.1. Xây dựng ..." / "3.12 Thực hiện ..." / "5.1.3 Triển khai": a task code opening a cell.
TASK_CODE = re.compile(
    r"""^\s*(?P<area>\d{1,2}) \. (?P<item>\d{1,3})   # 1.12 or 1.12.
        (?P<sub>(?:\.\d{1,3}){0,3}) \.?            # deeper: 5.1.3
        (?=\s|$)\s*(?P<rest>.*)$""",
    re.VERBOSE | re.DOTALL,
)

# "I. Cải cách thể chế" / "II - Cải cách TTHC" : a group (area) heading with a roman numeral.
GROUP_HEADING = re.compile(
    rf"""^\s*(?P<roman>{ROMAN}) \s*[.:)\-–]\s* (?P<title>\S.*)$""",
    re.VERBOSE | re.DOTALL,
)
ROMAN_ONLY = re.compile(rf"^\s*(?P<roman>{ROMAN})\s*\.?\s*$")

# A plain row number: "1", "12.", "(3)".
ROW_NUMBER = re.compile(r"^\s*\(?(?P<n>\d{1,3})\)?\s*\.?\s*$")

# "PHỤ LỤC 1", "Phụ lục II", "PHỤ LỤC SỐ 02".
APPENDIX_HEADING = re.compile(
    rf"""^\s*PH[ỤU]\s*L[ỤU]C \s+ (?:S[ỐO]\s+)? (?P<n>\d{{1,2}}|{ROMAN})\b""", _I
)

# "Số: 3546/QĐ-UBND" (the number may be left blank in a draft: "Số: /QĐ-UBND").
DOC_NUMBER = re.compile(
    r"""^\s*S[ốo]\s*:?\s* (?P<n>\d+)? \s*/\s* (?P<suffix>[A-ZĐ]+(?:-[A-ZĐa-z]+)+)""", _I
)

# "Long An, ngày 28 tháng 12 năm 2021" (day and month may be blank in a draft).
ISSUE_DATE = re.compile(
    r"""ngày \s* (?P<d>\d{1,2})? \s* tháng \s* (?P<m>\d{1,2})? \s* năm \s* (?P<y>\d{4})""", _I
)

# "ngày 10/02/2025" on the place-and-date line (the date in figures).
ISSUE_DATE_FIGURES = re.compile(
    r"""ngày \s* (?P<d>\d{1,2}) \s*[/.\-]\s* (?P<m>\d{1,2}) \s*[/.\-]\s* (?P<y>\d{4})""", _I
)

# "có hiệu lực từ ngày 01/01/2022" / "có hiệu lực kể từ ngày ký".
EFFECTIVE = re.compile(
    r"""có \s+ hiệu \s+ lực \s+ (?:thi \s+ hành \s+)? (?:kể \s+)? từ \s+ ngày \s*
        (?:(?P<d>\d{1,2}) \s*/\s* (?P<m>\d{1,2}) \s*/\s* (?P<y>\d{4}) | (?P<signed>ký))""",
    _I,
)

# "ỦY BAN NHÂN DÂN TỈNH LONG AN" / "UBND THÀNH PHỐ CẦN THƠ".
# (any case: text from an upper-case TCVN3 font converts to lower-case letters)
ISSUER_PROVINCE = re.compile(
    r"""(?:(?:[UỦ]Y|UỶ) \s+ BAN \s+ NHÂN \s+ DÂN | UBND) \s+ (?P<kind>TỈNH|THÀNH \s+ PHỐ) \s+
        (?P<name>[^\n,;.]+)""",
    re.VERBOSE | re.IGNORECASE,
)
# "tỉnh Long An", "TỈNH LONG AN (LẦN 2)", "thành phố Cần Thơ, quý 3", "TP. Hồ Chí Minh": the
# kind word in any case, then the words up to a bracket, a punctuation mark, a figure or the
# line's end (``province_name.named_province`` keeps the name's own words among them)
PROVINCE_NAMED = re.compile(
    r"""(?<!\w) (?:tỉnh|thành \s+ phố|tp\b\.?) \s*   # the kind of unit
        (?P<rest>[^\W\d_][^\n,;:.()\[\]\d]*)         # what follows, from a letter""",
    re.VERBOSE | re.IGNORECASE,
)

# "Kế hoạch (công tác) cải cách hành chính năm 2022" / "Kế hoạch CCHC năm 2023".
PLAN_YEAR = re.compile(
    r"""(?:cải \s+ cách \s+ hành \s+ chính|CCHC) (?:\s+ nhà \s+ nước)? \s+ năm \s+ (?P<y>\d{4})""",
    _I,
)

# "06 nội dung, 26 mục tiêu, chỉ tiêu" (the totals an appendix states about itself).
STATED_TOTALS = re.compile(
    r"""(?P<areas>\d+) \s+ (?:nội \s+ dung|lĩnh \s+ vực|nhóm) \s*,?\s*
        (?P<targets>\d+) \s+ (?:mục \s+ tiêu|chỉ \s+ tiêu)""",
    _I,
)

# A cited legal document number: 76/NQ-CP, 130/2005/NĐ-CP, 8917/QĐ-UBND, 21-NQ/TU, 4399/SNV-TTr.
REFERENCE = re.compile(
    r"""(?<![\w/])
        (?: (?P<num>\d{1,5}[a-z]?) (?:/(?P<year>\d{4}))? /   # 30c/NQ-CP: a letter may follow
            (?P<a>[A-ZĐ][A-Za-zĐđ]{0,5}) - (?P<b>[A-ZĐ][A-Za-zĐđ]{0,6})
          | (?P<pnum>\d{1,5}) - (?P<pkind>[A-ZĐ][A-Za-zĐđ]{0,4}) / (?P<pissuer>[A-ZĐ]{2,4}) )
        (?![\w/-])
        (?: [^\S\n]* ,?[^\S\n]* ngày [^\S\n]*
            (?: (?P<d>\d{1,2}) [^\S\n]*/[^\S\n]* (?P<m>\d{1,2}) [^\S\n]*/[^\S\n]* (?P<y>\d{4})
              | (?P<d2>\d{1,2}) [^\S\n]+ tháng [^\S\n]+ (?P<m2>\d{1,2}) [^\S\n]+ năm [^\S\n]+
                (?P<y2>\d{4}) ) )?""",
    re.VERBOSE,
)

# --- timeframes ---------------------------------------------------------------
# "Quý II, III/2022", "Quý I và II/2022", "quý IV năm 2021".
QUARTERS = re.compile(
    rf"""quý \s+ (?P<qs>{ROMAN}(?:\s*(?:,|và|-|–|đến)\s*(?:quý\s+)?{ROMAN})*)
         (?: \s* (?:/|năm) \s* (?P<y>\d{{4}}) | (?![/\w]))""",
    _I,
)  # "Quý II và Quý III/2022"; "Quý IV" alone: of the plan year
# "Tháng 01/2022", "tháng 3 năm 2022", "Tháng 6, 7/2022".
MONTHS = re.compile(
    r"""tháng \s+ (?P<ms>\d{1,2}(?:\s*(?:,|và|-|–|đến)\s*(?:tháng\s+)?\d{1,2})*)
        \s* (?:/|năm) \s* (?P<y>\d{4})""",
    _I,
)
# "22/12/2022", optionally led by "trước ngày" (an end bound) or "từ ngày" (a start bound).
DATE = re.compile(
    r"""(?P<bound>(?:trước|đến|từ) (?:\s+ ngày)?|ngày)? \s*
        (?P<d>\d{1,2}) \s*/\s* (?P<m>\d{1,2}) \s*/\s* (?P<y>\d{4})""",
    _I,
)
FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?!\d)")
# "ngày 20 tháng 12 năm 2022": a date in words, as headers write it.
DATE_WORDS = re.compile(
    r"""(?P<bound>(?:trước|đến|từ) \s+)? ngày \s+ (?P<d>\d{1,2}) \s+ tháng \s+
        (?P<m>\d{1,2}) \s+ năm \s+ (?P<y>\d{4})""",
    _I,
)
# "06/2022": a month and its year in figures (a start or end column), not the end of a
# date ("30/6/2022") nor of "Quý II/2022".
MONTH_FIGURES = re.compile(r"""(?<![\d/]) (?P<m>\d{1,2}) \s*/\s* (?P<y>\d{4}) (?!\d)""", _I)
# "30/6" with no year ("Trước 30/6", "Từ 01/3 - 30/6/2022"): the year is the next one
# written in the cell, else the plan year. Not part of "12/2022" or "30/6/2022".
DAY_MONTH = re.compile(
    r"""(?<![\d/]) (?P<bound>(?:trước|đến|từ) (?:\s+ ngày)?|ngày)? \s*
        (?P<d>\d{1,2}) \s*/\s* (?P<m>\d{1,2}) (?![\d/])""",
    _I,
)
# "6 tháng đầu năm 2023", "6 tháng cuối năm", "9 tháng 2022" (months counted from January,
# or the last N months with "cuối").
MONTHS_OF_YEAR = re.compile(
    r"""(?P<n>\d{1,2}) \s+ tháng \s* (?P<which>đầu|cuối)? \s* (?:năm)? \s* (?P<y>\d{4})?""", _I
)
# "Năm 2022", "năm 2022-2023".
YEAR = re.compile(r"""(?<![/\d]) (?:năm \s+)? (?P<y>20\d{2}|19\d{2}) (?![/\d])""", _I)

IN_YEAR = re.compile(r"trong \s+ năm|cả \s+ năm|năm \s+ \d{4}", _I)
RECURRING = re.compile(
    r"thường \s+ xuyên|định \s+ kỳ|hằng \s+ năm|hàng \s+ năm|đột \s+ xuất|"
    r"hằng \s+ quý|hàng \s+ quý|hằng \s+ tháng|hàng \s+ tháng",
    _I,
)
CONDITIONAL = re.compile(
    r"khi \s+ có|nếu \s+ có|sau \s+ khi|theo \s+ (?:kế \s+ hoạch|hướng \s+ dẫn|yêu \s+ cầu|"
    r"tiến \s+ độ|chỉ \s+ đạo)|khi \s+ được|tùy \s+ theo|tuỳ \s+ theo",
    _I,
)

# --- target measures -------------------------------------------------------------
# "80%", "52,5 %", "10%".
PERCENT = re.compile(r"(?<![\d.,])(?P<v>\d{1,3}(?:[.,]\d+)?)\s*%")
# "(khi có hướng dẫn của Trung ương)", "(nếu có)": a condition on the whole target.
CONDITION = re.compile(r"\((?P<c>(?:khi|nếu|sau\s+khi|trường\s+hợp)\b[^()]*)\)", re.IGNORECASE)
# "Trong số đó, ..." / "trong đó ...": the clause refines the measure before it.
SUB_MEASURE = re.compile(r"^\s*(?:trong\s+số\s+đó|trong\s+đó)\b\s*,?", re.IGNORECASE)
# "cấp tỉnh", "cấp huyện", "cấp xã" (not "cấp độ").
LEVEL = re.compile(r"\bcấp\s+(?P<l>tỉnh|huyện|xã)\b", re.IGNORECASE)
# "tương ứng 30%, 20%, 15%" / "tương ứng là ...": values distributed over a list before.
RESPECTIVELY = re.compile(r"tương\s+ứng", re.IGNORECASE)
# "giảm ... so với năm 2021".
DECREASE = re.compile(r"\bgiảm\b.*?so\s+với\s+(?:năm\s+)?(?P<y>\d{4})", re.IGNORECASE | re.DOTALL)
# "lĩnh vực đất đai, xây dựng, đầu tư đạt ...": the sectors a measure is limited to.
SECTOR = re.compile(
    r"lĩnh\s+vực\s+(?P<s>.+?)\s+(?:đạt|tối\s+thiểu|ít\s+nhất|từ|là|\d)", re.IGNORECASE
)
AT_LEAST = re.compile(r"tối\s+thiểu|ít\s+nhất|trở\s+lên|\bđạt\b|\btừ\b", re.IGNORECASE)
AT_MOST = re.compile(r"tối\s+đa|không\s+quá|không\s+vượt\s+quá|trở\s+xuống", re.IGNORECASE)
BELOW = re.compile(r"\bdưới\b|\bthấp\s+hơn\b", re.IGNORECASE)

# --- task budgets -------------------------------------------------------------------
# The unit a budget column's header states: "Kinh phí (đồng)", "(nghìn đồng)", "(Tỷ đồng)";
# "(triệu đồng)" or none is the unit records keep.
BUDGET_HEADER_UNIT = re.compile(
    r"""\( \s* (?P<unit>nghìn\s+đồng | ngàn\s+đồng | tỷ\s+đồng | triệu\s+đồng | đồng | VNĐ | VND)
        \s* \)""",
    re.VERBOSE | re.IGNORECASE,
)
# An amount with its unit written in the budget cell: "15 triệu đồng", "150 tr.đ",
# "0,5 tỷ đồng", "500.000.000 đồng". Anything after the unit ("/năm", "mỗi đợt") makes the
# cell a note: the amount is not one sum for the task.
BUDGET_WITH_UNIT = re.compile(
    r"""^(?P<amount>[\d.,\s]*\d) \s*
        (?P<unit>triệu(?:\s+đồng)? | tr\.?\s*đ\.? | trđ | tỷ(?:\s+đồng)? | đồng | đ)
        \s*\.?$""",
    re.VERBOSE | re.IGNORECASE,
)
