"""No line makes cleaning slower than linear: a fuzz test over line shapes, the
patterns that once backtracked, and the memory markup needs for one long line."""

import importlib
import multiprocessing
import random
import time
import tracemalloc

import pytest

import cleaner
from cleaner import Config
from cleaner.filters.shapes import clear_line_caches

EVERY_FILTER = Config.select(enable=[name for name, entry in cleaner.FILTERS.items() if not entry.default])

# A line is a prefix, a unit repeated, a suffix: the prefixes are the words and
# shapes the patterns look for, the units what a pattern may read on through.
PREFIXES = [
    "", "submitted", "Posted by", "Posted by: Jane", "Comment No.", "reply", "By ", "By Jane", "By: ", "Von ",
    "Photo:", "Photo by ", "Image copyright ", "(Photo: ", "Reuters / ", "Tags:", "Filed under: ", "Home » ",
    "Page 1 of", "1 2 3 ", "« ", "READ MORE:", "Related » ", "a{", "a {", "var x = ", "function (",
    "document.write(", "<a ", "<b>", "<!--", "<a title=\"", "(", "[", "©", "Copyright 2019 ", "1. ", "- ", "— ",
    "2 cups ", "Image 1 of", "@", "jane@example.com", "Write to Jane at ", "Jane can be reached ",
    "12:30", "January 5, 2019", "5 min", "Reading time: ", "Staff ", "Associated Press - ", "Jane Doe, ",
    "Comments (3)", "Post a comment ", "Why? ", "Follow us on ", "Sign up ", "We use cookies ",
    "By continuing ", "Distributed by ", "Subscribe to get the ", "Provision ", "Affiliate links ",
    "https://", "Advertisement ",
]
UNITS = [
    " ", "\t", ", ", " | ", " » ", ":", "-", " - ", ".", "a ", "1 ", "Aa ", "a", "1", "A", "a.", "()", "{", "}",
    ";", "<b>x</b>", "<a ", "<a x='>'", " -", "<", "'", "=\"", "? ", "@", "a@", "/", " / ", "&", "by ", "12:30 ",
    "2019 ", "中", "a-", ". ", "--", "-->", "Reuters ", "and ",
]
SUFFIXES = ["", "x", "}x", ".", "!", " 2019", ":", ")", " 12:30", ">"]


def shape_line(prefix: str, unit: str, suffix: str, length: int) -> str:
    """The line of a shape, about ``length`` characters long."""
    return prefix + unit * max(1, (length - len(prefix) - len(suffix)) // len(unit)) + suffix


def growth(function, make, small: int, repeat: int = 1) -> float:
    """How many times longer ``function`` takes on make(4 * small) than on
    make(small): the best of ``repeat`` runs of each, taken in turn, each with
    cold caches, in CPU time (a busy machine delays a run, but does not
    charge it for the wait)."""
    inputs = make(small), make(4 * small)
    best = [float("inf")] * 2
    for _ in range(repeat):
        for size, argument in enumerate(inputs):
            clear_line_caches()
            started = time.thread_time()
            function(argument)
            best[size] = min(best[size], time.thread_time() - started)
    return best[1] / max(best[0], 1e-6)


# Four times the length takes about four times as long; sixteen is quadratic.
MAX_GROWTH = 9


def slower_than_linear(function, make, small: int) -> float | None:
    """The growth, if it stays above MAX_GROWTH when measured again with more
    care: one slow run on a busy machine is not a slow pattern."""
    ratio = growth(function, make, small)
    for repeat in (3, 7):
        if ratio <= MAX_GROWTH:
            return None
        ratio = growth(function, make, small, repeat)
    return ratio


def in_child(target, args=(), limit: float = 60.0):
    """target(*args) run in a child process: a pattern that backtracks can
    take hours, and only a process can be stopped."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=lambda: sender.send(target(*args)), daemon=True)
    child.start()
    sender.close()  # the child's copy is the only one left: if it dies, recv() says so
    if not receiver.poll(limit):
        child.kill()
        child.join()
        pytest.fail(f"{target.__name__} still running after {limit:.0f} s")
    result = receiver.recv()
    child.join()
    return result


def clean_every_filter(text: str) -> None:
    cleaner.clean(text, EVERY_FILTER)


def slow_shapes(shapes, small: int = 4000, limit: float = 30.0) -> list[tuple]:
    """The shapes whose cleaning grows faster than linear, measured in a child
    process that reports each shape before it measures it: a shape still
    running after ``limit`` seconds is named, and ends the search."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def measure():
        slow = []
        for prefix, unit, suffix in shapes:
            sender.send(("measuring", (prefix, unit, suffix)))
            ratio = slower_than_linear(
                clean_every_filter, lambda n, shape=(prefix, unit, suffix): shape_line(*shape, n), small)
            if ratio is not None:
                slow.append((prefix, unit, suffix, round(ratio, 1)))
        sender.send(("slow", slow))

    child = context.Process(target=measure, daemon=True)
    child.start()
    sender.close()
    shape = None
    while receiver.poll(limit):
        kind, value = receiver.recv()
        if kind == "slow":
            child.join()
            return value
        shape = value
    child.kill()
    child.join()
    return [(*shape, f"still running after {limit:.0f} s")]


# Shapes that were slow once, always among those tried.
KNOWN_SLOW = [("submitted", " ", "x"), ("Posted by", " ", "x"), ("a{", ":", "}x"), ("By Jane", " -", ")")]
SAMPLE = 600


def test_cleaning_time_grows_linearly_with_the_line_for_every_shape():
    # A fixed sample of every prefix x unit x suffix; bench/linear.py tries them all.
    every = [(p, u, s) for p in PREFIXES for u in UNITS for s in SUFFIXES]
    shapes = KNOWN_SLOW + random.Random(20260).sample(every, SAMPLE)
    slow = slow_shapes(shapes)
    assert slow == [], f"time for 16k characters over time for 4k above {MAX_GROWTH}: {slow}"


def assert_linear(function, make, small: int = 4000) -> None:
    """function(make(n)) takes time linear in n, measured in a child process."""
    ratio = in_child(slower_than_linear, (function, make, small), limit=30)
    assert ratio is None, f"{4 * small} characters take {ratio:.1f} times as long as {small}"


# Each pattern that once backtracked, on the line that made it slow.
@pytest.mark.parametrize(
    ("where", "pattern", "use", "make"),
    [
        ("comments", "_SIGNATURE", "fullmatch", lambda n: "submitted" + " " * n + "x"),
        ("comments", "_SIGNATURE", "fullmatch", lambda n: "Posted by" + "\u00a0" * n + "x"),
        ("markup", "_CODE_SIGNAL", "search", lambda n: "a{" + ":" * n + "}x"),
        ("bylines", "_BY", "fullmatch", lambda n: "By Jane" + " -" * (n // 2) + " )"),
        ("bylines", "_BY", "fullmatch", lambda n: "By" + " " * n + "x"),
        ("bylines", "_READ_TIME", "fullmatch", lambda n: "reading time" + " " * n + "x"),
        ("captions", "_CREDIT_START", "findall", lambda n: "a" + " " * n + "b"),
        ("captions", "_SEPARATOR", "split", lambda n: "a" + " " * n + "b"),
        ("predicates", "_MENU_SEPARATOR", "split", lambda n: "Home" + " " * n + "x"),
        ("predicates", "_TAG_SEPARATOR", "split", lambda n: "tag" + " " * n + "x"),
        ("predicates", "_PAGINATION", "fullmatch", lambda n: "1" + " " * n + "x"),
        ("predicates", "_COMMENT_UI", "fullmatch", lambda n: " " * n + "x"),
        ("predicates", "_COMMENT_PROMPT", "fullmatch", lambda n: " " * n + "x"),
        ("teasers", "_SEPARATOR", "search", lambda n: "a" + " " * n + "b"),
    ],
)
def test_pattern_is_linear(where, pattern, use, make):
    compiled = getattr(importlib.import_module(f"cleaner.filters.{where}"), pattern)
    assert_linear(getattr(compiled, use), make)


@pytest.mark.parametrize(
    ("function", "make", "small"),
    [
        # "(" and spaces: the pattern that read what brackets hold was cubic.
        ("cleaner.filters.captions:_inside_brackets", lambda n: "(" + " " * n + "x", 4000),
        # An opening again and again with no end after it: each read on to the line's end.
        ("cleaner.filters.notices:_is_syndication", lambda n: "distributed by " * (n // 15), 4000),
        ("cleaner.filters.notices:_is_syndication", lambda n: "sign up to get the x " * (n // 21), 16000),
        ("cleaner.filters.notices:_is_affiliate", lambda n: "provision " * (n // 10), 4000),
        ("cleaner.filters.promos:_is_cookie_notice", lambda n: "by using " * (n // 9), 4000),
    ],
)
def test_reading_is_linear(function, make, small):
    module, name = function.split(":")
    assert_linear(getattr(importlib.import_module(module), name), make, small)


def test_comments_before_a_page_are_read_once():
    # "<!--.*?-->" repeated split a run of comments in every possible way: 2**n.
    from cleaner.htmlpage import looks_like_html

    assert in_child(looks_like_html, (b"<!---->" * 500 + b"x",), limit=10) is False
    assert looks_like_html(b"<!-- a --> <!-- b --><html>") and looks_like_html(b"<!-- a --> b --> <html>")


def _markup_peak(line: str) -> tuple[str | None, int]:
    from cleaner.filters.markup import markup_reason

    tracemalloc.start()
    reason = markup_reason(line)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return reason, peak


def test_markup_reads_a_long_line_of_tags_in_little_memory():
    # beautifulsoup4 built a tree: 6 GB for 32 MB of "<b>x</b>".
    line = "<b>x</b>" * (1 << 18)  # 2 MB
    reason, peak = in_child(_markup_peak, (line,), limit=60)
    assert reason and reason.startswith("HTML")
    assert peak < 2 * len(line)
