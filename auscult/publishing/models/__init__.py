"""Publishing: the magazine's pages, authors and print issues."""

from .authors import Author
from .pages import (
    ArticleAuthor,
    ArticlePage,
    HomePage,
    RelatedArticle,
    SectionKind,
    SectionPage,
)
from .print_issues import PrintIssueContentsItem, PrintIssueIndexPage, PrintIssuePage
from .settings import MagazineSettings

__all__ = [
    "ArticleAuthor",
    "ArticlePage",
    "Author",
    "HomePage",
    "MagazineSettings",
    "PrintIssueContentsItem",
    "PrintIssueIndexPage",
    "PrintIssuePage",
    "RelatedArticle",
    "SectionKind",
    "SectionPage",
]
