"""Which lines GNU diff would mark as changed, for a patch of removals.

When cleaning removes a line that has copies nearby ("A", "", "A"), which
copy the patch removes is a free choice. GNU ``diff`` makes it by its own
steps: identical ends set aside (all but the context lines), lines that match
nothing in the other file discarded first (and some that match very many),
a middle-snake search over the rest (Myers' O(ND) algorithm, searching from
both ends), and changed runs slid among identical lines. This module takes
the same steps, written from their description in GNU diffutils, so that a
patch of removals is the one ``diff -U N`` writes. It answers None when its
search would need GNU's shortcut for costly files.
"""

from __future__ import annotations

from collections.abc import Sequence

_NO, _YES, _MAYBE = 0, 1, 2  # a line's discard state


def changed_lines(old: Sequence[str], new: Sequence[str], context: int) -> tuple[list[bool], list[bool]] | None:
    """For each line of ``old``, whether GNU diff marks it removed going to
    ``new``, and for each line of ``new``, whether it marks it inserted (when
    GNU finds a line cheaper to write again than to keep); None when its
    costly-file shortcut would be needed."""
    prefix = 0
    while prefix < len(old) and prefix < len(new) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while (suffix < len(old) - prefix and suffix < len(new) - prefix
           and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]):
        suffix += 1
    # The identical ends are set aside, all but `context` lines of each (GNU's horizon).
    head, tail = max(0, prefix - context), max(0, suffix - context)
    a, b = old[head : len(old) - tail], new[head : len(new) - tail]
    classes: dict[str, int] = {}
    xs = [classes.setdefault(line, len(classes) + 1) for line in a]
    ys = [classes.setdefault(line, len(classes) + 1) for line in b]
    changed = [[False] * len(xs), [False] * len(ys)]
    kept = _discard_confusing(xs, ys, changed)
    if kept is None:
        return None
    (xv, xreal), (yv, yreal) = kept
    search = _Search(xv, yv, xreal, yreal, changed)
    if not search.compare(0, len(xv), 0, len(yv)):
        return None
    _shift_boundaries(xs, changed[0], changed[1])
    _shift_boundaries(ys, changed[1], changed[0])
    return [False] * head + changed[0] + [False] * tail, [False] * head + changed[1] + [False] * tail


def _discard_confusing(xs: list[int], ys: list[int], changed: list[list[bool]]):
    """GNU's discard_confusing_lines: a line that matches no line of the other
    file is changed outright; one that matches very many is set aside too,
    inside a run of such lines. Returns the lines left, and their indexes."""
    files = (xs, ys)
    counts = []
    for lines in files:
        count: dict[int, int] = {}
        for value in lines:
            count[value] = count.get(value, 0) + 1
        counts.append(count)
    discards = []
    for f, lines in enumerate(files):
        other = counts[1 - f]
        many, tem = 5, len(lines) // 64
        while (tem := tem >> 2) > 0:
            many *= 2
        marks = []
        for value in lines:
            matches = other.get(value, 0)
            marks.append(_YES if matches == 0 else _MAYBE if matches > many else _NO)
        discards.append(marks)
    for marks in discards:
        end, i = len(marks), 0
        while i < end:
            if marks[i] == _MAYBE:
                marks[i] = _NO
            elif marks[i] != _NO:
                j, provisional = i, 0
                while j < end and marks[j] != _NO:
                    if marks[j] == _MAYBE:
                        provisional += 1
                    j += 1
                while j > i and marks[j - 1] == _MAYBE:
                    j -= 1
                    marks[j] = _NO
                    provisional -= 1
                length = j - i
                if provisional * 4 > length:
                    while j > i:
                        j -= 1
                        if marks[j] == _MAYBE:
                            marks[j] = _NO
                else:
                    minimum, tem = 1, length >> 2
                    while (tem := tem >> 2) > 0:
                        minimum <<= 1
                    minimum += 1
                    j = consec = 0
                    while j < length:
                        if marks[i + j] != _MAYBE:
                            consec = 0
                        else:
                            consec += 1
                            if minimum == consec:
                                j -= consec  # back to the subrun's start, to cancel it all
                            elif minimum < consec:
                                marks[i + j] = _NO
                        j += 1
                    consec = 0
                    for j in range(length):
                        if j >= 8 and marks[i + j] == _YES:
                            break
                        if marks[i + j] == _MAYBE:
                            consec, marks[i + j] = 0, _NO
                        elif marks[i + j] == _NO:
                            consec = 0
                        else:
                            consec += 1
                        if consec == 3:
                            break
                    i += length - 1
                    consec = 0
                    for j in range(length):
                        if j >= 8 and marks[i - j] == _YES:
                            break
                        if marks[i - j] == _MAYBE:
                            consec, marks[i - j] = 0, _NO
                        elif marks[i - j] == _NO:
                            consec = 0
                        else:
                            consec += 1
                        if consec == 3:
                            break
            i += 1
    kept = []
    for f, lines in enumerate(files):
        values, real = [], []
        for index, value in enumerate(lines):
            if discards[f][index] == _NO:
                values.append(value)
                real.append(index)
            else:
                changed[f][index] = True
        kept.append((values, real))
    return kept


class _Search:
    """Myers' middle-snake search as GNU's compareseq and diag run it."""

    def __init__(self, xv, yv, xreal, yreal, changed) -> None:
        self.xv, self.yv, self.xreal, self.yreal, self.changed = xv, yv, xreal, yreal, changed
        size = len(xv) + len(yv) + 3
        self.fd: dict[int, int] = {}
        self.bd: dict[int, int] = {}
        expensive, diags = 1, size
        while diags:
            expensive <<= 1
            diags >>= 2
        self.too_expensive = max(4096, expensive)

    def compare(self, xoff: int, xlim: int, yoff: int, ylim: int) -> bool:
        """Mark the changed lines between the bounds; False when GNU's shortcut would be needed."""
        stack = [(xoff, xlim, yoff, ylim)]
        xv, yv = self.xv, self.yv
        while stack:
            xoff, xlim, yoff, ylim = stack.pop()
            while xoff < xlim and yoff < ylim and xv[xoff] == yv[yoff]:
                xoff += 1
                yoff += 1
            while xoff < xlim and yoff < ylim and xv[xlim - 1] == yv[ylim - 1]:
                xlim -= 1
                ylim -= 1
            if xoff == xlim:
                for y in range(yoff, ylim):
                    self.changed[1][self.yreal[y]] = True
            elif yoff == ylim:
                for x in range(xoff, xlim):
                    self.changed[0][self.xreal[x]] = True
            else:
                middle = self._diag(xoff, xlim, yoff, ylim)
                if middle is None:
                    return False
                xmid, ymid = middle
                stack.append((xmid, xlim, ymid, ylim))  # done second, as GNU recurses
                stack.append((xoff, xmid, yoff, ymid))
        return True

    def _diag(self, xoff: int, xlim: int, yoff: int, ylim: int) -> tuple[int, int] | None:
        fd, bd, xv, yv = self.fd, self.bd, self.xv, self.yv
        dmin, dmax = xoff - ylim, xlim - yoff
        fmid, bmid = xoff - yoff, xlim - ylim
        fmin = fmax = fmid
        bmin = bmax = bmid
        odd = (fmid - bmid) & 1
        fd[fmid] = xoff
        bd[bmid] = xlim
        cost = 0
        while True:
            cost += 1
            if fmin > dmin:
                fmin -= 1
                fd[fmin - 1] = -1
            else:
                fmin += 1
            if fmax < dmax:
                fmax += 1
                fd[fmax + 1] = -1
            else:
                fmax -= 1
            for d in range(fmax, fmin - 1, -2):
                low, high = fd[d - 1], fd[d + 1]
                x = high if low < high else low + 1
                y = x - d
                while x < xlim and y < ylim and xv[x] == yv[y]:
                    x += 1
                    y += 1
                fd[d] = x
                if odd and bmin <= d <= bmax and bd[d] <= x:
                    return x, y
            big = 1 << 62
            if bmin > dmin:
                bmin -= 1
                bd[bmin - 1] = big
            else:
                bmin += 1
            if bmax < dmax:
                bmax += 1
                bd[bmax + 1] = big
            else:
                bmax -= 1
            for d in range(bmax, bmin - 1, -2):
                low, high = bd[d - 1], bd[d + 1]
                x = low if low < high else high - 1
                y = x - d
                while xoff < x and yoff < y and xv[x - 1] == yv[y - 1]:
                    x -= 1
                    y -= 1
                bd[d] = x
                if not odd and fmin <= d <= fmax and x <= fd[d]:
                    return x, y
            if cost >= self.too_expensive:
                return None  # GNU would take a shortcut here


def _shift_boundaries(values: list[int], changed: list[bool], other: list[bool]) -> None:
    """GNU's shift_boundaries for one file, ``other`` the other file's changes:
    each run of changed lines slides back to merge with the run before it,
    then forward as far as it goes, then back to where it meets a change of
    the other file, if it can."""
    end = len(values)

    def was(flags: list[bool], k: int) -> bool:  # GNU's arrays read False just outside them
        return 0 <= k < len(flags) and flags[k]

    i = j = 0
    while True:
        while i < end and not changed[i]:
            while True:
                seen = was(other, j)
                j += 1
                if not seen:
                    break
            i += 1
        if i == end:
            break
        start = i
        i += 1
        while was(changed, i):
            i += 1
        while was(other, j):
            j += 1
        while True:
            run = i - start
            while start and values[start - 1] == values[i - 1]:
                start -= 1
                changed[start] = True
                i -= 1
                changed[i] = False
                while was(changed, start - 1):
                    start -= 1
                while True:
                    j -= 1
                    if not was(other, j):
                        break
            corresponding = i if was(other, j - 1) else end
            while i != end and values[start] == values[i]:
                changed[start] = False
                start += 1
                changed[i] = True
                i += 1
                while was(changed, i):
                    i += 1
                while True:
                    j += 1
                    if not was(other, j):
                        break
                    corresponding = i
            if run == i - start:
                break
        while corresponding < i:
            start -= 1
            changed[start] = True
            i -= 1
            changed[i] = False
            while True:
                j -= 1
                if not was(other, j):
                    break
