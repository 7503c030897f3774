"""What the content endpoints answer with: articles, sections, authors and print issues, as the site shows them."""

from datetime import date, datetime
from typing import Any

from ninja import Schema
from pydantic import Field

from auscult.comments.screening import CommentMode
from auscult.publishing.models import SectionKind

from .schemas import Page


class PageImage(Schema):
    """A picture as the site shows it: the rendition made for its place, or the original file till that exists."""

    id: int = Field(description="The image's id.", examples=[12])
    alt: str = Field(description="Text for readers who cannot see it.", examples=["A GP surgery's waiting room"])
    url: str = Field(
        description="The picture's file (a path on this site, or a storage URL).",
        examples=["/media/images/waiting-room.fill-480x320.jpg"],
    )
    width: int = Field(description="Its width in pixels.", examples=[480])
    height: int = Field(description="Its height in pixels.", examples=[320])


class SectionRef(Schema):
    slug: str = Field(description="The section's slug: `GET /sections/{slug}`.", examples=["news"])
    title: str = Field(description="The section's name.", examples=["News"])


class AuthorRef(Schema):
    name: str = Field(description="The author's name as bylined.", examples=["Dr Jane Doe"])
    slug: str = Field(description="The author's slug: `GET /authors/{slug}`.", examples=["dr-jane-doe"])


class RatingSummary(Schema):
    average: float | None = Field(
        description="The readers' average stars (1–5), to at most two decimals as the page shows it; null while "
        "nobody has rated.",
        examples=[4.33],
    )
    count: int = Field(description="How many readers rated it.", examples=[12])


class ArticleItem(Schema):
    """An article as a listing shows it."""

    id: int = Field(description="The article's id: `GET /articles/{article_id}`.", examples=[345])
    title: str = Field(description="The headline.", examples=["Practices face new access rules"])
    url: str = Field(
        description="The article's page: an absolute path on the site.",
        examples=["/news/practices-face-new-access-rules/"],
    )
    kicker: str = Field(
        description="Shown above the headline: the editors' kicker, else the section's name.", examples=["Access"]
    )
    standfirst: str = Field(
        description="One sentence under the headline.",
        examples=["GPs warn that the changes will add to workload without extra funding."],
    )
    section: SectionRef = Field(description="The section it is published in.")
    authors: list[AuthorRef] = Field(description="The byline, in order.")
    publication_date: datetime | None = Field(
        description="When it was published (orders every listing).", examples=["2026-11-30T09:00:00Z"]
    )
    comment_count: int = Field(
        description="Its published comments (nothing awaiting moderation or taken down).", examples=[8]
    )
    rating: RatingSummary = Field(description="Its readers' ratings.")
    comment_mode: CommentMode = Field(
        description="Whether comments publish at once, wait for a moderator, or are closed.",
        examples=[CommentMode.OPEN],
    )
    image: PageImage | None = Field(description="The lead image as a teaser shows it, if any.")


class ArticleList(Schema):
    items: list[ArticleItem] = Field(description="The articles, newest first.")
    next_cursor: str | None = Field(
        description="Send as `cursor` for the next page; null on the last page.",
        examples=["WyIyMDI2LTExLTMwVDA5OjAwOjAwKzAwOjAwIiwgMzQ1XQ:1tB…"],
    )
    next: str | None = Field(
        description="The next page's URL (a path on this site, with the same filters); null on the last page.",
        examples=["/api/v1/articles?section=news&cursor=WyIy…"],
    )


class BodyBlock(Schema):
    """One block of an article's body, as stored, with rich text and images made readable: `paragraph` (HTML),
    `heading` (text), `pull_quote` ({quote, attribution}), `image` ({image, alt_text, caption, credit})."""

    type: str = Field(description="The kind of block.", examples=["paragraph"])
    value: Any = Field(description="What it holds; its shape depends on `type`.", examples=["<p>Practices…</p>"])
    id: str | None = Field(
        description="The block's own id, stable across revisions.", examples=["0b6c3f4e-91f5-4b1c-9d8a-3e2a0d1c7f55"]
    )


class ArticleLink(Schema):
    id: int = Field(description="The related article's id.", examples=[312])
    title: str = Field(description="Its headline.", examples=["Indemnity gaps widen"])
    url: str = Field(description="Its page: an absolute path on the site.", examples=["/news/indemnity-gaps-widen/"])


class ArticleMeta(Schema):
    title: str = Field(
        description="The page's title for search engines (the SEO title, else the headline).",
        examples=["New access rules for practices"],
    )
    description: str = Field(
        description="The meta description (the search description, else the standfirst).",
        examples=["GPs warn that the changes will add to workload."],
    )
    canonical_url: str = Field(
        description="The article's full URL.",
        examples=["https://auscult.example/news/practices-face-new-access-rules/"],
    )
    last_published_at: datetime | None = Field(
        description="When this version was published.", examples=["2026-11-30T10:15:00Z"]
    )


class ArticleDetail(ArticleItem):
    """An article with its body (as blocks and as the page's HTML) and what surrounds it on the page."""

    image: PageImage | None = Field(description="The lead image as the article shows it, if any.")
    image_caption: str = Field(description="The lead image's caption.", examples=["The waiting room at 8am"])
    editors_note_html: str = Field(
        description="The editor's note above the body, as HTML (may be empty).",
        examples=["<p>Comments on this piece are pre-moderated.</p>"],
    )
    body: list[BodyBlock] = Field(description="The body as structured blocks.")
    body_html: str = Field(
        description="The body as the article's page renders it.",
        examples=["<p>Practices across England were told on Monday to prepare for change.</p>"],
    )
    related: list[ArticleLink] = Field(description="Related articles, in the editors' order.")
    meta: ArticleMeta = Field(description="What the page tells search engines.")


class Section(Schema):
    slug: str = Field(description="The section's slug.", examples=["news"])
    title: str = Field(description="The section's name.", examples=["News"])
    kind: SectionKind = Field(description="What kind of section it is.", examples=[SectionKind.NEWS])
    description: str = Field(description="A line about it (may be empty).", examples=["What changed this week."])
    url: str = Field(description="The section's page: an absolute path on the site.", examples=["/news/"])
    columnist: AuthorRef | None = Field(description="For a named column: who writes it.")
    articles: str = Field(description="Its articles in this API.", examples=["/api/v1/articles?section=news"])


class SectionList(Schema):
    items: list[Section] = Field(description="Every section, in the site's order.")


class Author(Schema):
    name: str = Field(description="The author's name.", examples=["Dr Jane Doe"])
    slug: str = Field(description="The author's slug.", examples=["dr-jane-doe"])
    role: str = Field(description="What they do (may be empty).", examples=["GP partner in Leeds and columnist"])
    bio: str = Field(description="A short biography (may be empty).", examples=["Writes about practice business."])
    social_handle: str = Field(description="Their social media handle (may be empty).", examples=["@drjanedoe"])
    url: str = Field(description="Their page on the site: an absolute path.", examples=["/authors/dr-jane-doe/"])
    articles: str = Field(description="Their articles in this API.", examples=["/api/v1/articles?author=dr-jane-doe"])


class AuthorList(Page):
    items: list[Author] = Field(description="Authors with at least one published article, by name.")


class ContentsItem(Schema):
    heading: str = Field(description="The group it is printed under (may be empty).", examples=["Clinical"])
    title: str = Field(
        description="What is printed: the item's own title, else its article's headline.",
        examples=["Practices face new access rules"],
    )
    page_number: int | None = Field(description="The printed page it starts on.", examples=[12])
    article: ArticleLink | None = Field(description="The article online, when it is published and public.")


class IssueItem(Schema):
    id: int = Field(description="The issue's id: `GET /issues/{issue_id}`.", examples=[88])
    title: str = Field(description="The issue's name.", examples=["December 2026"])
    issue_date: date = Field(description="Its date.", examples=["2026-12-01"])
    summary: str = Field(
        description="What is in it (may be empty).", examples=["Winter pressures, and a new contract."]
    )
    cover: PageImage | None = Field(description="The cover, if any.")
    url: str = Field(description="The issue's page: an absolute path on the site.", examples=["/print/december-2026/"])
    edition_url: str | None = Field(
        description="The digital edition: the PDF or the link to it online; null when there is none.",
        examples=["/documents/14/december-2026.pdf"],
    )


class IssueList(Page):
    items: list[IssueItem] = Field(description="Print issues, newest first.")


class IssueDetail(IssueItem):
    contents: list[ContentsItem] = Field(description="The table of contents, in printed order.")
