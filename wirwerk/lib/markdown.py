"""Markdown written by members, rendered to HTML that is safe to show to others."""

import markdown as markdown_lib  # type: ignore[import-untyped]
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "a", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


def render_markdown(text: str) -> str:
    """Markdown → HTML, then sanitised: no scripts, styles, images or foreign attributes.

    Headings start at h3 because the page already has h1 and h2. Images are dropped
    so that a protocol cannot make a reader's browser load anything from elsewhere.
    """
    html = markdown_lib.markdown(text or "", extensions=["sane_lists", "tables"])
    for level in (2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 2}>").replace(
            f"</h{level}>", f"</h{level + 2}>"
        )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
