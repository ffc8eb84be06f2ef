"""HTML and script left in the text by a careless scraper."""

from __future__ import annotations

from .registry import line_filter
from .shapes import lazy_compile, line_cache, quote

# HTML's own element names: "<The Palace: Jang Noksu>" is a title in angle brackets.
_ELEMENTS = (
    "a|abbr|article|aside|audio|b|blockquote|body|br|button|center|code|dd|div|dl|dt|em|embed|"
    "figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|"
    "main|meta|nav|noscript|object|ol|option|p|param|picture|pre|s|script|section|select|small|source|"
    "span|strong|style|sub|sup|svg|table|tbody|td|textarea|th|thead|title|tr|u|ul|video"
)
_TAG = lazy_compile(rf"</?(?i:{_ELEMENTS})(?:\s[^<>]*)?/?>|<!--|-->")
# The last branch is a CSS rule: "{", a colon, and the rest up to the first "}"
# (one reading of it: the colon is the first one, the rest is possessive).
_CODE_SIGNAL = lazy_compile(
    r"document\.(?:write|getElementById|createElement|cookie)|\bfunction\s*\(|\bvar\s+\w+\s*=|"
    r"\b(?:let|const)\s+\w+\s*=|window\.\w+|googletag|adsbygoogle|\$\(|jQuery|\bnew Date\(\)|"
    r"\b\w{1,40}\s*\(\s*\)\s*;|\}\s*\)\s*;|^\s*[.#]?[\w-]{1,60}\s*\{[^}:]*+:[^}]*+\}?\s*$"
)
# Visible words under this share of the line: the line is markup, not text.
_MAX_VISIBLE_SHARE = 0.5
# Elements whose content is code or another page, never text to read.
_HIDDEN_NAME = r"(?ai:script|style|noscript|iframe)(?=[\t\n\r\f />\x00])"
_HIDDEN_ELEMENT, _HIDDEN_TAG = lazy_compile(_HIDDEN_NAME), lazy_compile("<" + _HIDDEN_NAME)
# A start tag without quotes (nor "<", which would belong to it), or an end
# tag: the parser ends them at the first ">". Text and such tags are most of
# a line of markup, and are read in bulk, in chunks of about this many
# characters (lists of pieces stay short).
_PLAIN = r"<(?:[a-zA-Z][^\"'<>\x00]*+|/[a-zA-Z][^<>]*+)>"
_PLAIN_TAG, _PLAIN_RUN = lazy_compile(_PLAIN), lazy_compile(rf"[^<]*+(?:{_PLAIN}[^<]*+)*+")
_CHUNK = 1 << 14
# Other start tags piece by piece, as Python's html.parser reads them (its
# locatestarttagend_tolerant): the element's name, then each attribute's
# name, "=", a value without quotes, the spaces and slashes between.
_ELEMENT_NAME_END = lazy_compile(r"[\t\n\r\f />\x00]")
_SPACES_AND_SLASHES = lazy_compile(r"[\s/]*")
_ATTRIBUTE_NAME = lazy_compile(r"[^\s/>][^\s/=>]*")
_EQUALS = lazy_compile(r"\s*(=+)\s*")
_BARE_VALUE = lazy_compile(r"[^>\s]*")
_BETWEEN = lazy_compile(r"(?:\s|/(?!>))*")
_SPACES = lazy_compile(r"\s*")
# An HTML parser ends a comment at "--", spaces, ">".
_COMMENT_END = lazy_compile(r"--\s*>")
_CDATA, _CDATA_END = "<![CDATA[", "]]>"


class _Reading:
    """A line read as HTML the way Python's html.parser (beautifulsoup4's
    parser) reads it: tags, comments and declarations hide their text, and
    markup that never ends is text up to the next ">".

    Linear in the line's length, and in memory a small share of it: every
    search consumes what it passed, or fails once and is remembered, so it
    is never repeated from a later position. A start tag that never ends is
    read again from the next "<" (its text is text); the places where it
    started attributes are marked, so that a later tag stops where it joins
    that reading."""

    def __init__(self, text: str) -> None:
        self.text = text
        # No ">", quote or "]]>" after these: a search from later fails without looking.
        self.last_gt = text.rfind(">")
        self.last_quote = {mark: text.rfind(mark) for mark in "\"'"}
        self.last_cdata_end = text.rfind(_CDATA_END)
        self.no_comment_end_from = len(text)
        # The end of the last element name found, and whether a tag with it never ends.
        self.name_end, self.name_end_unending = -1, False
        self.unending: bytearray | None = None  # a bit per position, made when first needed

    def hidden_and_visible(self) -> tuple[bool, int]:
        """(holds script, style, noscript or iframe; length of the visible text,
        its pieces stripped and joined by spaces as bs4's get_text(" ", strip=True) does)."""
        text = self.text
        visible = pieces = 0
        run = _Run()  # the text since the last markup
        position = 0
        while True:
            stop = _PLAIN_RUN.match(text, position).end()
            while position < stop:  # in chunks that end where a tag starts
                cut = text.find("<", position + _CHUNK, stop) if position + _CHUNK < stop else -1
                chunk = text[position : stop if cut < 0 else cut]
                if _HIDDEN_TAG.search(chunk):
                    return True, 0
                *closed, last = map(_decoded, _PLAIN_TAG.split(chunk))
                if closed:
                    run.add(closed[0])
                    stripped = list(map(str.strip, closed[1:]))
                    visible += sum(map(len, stripped)) + run.visible()
                    pieces += len(stripped) - stripped.count("") + (run.visible() > 0)
                    run = _Run()
                run.add(last)
                position += len(chunk)
            if position == len(text):
                break
            end, inner, hidden = self._markup(position)
            if hidden:
                return True, 0
            if end < 0 or inner is None:  # no break in the text: "x < 5", "</>"
                if end < 0:  # read as it is written, entities and all
                    run.add(text[position:-end])
                position = abs(end)
                continue
            for length in (run.visible(), len(inner.strip())):
                visible, pieces = visible + length, pieces + (length > 0)
            run, position = _Run(), end
        if length := run.visible():
            visible, pieces = visible + length, pieces + 1
        return False, visible + max(pieces - 1, 0)

    def _markup(self, opening: int) -> tuple[int, str | None, bool]:
        """(end, text shown inside, hidden element?) of the markup opening at
        ``opening``. An end below zero is minus the end of the text it turned
        out to be; no text inside (None) for markup that is no break in the
        text."""
        text = self.text
        following = text[opening + 1 : opening + 2]
        if following.isascii() and following.isalpha():
            end = self._start_tag_end(opening)
            if end > 0:
                return end, "", bool(_HIDDEN_ELEMENT.match(text, opening + 1))
            if end < -1:
                return end, "", False  # bogus: text up to where the parser stopped
        elif text.startswith("<!--", opening):
            end = self._comment_end(opening + 4)
            if end > 0:
                return end, "", False
        elif text.startswith(_CDATA, opening):
            if opening + len(_CDATA) <= self.last_cdata_end:
                close = text.find(_CDATA_END, opening + len(_CDATA))
                return close + len(_CDATA_END), text[opening + len(_CDATA) : close], False
        elif text.startswith("</>", opening):
            return opening + 3, None, False
        elif following in ("/", "!", "?"):  # an end tag, a declaration, a bogus comment
            if opening + 2 <= self.last_gt:
                return text.find(">", opening + 2) + 1, "", False
        else:
            return -(opening + 1), "", False  # a "<" in text: "x < 5"
        return -self._unfinished_end(opening), "", False

    def _unfinished_end(self, opening: int) -> int:
        # Markup that never ends is text up to the next ">", else up to the next "<".
        if opening < self.last_gt:
            return self.text.find(">", opening + 1) + 1
        following = self.text.find("<", opening + 1)
        return following if following >= 0 else opening + 1

    def _comment_end(self, start: int) -> int:
        if start < self.no_comment_end_from:
            found = _COMMENT_END.search(self.text, start)
            if found:
                return found.end()
            self.no_comment_end_from = start
        return -1

    def _start_tag_end(self, opening: int) -> int:
        """Just after the start tag's ">" or "/>"; -1 if it never ends; minus
        where the parser stops if it ends without ">" (bogus markup)."""
        text = self.text
        if opening + 2 > self.name_end:  # the name may hold "<": "<a<b>" is one tag
            found = _ELEMENT_NAME_END.search(text, opening + 2)
            self.name_end, self.name_end_unending = (found.start() if found else len(text)), False
        if self.name_end_unending:
            return -1
        position = _SPACES_AND_SLASHES.match(text, self.name_end).end()
        while (text[position - 1] in "'\"/" or text[position - 1].isspace()) and (
            name := _ATTRIBUTE_NAME.match(text, position)
        ):
            if self._is_unending(position):
                break
            self._mark(position)
            position = _BETWEEN.match(text, self._value_end(name.end())).end()
        else:
            position = _SPACES.match(text, position).end()
            following = text[position : position + 1]
            if following == ">":
                return position + 1
            if following == "/" and text.startswith("/>", position):
                return position + 2
            if following and not (following.isascii() and following.isalpha()) and following not in "=/":
                return -max(position, opening + 1)
        self.name_end_unending = True
        return -1

    def _value_end(self, position: int) -> int:
        """Where an attribute's value (after its name, at ``position``) ends,
        or ``position`` if it has none."""
        text = self.text
        equals = _EQUALS.match(text, position)
        if not equals:
            return position
        start = equals.end()
        mark = text[start : start + 1]
        if mark not in ("'", '"'):
            return _BARE_VALUE.match(text, start).end()
        if start < self.last_quote[mark]:
            return text.find(mark, start + 1) + 1
        # A quote that never closes: the parser's pattern backs off to an
        # empty value before the spaces, or to a value that starts with "=".
        if start > equals.end(1):
            return start
        if len(equals.group(1)) > 1:
            return _BARE_VALUE.match(text, equals.end(1) - 1).end()
        return position

    def _mark(self, position: int) -> None:
        # Marked where every attribute starts: a tag that ends is never read
        # again, so only the marks of tags that never end are ever looked at.
        if self.unending is None:
            self.unending = bytearray(len(self.text) // 8 + 1)
        self.unending[position >> 3] |= 1 << (position & 7)

    def _is_unending(self, position: int) -> bool:
        return self.unending is not None and bool(self.unending[position >> 3] & (1 << (position & 7)))


def _decoded(text: str) -> str:
    if "&" not in text:
        return text
    from html import unescape  # its entity table costs the start-up a millisecond or two

    return unescape(text)


class _Run:
    """A run of text between markup, measured as it grows: what strip() would keep of it."""

    __slots__ = ("length", "leading", "trailing")

    def __init__(self) -> None:
        self.length = self.leading = self.trailing = 0  # whitespace at either end

    def add(self, piece: str) -> None:
        spaces_before = len(piece) - len(piece.lstrip())
        if self.leading == self.length:  # only whitespace so far
            self.leading += spaces_before
        if spaces_before == len(piece):
            self.trailing += len(piece)
        else:
            self.trailing = len(piece) - len(piece.rstrip())
        self.length += len(piece)

    def visible(self) -> int:
        return self.length - self.leading - self.trailing if self.leading < self.length else 0


@line_cache
def markup_reason(text: str) -> str | None:
    stripped = text.strip()
    # Code ends with ; } ) or a tag, prose about code ends like a sentence.
    prose = stripped.endswith((".", "!", "?", ":")) and " " in stripped
    if not prose and (";" in stripped or "{" in stripped or "}" in stripped) and _CODE_SIGNAL.search(stripped):
        return f"script code {quote(stripped)!r}"
    if "<" not in stripped or not _TAG.search(stripped):
        return None
    hidden, visible = _Reading(stripped).hidden_and_visible()
    if hidden or visible <= _MAX_VISIBLE_SHARE * len(stripped):
        return f"HTML {quote(stripped)!r}"
    return None


# A line read from a page is what the page shows: a tag in it was written as
# text ("Add <meta charset> to the head"), not left over.
@line_filter("markup", pages=False)
def markup(text: str) -> str | None:
    """HTML tags and script code left in the text ("<a href=...>", "document.write(...);").

    A line counts when it holds tags and less than half of it is visible
    text (outside tags, comments and declarations), or when it holds script
    or style, or reads as JavaScript or CSS. A sentence with an inline tag in
    it is mostly text and stays as it is (lines are never rewritten).

    >>> markup("<div><a href=/x>x</a></div>")
    "HTML '<div><a href=/x>x</a></div>'"
    >>> markup("Use the <em>new</em> road, the police said on Monday.") is None
    True
    """
    return markup_reason(text)
