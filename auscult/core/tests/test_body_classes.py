"""The class a template puts on `<body>` names the page type and only ever scopes other rules.

Issue 9: the article page's body carried `article`, the class of the `<article>` inside it, so the
article's padding applied to the body as well and left an empty strip above the professionals-only
band and below the footer. Page classes therefore end in `-page`, no element inside a page uses one,
and the stylesheet only uses one as an ancestor (`.account-page main`), never on its own.
"""

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
STYLESHEET = PACKAGE / "static" / "css" / "site.css"
BODY_CLASS = re.compile(r"{%\s*block body_class\s*%}(.*?){%\s*endblock")
CLASS_ATTRIBUTE = re.compile(r"""\sclass=["']([^"']*)["']""")


def _templates():
    return sorted(path for path in PACKAGE.rglob("templates/**/*.html") if "node_modules" not in path.parts)


def _page_classes():
    classes = {}
    for path in _templates():
        for match in BODY_CLASS.finditer(path.read_text()):
            for name in match.group(1).split():
                classes.setdefault(name, path.relative_to(PACKAGE))
    return classes


def test_templates_set_page_classes():
    assert {"article-page", "home-page", "account-page"} <= set(_page_classes())


@pytest.mark.parametrize("name", sorted(_page_classes()))
def test_a_page_class_names_a_page_type(name):
    assert name.endswith("-page"), f"{name} (set in {_page_classes()[name]}) should end in -page"


@pytest.mark.parametrize("name", sorted(_page_classes()))
def test_no_element_inside_a_page_uses_a_page_class(name):
    users = [
        str(path.relative_to(PACKAGE))
        for path in _templates()
        for attribute in CLASS_ATTRIBUTE.findall(path.read_text())
        if name in attribute.split()
    ]
    assert not users, f"{name} is the body's class; {users} use it on an element too"


@pytest.mark.parametrize("name", sorted(_page_classes()))
def test_the_stylesheet_uses_a_page_class_only_as_a_scope(name):
    # `.article-page {`, `.article-page,` or `.article-page:hover` would style the body itself.
    on_its_own = re.compile(rf"\.{re.escape(name)}(?![\w-])\s*[{{,:.\[]")
    assert not on_its_own.search(STYLESHEET.read_text()), f".{name} should only scope rules for what is inside it"
