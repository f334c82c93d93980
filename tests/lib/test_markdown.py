"""Markdown of members: safe HTML for any input, in time linear in its length."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wirwerk.lib.markdown import render_markdown

MARKDOWN_ALPHABET = st.sampled_from(list("[]()*_`#>-+|!<>/&;:1. \n\taä"))


@settings(max_examples=300, deadline=None)
@given(st.text(MARKDOWN_ALPHABET, max_size=2000))
def test_any_text_renders_without_scripts_images_or_raising(text: str) -> None:
    html = render_markdown(text)
    assert "<script" not in html
    assert "<img" not in html
    assert "<h1" not in html and "<h2" not in html


@pytest.mark.parametrize(
    "pathological",
    ["1. " * 2000, "[" * 8000, "*a" * 4000, "> " * 4000, "- " * 4000, "[a](" * 2000],
    ids=["nested-list", "brackets", "emphasis", "quotes", "bullets", "open-links"],
)
def test_texts_that_took_a_page_down_render(pathological: str) -> None:
    # Python-Markdown raised (a 500) or needed seconds for these; cmark parses in
    # linear time and deep nesting on one line is read as text. Time is measured in
    # apps/core/tests/test_markdown_fields.py (CPU time at each field's limit).
    assert render_markdown(pathological).strip()


def test_protocol_markdown_keeps_lists_tables_links_and_drops_raw_html() -> None:
    html = render_markdown(
        "## Ergebnisse\n\n- **Preis** steht\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "[Ordner](https://example.org/x) [böse](javascript:alert(1))\n\n"
        "<script>alert(1)</script><img src='https://example.org/x'>"
    )
    assert "<h4>Ergebnisse</h4>" in html
    assert "<li><strong>Preis</strong> steht</li>" in html
    assert "<td>1</td>" in html
    assert '<a href="https://example.org/x" rel="noopener noreferrer nofollow">Ordner</a>' in html
    assert "javascript:" not in html.replace("[böse](javascript:alert(1))", "")
    assert "<script" not in html and "<img" not in html and "src=" not in html


def test_nesting_beyond_the_limit_on_one_line_is_text() -> None:
    html = render_markdown("> " * 30 + "Ende")
    assert html.count("<blockquote>") == 20
    assert "&gt; " in html and "Ende" in html
    assert render_markdown("1. " * 25 + "x").count("<ol>") == 20
