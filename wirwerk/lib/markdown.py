"""Markdown written by members, rendered to HTML that is safe to show to others.

The parser is cmark-gfm (GitHub's fork of the CommonMark reference parser, in C,
through ``cmarkgfm``) with the table extension: its time grows linearly with the
input and stays in milliseconds at every field's length limit, so no text a member
can type makes a page slow (Python-Markdown took seconds for a few thousand brackets
or list markers; markdown-it-py, linear too, still needed 0.7 s for 50,000 of them).
Raw HTML in the text is left out (cmark's safe mode), and the sanitiser keeps only
the allowed tags of what cmark made.

Block quotes and list markers on one line nest one level per two characters, and the
sanitiser's time grows with the square of the nesting depth; markers beyond
``MAX_NESTING`` on a line are therefore read as text. (Nesting over several lines needs
ever deeper indentation, so its depth grows only with the square root of the length.)
"""

import re

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
OPTIONS = Options.CMARK_OPT_DEFAULT
MAX_NESTING = 20
# One container marker at a line's start: a quote ">" or a list item ("-", "+", "*",
# "1." or "1)" followed by a space), with the spaces around it.
_MARKER = re.compile(r"[ \t]{0,3}(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]?")


def _flatten_line(line: str) -> str:
    position = 0
    for _level in range(MAX_NESTING):
        found = _MARKER.match(line, position)
        if found is None:
            return line
        position = found.end()
    if _MARKER.match(line, position) is None:
        return line
    rest = line[position:].lstrip(" \t")
    digits = len(rest) - len(rest.lstrip("0123456789"))
    # A backslash escapes punctuation only: "\\>", "\\-", but "1\\.".
    return line[:position] + rest[:digits] + "\\" + rest[digits:]


def _flatten(text: str) -> str:
    """Markers beyond ``MAX_NESTING`` on a line become text (escaped)."""
    return "\n".join(_flatten_line(line) for line in text.split("\n"))


def render_markdown(text: str) -> str:
    """Markdown → HTML, then sanitised: no scripts, styles, images or foreign attributes.

    Headings start at h3 because the page already has h1 and h2. Images are dropped
    so that a protocol cannot make a reader's browser load anything from elsewhere.
    """
    html = cmarkgfm.markdown_to_html_with_extensions(
        _flatten(text or ""), options=OPTIONS, extensions=["table"]
    )
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return sanitise_html(html)


def sanitise_html(html: str) -> str:
    """Only the allowed tags and attributes; links get ``rel=noopener …``."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
