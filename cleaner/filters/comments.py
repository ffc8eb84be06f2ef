"""Readers' comments below the story."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from .phrasebook import phrase_key
from .predicates import is_text
from .registry import WHOLE, register
from .shapes import content, lazy_compile, quote, word_count

# "Posted by: K. Nedd | January 14, 2008 08:53 PM", "Posted by nolasad on 01/13/08
# at 12:02PM", "Comment No. 1034757": the signature under a comment. Spaces
# are taken possessively: given back, they could only be read as the
# name's (.{0,80}), which leaves it less room.
_SIGNATURE = lazy_compile(
    r"(?i)(?:(?:posted|written|submitted|added|sent|commented)\s*+(?:(?:by|from|on)\s*+)?:?\s*+.{0,80}?"
    r"(?:\d{1,2}[:.]\d{2}|\b(?:19|20)\d\d\b|\d{1,2}/\d{1,2}/\d{2,4}).{0,30}"
    r"|comment\s*+(?:no\.?|#|number)\s*+\d+|(?:reply|report abuse|recommend)\s*+(?:\|\s*+\w++\s*+)*+)"
)
# What a blog post's footer holds beside its signature ("Posted by NAME at
# 9:20 AM | Permalink | Comments (3)"): a link to the post itself, its count of
# comments, its labels. Such a line ends a post, not the story, and never
# signs a comment.
_POST_FOOTER = lazy_compile(
    r"(?i)\bpermalink\b|\btrackbacks?\b|\b\d+\s+comments?\b|\bcomments?\s*\(\d+\)|\bno comments\b|\blabels\s*:"
)
# "Frances McErlane, Mallorca, Spain": a reader's name and place.
_NAME_AND_PLACE = lazy_compile(r"[A-Z][\w'’.-]*(?: [\w'’.-]+){0,3},(?: [\w'’.-]+){1,4}(?:,(?: [\w'’.-]+){0,3})?,?")
# Headings and widgets that open a comment section.
_MARKERS = frozenset(map(phrase_key, [
    "comments", "reader comments", "readers' comments", "readers comments", "your comments",
    "have your say", "add your view", "add your comment", "add a comment", "post a comment",
    "leave a comment", "leave a reply", "discussion", "join the discussion", "join the conversation",
    "what do you think?", "talkback", "reactions", "responses", "conversation", "comment on this story",
    "kommentare", "leserkommentare", "commentaires", "réactions", "comentarios", "comentários",
    "commenti", "reacties", "komentarze", "комментарии", "التعليقات", "评论", "評論", "コメント",
]))
_COUNTED_MARKER = lazy_compile(r"(?i)\W*(?:comments?|reactions?|responses?)\W*\(?\d+\)?\W*.*|\d+\s+(?:comments?|responses?|reactions?)\W*.*")  # noqa: E501  (a pattern reads best whole)
# The story comes first: a comment section needs this many text lines above it.
_MIN_STORY_LINES = 3
# How close below its heading the first signature must be.
_NEAR = 6
# Without a heading, this many "Name, Place" lines in the second half of the
# text make a comment section.
_MIN_WEAK_SIGNATURES = 4


_SIGNATURE_WORDS = ("posted", "written", "submitted", "added", "sent", "comment", "reply", "report", "recommend")


def _maybe_signature(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _SIGNATURE_WORDS)


def _is_marker(text: str) -> bool:
    if word_count(text) > 8:
        return False
    if phrase_key(text) in _MARKERS:
        return True
    return any(c.isdigit() for c in text) and bool(_COUNTED_MARKER.fullmatch(text.strip()))


@register("comments", reach=WHOLE)
def comments(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Readers' comments below the story: from the comment heading to the end.

    A section is found by its signatures: two "Posted by <name> <date>" or
    "Comment No. 123" lines, or a heading ("Comments (14)", "Have your say")
    closely followed by a signature or by three "Name, Place" lines, or four
    "Name, Place" lines in the second half. It must come after at least three
    lines of story, and below the last post footer ("Posted by <name> at
    <time> | Permalink | Comments (3)"), which ends a post, not the story:
    a blog's front page keeps every post.
    """
    indices = content(lines)
    texts = [lines[i].text.strip() for i in indices]
    strong = [
        k for k, text in enumerate(texts)
        if word_count(text) <= 25 and _maybe_signature(text) and _SIGNATURE.fullmatch(text)
    ]
    # Posts run down to the last post footer (a blog's front page holds
    # many): readers' comments can only come below it. The footers stay: were
    # they dropped, a second run could not tell the posts apart.
    footers = [k for k in strong if _POST_FOOTER.search(texts[k])]
    after_posts = footers[-1] + 1 if footers else 0
    strong = [k for k in strong if k >= after_posts]
    # A reader's "Name, Place" signs the comment above it: a list of names
    # ("The winners are:" then names) has no text between them.
    weak = [
        k for k, text in enumerate(texts)
        if k >= max(after_posts, 1) and "," in text and is_text(texts[k - 1]) and word_count(text) <= 8
        and _NAME_AND_PLACE.fullmatch(text)
    ]
    markers = [k for k, text in enumerate(texts) if k >= after_posts and _is_marker(text)]
    start = None
    for marker in markers:
        # The first comment follows its heading closely.
        near_strong = [k for k in strong if marker < k <= marker + _NEAR]
        near_weak = [k for k in weak if marker < k <= marker + 3 * _NEAR]
        if near_strong or len(near_weak) >= 3:
            start = marker
            break
    if start is None and len(strong) >= 2:
        # The first comment's text stands just above its signature.
        start = max(strong[0] - 1, after_posts)
    if start is None and len(weak) >= _MIN_WEAK_SIGNATURES and weak[0] > len(texts) // 2:
        start = max(weak[0] - 1, 0)
    if start is None:
        return
    story = sum(1 for k in range(start) if is_text(texts[k]))
    if story < _MIN_STORY_LINES:
        return
    reason = f"comment section from line {lines[indices[start]].number} ({quote(texts[start], 40)!r})"
    for k in range(start, len(indices)):
        yield lines[indices[k]], reason
