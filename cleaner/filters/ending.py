"""Where the story ends: the tags, comment prompt or site copyright line below it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from .predicates import (
    TAG_LIST,
    heaviest_block,
    is_comment_prompt,
    is_site_copyright,
    is_text,
    line_weights,
    navigation_kind,
)
from .registry import WHOLE, register
from .shapes import content, word_count

# An ending line needs at least this share of the document's words above it.
_MIN_WORDS_ABOVE_STORY_END = 0.3
# A line that is not text weighs this much against a block (more than for
# body-region: a related headline's one-sentence blurb must not stretch the body).
_STORY_END_PENALTY = 8
# A block of text below the ending line that weighs this share of the body
# means the story goes on.
_MAX_RESUMED_SHARE = 0.3


@register("story-end", reach=WHOLE)
def story_end(lines: Sequence[Line], config: object) -> Iterator[tuple[Line, str]]:
    """All below the line that ends the story: "Tags: a, b", "12 Comments", a site's copyright line.

    Sites print the story's tags, a prompt to comment or the site's copyright
    line where the article ends; below come related headlines, comments and
    footers. Such a line ends the story only when it comes below the story's
    body (the heaviest block of text lines) and after 30% of the document's
    words; when it is not introduced by a colon (a notice quoted in a story
    about copyright); when the line below it is no sentence; and when no block
    of text below it weighs 30% of the body. Menus, widget chrome, a bare
    "Comments" subhead and photo credits never end the story. The line itself
    is left to its own filter.
    """
    indices = content(lines)
    texts = [lines[i].text for i in indices]
    words = [word_count(text) for text in texts]
    total = sum(words)
    # The heaviest block of text is the story's body: what ends the story comes
    # after it. Here fragments break a block more (teaser blurbs between related
    # headlines must not stretch the body).
    # A line introduced by a colon is quoted ("each image carries the notice:"),
    # and a sentence right below a line means the story goes on there.
    kinds = [
        _story_end_kind(text)
        if not (k and texts[k - 1].rstrip().endswith((":", "：")))
        and not (k + 1 < len(texts) and is_text(texts[k + 1]))
        else None
        for k, text in enumerate(texts)
    ]
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
    # Menus ("Pros | Cons | Verdict"), widget chrome ("Close" under a video) and
    # a bare "Comments" head sections of stories too often to end one.
    if navigation_kind(text) == TAG_LIST:
        return TAG_LIST
    if is_comment_prompt(text):
        return "comment section's heading"
    return "copyright notice" if is_site_copyright(text) else None
