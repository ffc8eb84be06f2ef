"""The HTML review of a folder or dataset: one self-contained page.

An index of the files, most lines removed first, with their filters; a chart
of removals per filter; every file's annotated diff, collapsible, its lines
marked with their filter so that a filter can be shown or hidden; a search
box. No script or style comes from elsewhere: the page works offline.

A large corpus stays fast: each file's diff sits in a ``<template>``, which
the browser parses but does not lay out, until the file is opened.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from collections.abc import Iterable

from .unified import Hunk

_STYLE = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:0 1em 4em;color:#222}
h1{font-size:1.4em}code,.diff{font:13px/1.4 ui-monospace,monospace}
#search{width:100%;padding:.4em;font-size:1em;margin:.5em 0}
#filters label{display:inline-block;margin:0 1em .3em 0;white-space:nowrap}
table{border-collapse:collapse;width:100%}td,th{padding:.15em .5em;text-align:left;border-bottom:1px solid #eee}
td.n{text-align:right}.chart{margin:.5em 0 1em}.bar{display:flex;align-items:center;margin:.1em 0}
.bar span{width:12em}.bar i{display:block;height:.9em;background:#c33;margin-right:.5em}
details.file{border:1px solid #ddd;border-radius:4px;margin:.4em 0}
details.file>summary{padding:.3em .6em;cursor:pointer}
.diff{padding:.3em .6em;overflow-x:auto}.diff div{white-space:pre-wrap}.h{color:#077}.k{color:#444}
.r{color:#b00;background:#fee}.a{color:#070;background:#efe}.why{color:#777;margin-left:1.5em;font-style:italic}
.num{color:#999;display:inline-block;width:4em}.hidden{display:none}
"""

_SCRIPT = """
const show=d=>{const t=d.querySelector('template');if(t){d.appendChild(t.content.cloneNode(true));t.remove();}};
document.querySelectorAll('details.file').forEach(d=>d.addEventListener('toggle',()=>{if(d.open)show(d);}));
const openHash=()=>{const d=document.getElementById(location.hash.slice(1));
  if(d&&d.tagName==='DETAILS'){d.open=true;show(d);d.scrollIntoView();}};
window.addEventListener('hashchange',openHash);openHash();
document.querySelectorAll('#filters input').forEach(box=>box.addEventListener('change',()=>{
  document.body.classList.toggle('hide-'+box.dataset.filter,!box.checked);}));
const search=document.getElementById('search');
search.addEventListener('input',()=>{const q=search.value.toLowerCase();
  document.querySelectorAll('details.file').forEach(d=>{
    const t=d.querySelector('template');
    const hit=!q||d.dataset.name.toLowerCase().includes(q)||d.textContent.toLowerCase().includes(q)||
      (t!==null&&t.content.textContent.toLowerCase().includes(q));
    d.classList.toggle('hidden',!hit);
    const row=document.getElementById('row-'+d.id);if(row)row.classList.toggle('hidden',!hit);});});
"""


def _css_name(name: str) -> str:
    return "".join(char if char.isalnum() or char == "-" else "_" for char in name)


def _hunks_html(hunks: Iterable[Hunk]) -> str:
    parts = []
    for hunk in hunks:
        parts.append(f'<div class="h">{html.escape(hunk.header)}</div>')
        for line in hunk.lines:
            text = html.escape(line.text)
            if line.kind == " ":
                parts.append(f'<div class="k"><span class="num">{line.old_number}</span>{text}</div>')
            elif line.kind == "+":
                parts.append(f'<div class="a"><span class="num">+</span>{text}</div>')
            elif line.removal is None:
                parts.append(f'<div class="r f-blank"><span class="num">{line.old_number}</span>{text}</div>')
            else:
                name = _css_name(line.removal.filter)
                why = html.escape(f"{line.removal.filter}: {line.removal.reason}")
                parts.append(f'<div class="r f-{name}"><span class="num">{line.old_number}</span>{text}'
                             f'<span class="why">{why}</span></div>')
    return "".join(parts)


class Report:
    """Files added one by one (their diffs rendered at once, the results let
    go), written as one page at the end."""

    def __init__(self, title: str, noun: str = "files") -> None:
        self.title, self.noun = title, noun
        self.files: list[tuple[str, int, Counter[str], str, str]] = []  # label, removed, counts, summary, diff
        self.totals: Counter[str] = Counter()
        self.seen = 0

    def add(self, label: str, hunks: list[Hunk], counts: Counter[str], summary: str | None) -> None:
        self.seen += 1
        if summary is None:
            return  # unchanged: counted, not listed
        self.totals.update(counts)
        self.files.append((label, sum(counts.values()), counts, summary, _hunks_html(hunks)))

    def page(self) -> str:
        files = sorted(enumerate(self.files), key=lambda item: (-item[1][1], item[1][0]))
        total = sum(self.totals.values())
        out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
               f"<title>{html.escape(self.title)}</title><style>{_STYLE}",
               *(f".hide-{_css_name(name)} .f-{_css_name(name)}{{display:none}}" for name in self.totals),
               "</style></head><body>", f"<h1>{html.escape(self.title)}</h1>",
               f'<p id="totals">{self.seen} {self.noun} reviewed, {len(self.files)} changed, {total} lines removed</p>',
               '<input id="search" type="search" placeholder="Search file names and lines">', '<div id="filters">']
        for name, count in self.totals.most_common():
            out.append(f'<label><input type="checkbox" checked data-filter="{_css_name(name)}"> '
                       f"{html.escape(name)} ({count})</label>")
        out.append('</div><div class="chart">')
        largest = max(self.totals.values(), default=1)
        for name, count in self.totals.most_common():
            out.append(f'<div class="bar"><span>{html.escape(name)}</span>'
                       f'<i style="width:{40 * count / largest:.1f}em"></i>{count}</div>')
        out.append('</div><table id="index"><thead><tr><th>file</th><th>lines removed</th><th>filters</th></tr>'
                   "</thead><tbody>")
        for index, (label, removed, counts, summary, _) in files:
            detail = ", ".join(f"{name} {n}" for name, n in counts.most_common()) or html.escape(summary)
            out.append(f'<tr id="row-f{index}"><td><a href="#f{index}">{html.escape(label)}</a></td>'
                       f'<td class="n">{removed}</td><td>{html.escape(detail)}</td></tr>')
        out.append("</tbody></table><main>")
        for index, (label, _, _, summary, diff) in files:
            out.append(f'<details class="file" id="f{index}" data-name="{html.escape(label)}">'
                       f"<summary><code>{html.escape(label)}</code>: {html.escape(summary)}</summary>"
                       f'<template><div class="diff">{diff}</div></template></details>')
        out.append(f"</main><script>{_SCRIPT}</script>")
        out.append(f'<script type="application/json" id="data">{_json(self)}</script></body></html>')
        return "\n".join(out) + "\n"


def _json(report: Report) -> str:
    """The counts, for scripts that read the page."""
    data = {"files": report.seen, "changed": len(report.files), "removed": dict(report.totals)}
    return json.dumps(data).replace("</", "<\\/")
