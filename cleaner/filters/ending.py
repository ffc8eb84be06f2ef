"""Where the story ends: the tags, menu, comment heading or copyright notice below it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from .chrome import is_page_chrome
from .comments import is_comment_heading
from .edges import heaviest_block, line_weights
from .navigation import MENU, TAG_LIST, navigation_kind
from .notices import is_rights_notice
from .promos import is_comment_widget
from .registry import register
from .shapes import content, word_count

# An ending line needs at least this share of the document's words above it.
_MIN_WORDS_ABOVE_STORY_END = 0.3
# A line that is not text weighs this much against a block (more than for
# body-region: a related headline's one-sentence blurb must not stretch the body).
_STORY_END_PENALTY = 8
# A block of text below the ending line that weighs this share of the body
# means the story goes on.
_MAX_RESUMED_SHARE = 0.3


@register("story-end")
def story_end(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """Everything below the line that ends the story: tags, a menu, "12 Comments", a copyright notice.

    Sites print tag lists, section menus, the comment section's heading, the
    copyright notice or widget chrome ("Close") where the article ends; below
    them come related headlines, comments and footers. Such a line ends the
    story only when it comes below the story's body (the heaviest block of
    text lines) and after at least 30% of the document's words (a breadcrumb
    above the headline ends nothing), and when no block of text below it weighs
    30% of the body (a video's "Close" button mid-story ends nothing).
    Pagination ("1 / 3", "Next »") and a photo's credit ("© Reuters") never end
    the story. The line itself is left to its own filter.
    """
    indices = content(lines)
    texts = [lines[i].text for i in indices]
    words = [word_count(text) for text in texts]
    total = sum(words)
    # The heaviest block of text is the story's body: what ends the story comes
    # after it. Here fragments break a block more (teaser blurbs between related
    # headlines must not stretch the body).
    kinds = [_story_end_kind(text) for text in texts]
    # An ending line is no part of the body, even when it ends like a sentence.
    weights = [-_STORY_END_PENALTY if kind else weight
               for kind, weight in zip(kinds, line_weights(texts, _STORY_END_PENALTY))]
    body_weight, _, body_last = heaviest_block(weights, 0, len(texts))
    seen = 0
    for position, i in enumerate(indices):
        seen += words[position]
        kind = kinds[position]
        if position <= body_last or kind is None or seen < _MIN_WORDS_ABOVE_STORY_END * total:
            continue
        # A block of text below it as heavy as half the body: the story goes on
        # (a video's "Close" button or a photo's copyright line mid-story).
        resumed, _, _ = heaviest_block(weights, position + 1, len(texts))
        if resumed < _MAX_RESUMED_SHARE * body_weight:
            for j in indices[position + 1:]:
                yield lines[j], f"below the {kind} on line {lines[i].number}, where the story ends"
            return


def _story_end_kind(text: str) -> str | None:
    kind = navigation_kind(text)
    if kind in (TAG_LIST, MENU):
        return kind
    if is_comment_widget(text):
        return "comment section's heading"
    if is_comment_heading(text):
        return "comment section's heading"
    if is_rights_notice(text):
        return "copyright notice"
    return "page chrome" if is_page_chrome(text) else None
