"""Markdown written by members, rendered to HTML that is safe to show to others.

The parser is markdown-it-py in CommonMark mode: its time grows linearly with
the input, so no text a member can type makes a page slow (Python-Markdown took
seconds for a few thousand brackets or list markers). Raw HTML in the text is
passed on to the sanitiser, which keeps only the allowed tags.
"""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# Nested blocks deeper than this are plain text; no real protocol needs more.
MAX_NESTING = 20


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    return parser.enable("table")


def render_markdown(text: str) -> str:
    """Markdown → HTML, then sanitised: no scripts, styles, images or foreign attributes.

    Headings start at h3 because the page already has h1 and h2. Images are dropped
    so that a protocol cannot make a reader's browser load anything from elsewhere.
    """
    html = _parser().render(text or "")
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
