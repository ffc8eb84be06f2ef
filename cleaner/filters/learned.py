"""line-model: lines a learned model scores as junk (see cleaner.scoring)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..document import Line
from ..origins import MARKUP_FIELDS, is_structural, markup_of
from .predicates import is_headline, is_text, line_weights, listed_lines, story_span
from .registry import WHOLE, register


class ModelReason:
    """Why the model dropped a line, worded only when shown (str()): finding
    the features that weighed most costs as much as scoring the line again."""

    __slots__ = ("model", "score", "row")

    def __init__(self, model, score: float, row: list[float]) -> None:
        self.model, self.score, self.row = model, score, row

    def __str__(self) -> str:
        return self.model.reason(self.score, self.row)

    def __reduce__(self):
        return str, (str(self),)  # a worker sends the words, not the model


_IN_CORE, _IN_CODE, _IN_TABLE, _IN_QUOTE, _LINK_SHARE, _BLOCK_LINK_SHARE = (
    MARKUP_FIELDS.index(name)
    for name in ("in_core", "in_code", "in_table", "in_quote", "line_link_share", "block_link_share"))
_LINKED = 0.5  # a line (or its block) this much in links reads as links
# A title block: a headline, with a subtitle, a standfirst or a dateline.
_TITLE_LINES = 3


def _title(texts: Sequence[str], indices: Sequence[int]) -> list[int]:
    """The story's title block: up to three lines right above its first
    sentence, while they are shaped like headlines. It is the article's own
    text, though many a corpus leaves it out of its clean text (so the model
    learnt to score it as junk); what stands above it is leading-junk's to judge."""
    for k, i in enumerate(indices):
        if is_text(texts[i]):
            block = []
            for j in reversed(indices[max(0, k - _TITLE_LINES):k]):
                if not is_headline(texts[j]):
                    break
                block.append(j)
            return block
    return []


def protected_lines(lines: Sequence[Line], read_markup: bool = True) -> set[int]:
    """The indices of the lines the model may not remove (see _protected);
    without ``read_markup``, a page's lines are guarded as text is."""
    texts = [line.text for line in lines]
    return _protected(lines, texts, [i for i, text in enumerate(texts) if text], read_markup)


def _protected(lines: Sequence[Line], texts: Sequence[str], indices: Sequence[int],
               read_markup: bool = True) -> set[int]:
    """Lines the model never removes, however it scores them: it learnt from
    pages whose clean text leaves out things that are the article's own, and
    a real line lost costs far more than a junk line kept. It judges the
    margins of a story, where menus and blocks of other stories' headlines
    stand; inside the story, tables, lists and schedules look just like them
    (the rules judge what is inside).

    - every line of a document without a sentence (there is no story);
    - sentences;
    - every line from the first to the last of the story's blocks of text
      (see _story_span);
    - the story's title block, right above its first sentence;
    - a list introduced by a colon ("The winners are:");
    - on a page, the headings and list items of the article's own markup.

    On a page, these hold only inside the article's core (the block whose
    paragraphs hold the most text), and for the title block, and for
    headings, list items, tables and quotations that are no links wherever
    they stand; code (``<pre>``, ``<code>``) is never judged. The model,
    reading the markup too, judges the rest. Around the core stand the
    page's other stories, lists of links and widgets, sentences and headings
    among them; a story's lead paragraph outside the core reads, from the
    markup and the text, as the story's.
    """
    sentences = [i for i in indices if is_text(texts[i])]
    span = _story_span(texts, indices)
    if not sentences or span is None:
        return set(indices)  # no story to stand around: left alone, as the rules leave it
    protected = set(sentences) | listed_lines(lines, list(indices))
    protected.update(i for i in indices if is_structural(lines[i].origin))
    protected.update(i for i in indices if span[0] <= i <= span[1])
    if read_markup:
        protected.difference_update([i for i in protected if _outside_core(lines[i])])
        protected.update(i for i in indices if _is_code(lines[i]))
    protected.update(_title(texts, indices))
    return protected


def _is_code(line: Line) -> bool:
    """Whether the page's markup puts the line in ``<pre>`` or ``<code>``."""
    markup = markup_of(line.origin)
    return markup is not None and bool(markup[_IN_CODE])


def _outside_core(line: Line) -> bool:
    """Whether the page's markup puts the line outside the article's core,
    where the model judges it: not code, nor a heading, list item, table
    cell or quotation that is no link (a review's "Cons" and its points, a
    story's table of results, a quoted post; "Most read" and its headlines
    are links)."""
    markup = markup_of(line.origin)
    if markup is None or markup[_IN_CORE] or markup[_IN_CODE]:
        return False
    shaped = is_structural(line.origin) or markup[_IN_TABLE] or markup[_IN_QUOTE]
    return not (shaped and markup[_LINK_SHARE] < _LINKED and markup[_BLOCK_LINK_SHARE] < _LINKED)


def _story_span(texts: Sequence[str], indices: Sequence[int]) -> tuple[int, int] | None:
    """The first and last line of the story's blocks of text (see
    predicates.story_span): menus, footers and notices around it stand outside."""
    span = story_span(line_weights([texts[i] for i in indices]))
    return None if span is None else (indices[span[0]], indices[span[1]])


@register("line-model", reach=WHOLE)
def line_model(lines: Sequence[Line], config) -> Iterator[tuple[Line, object]]:
    """Lines a model learned from labelled pages scores as junk: blocks of short headline-like lines.

    Gradient-boosted trees score each line (the probability that it is junk)
    from shallow features of the line and its context: its length, final
    punctuation, case and digits; the run of short lines and the paragraph it
    sits in; where it stands against the story's main block of sentences; the
    scores of the lines around it. A line scoring above the threshold goes.
    `--strictness low|medium|high` picks the threshold (`--threshold` sets it),
    `--model FILE` a model of your own (`cleaner train`).
    """
    texts = [line.text for line in lines]
    indices = [i for i, text in enumerate(texts) if text]
    protected = _protected(lines, texts, indices)
    if len(protected) == len(indices):
        return  # nothing the model may judge: no need to score (most article text)
    # Imported here: the model and its features load only when a line needs them.
    from ..scoring.model import load_model

    model = load_model(getattr(config, "model", None))
    found = [markup_of(line.origin) for line in lines]
    markups: list | None = None
    if any(found):
        if model.page is not None:
            model, markups = model.page, found  # a page's lines, read with their markup
        else:
            # A model that never learnt from pages scores a page's lines as
            # text, with the guards of text.
            protected = _protected(lines, texts, indices, read_markup=False)
    threshold = model.threshold(getattr(config, "strictness", None), getattr(config, "threshold", None))
    judged = [k for k, i in enumerate(indices) if i not in protected]
    if not judged:
        return
    for k, score, row in model.score(texts, judged, markups):
        if score > threshold:
            yield lines[indices[k]], ModelReason(model, round(score, 4), row)
