"""UI layer (Qt-free): the deck's text, copied or searched in a PDF viewer, reads as it was
written.

Qt's PDF writer tells viewers which character each glyph stands for (the font's
``/ToUnicode`` map) by taking the *lowest* code point the font maps to the glyph. Noto Sans
CJK draws the Kangxi radicals (U+2F00–U+2FD5) with the same glyphs as the ideographs they
look like, so "生态" would be copied as "⽣态" and a search for 生 would not find it. This
module rewrites those entries to the ideograph (the radical's compatibility decomposition,
NFKC). Each entry keeps its length (four hex digits for four), so no offset of the file
moves and its cross-reference table stays right; nothing outside the ``/ToUnicode``
streams is touched.
"""

from __future__ import annotations

import re
import unicodedata

_TO_UNICODE = re.compile(rb"/ToUnicode\s+(\d+)\s+0\s+R")
_CODE = re.compile(rb"<([0-9A-Fa-f]{4})>")
#: Code points Qt may pick where an ideograph was meant: CJK Radicals Supplement, Kangxi Radicals.
_RADICALS = range(0x2E80, 0x2FE0)


def _ideograph(match: re.Match[bytes]) -> bytes:
    code = int(match.group(1), 16)
    if code not in _RADICALS:
        return match.group(0)
    plain = unicodedata.normalize("NFKC", chr(code))
    if len(plain) != 1 or ord(plain) > 0xFFFF or ord(plain) == code:
        return match.group(0)
    return b"<%04X>" % ord(plain)


def _fix_line(line: bytes) -> bytes:
    """One line of a CMap: only the characters (never the glyph codes) are rewritten —
    ``<lo> <hi> [<u> …]``, ``<lo> <lo> <u>`` (a range of one) and ``<code> <u>``."""
    parts = line.split(b"[", 1)
    if len(parts) == 2 and _CODE.match(parts[0].strip()):
        return parts[0] + b"[" + _CODE.sub(_ideograph, parts[1])
    codes = _CODE.findall(line)
    if len(codes) == 3 and codes[0] == codes[1] and line.strip() == b"<%s> <%s> <%s>" % tuple(codes):
        return line[: line.rindex(b"<")] + _CODE.sub(_ideograph, line[line.rindex(b"<"):])
    if len(codes) == 2 and line.strip() == b"<%s> <%s>" % tuple(codes) and not line.startswith(b"<0000> <FFFF>"):
        return line[: line.rindex(b"<")] + _CODE.sub(_ideograph, line[line.rindex(b"<"):])
    return line


def readable_cjk(pdf: bytes) -> bytes:
    """``pdf`` with the radicals of its ``/ToUnicode`` maps replaced by the ideographs they
    stand for (the same length: the file's structure is unchanged)."""
    out = bytearray(pdf)
    for number in dict.fromkeys(m.group(1) for m in _TO_UNICODE.finditer(pdf)):
        head = re.search(rb"(?:^|\n)" + number + rb" 0 obj\b", pdf)
        if head is None:
            continue
        start = pdf.find(b"stream", head.end())
        end = pdf.find(b"endstream", start)
        if start < 0 or end < 0 or pdf.find(b"endobj", head.end()) < start:
            continue  # not a plain stream object: leave it
        body = pdf[start:end]
        fixed = b"\n".join(_fix_line(line) for line in body.split(b"\n"))
        if len(fixed) == len(body):
            out[start:end] = fixed
    return bytes(out)


__all__ = ["readable_cjk"]
