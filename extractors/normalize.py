"""Small pure helpers for Vietnamese text: NFC, markup removal, folding for matching."""

from __future__ import annotations

import functools
import re
import unicodedata

_TAG = re.compile(r"<[^>]+>")
_LI = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_BOLD = re.compile(r"\*\*|</?b>|</?strong>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")

# Old-style tone placement ("hoà", "uỷ") and new-style ("hòa", "ủy") are both current;
# matching treats them alike by folding diacritics away altogether (see `fold`).


def nfc(text: str) -> str:
    """Normalise to NFC (composed) form.

    >>> nfc("Ho\\u0300a") == "Hòa"
    True
    """
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """Collapse runs of spaces and strip each line; drop empty lines.

    >>> squash("  a   b \\n\\n  c ")
    'a b\\nc'
    """
    lines = (_SPACES.sub(" ", ln).strip() for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


def is_bold_markup(text: str) -> bool:
    """True when the raw text carries bold markup (``**`` or ``<b>``)."""
    return bool(_BOLD.search(text))


def strip_markup(text: str) -> str:
    """Remove markdown bold and HTML tags; list items become separate lines.

    >>> strip_markup('<b>Cải</b>')
    'Cải'
    >>> strip_markup('<ul style="x"> <li>- A.</li> <li>- B</li> </ul>')
    '- A.\\n- B'
    """
    text = _LI.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = _BOLD.sub("", text)
    return squash(text)


# Memoised: matching folds the same few hundred names (provinces, agencies, periods)
# thousands of times per file, each fold a Unicode decomposition.
@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Fold for matching: NFC, lower case, diacritics removed, đ -> d, punctuation to spaces.

    >>> fold("Sở Thông tin và Truyền thông.")
    'so thong tin va truyen thong'
    >>> fold("ỦY BAN") == fold("Uỷ ban")
    True
    """
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w%&]+", " ", text)
    return " ".join(text.split())


def strip_list_punct(text: str) -> str:
    """Strip bullets and trailing list punctuation from an item.

    >>> strip_list_punct("- Sở Tư pháp.;")
    'Sở Tư pháp'
    """
    text = re.sub(r"^[\s\-–•+*]+", "", text)
    return re.sub(r"[\s.,;:/]+$", "", text).strip()


def join_wrapped(before: str, after: str) -> str:
    """Join two pieces of text a line or page break separated: a code broken after its
    hyphen or slash ("18-" / "NQ/TW") is rejoined without a space.

    >>> join_wrapped("Nghị quyết số 18-", "NQ/TW"), join_wrapped("kinh tế -", "kỹ thuật")
    ('Nghị quyết số 18-NQ/TW', 'kinh tế - kỹ thuật')
    """
    if re.search(r"\w[-/]$", before):
        return before + after
    return f"{before} {after}"
