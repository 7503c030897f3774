"""The apps depend on each other one way only, lowest first:

    core ← publishing ← members ← ratings, comments ← moderation ← notifications, demo, insights ← api

A module may import from its own app and from the layers below it, never from a layer above nor from
another app of its own layer, at module top or inside a function. Templates count: a `{% load %}` of an
app's tag library, or an `{% include %}`/`{% extends %}` of an app's template, is an import of that app.
Where a lower app needs an upper one it offers a seam the upper app fills in `AppConfig.ready()`.

Tests, migrations, settings and the URLconf (the composition root, which names every app) are left out.
"""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # auscult/

LAYER = {
    "core": 0,
    "publishing": 1,
    "members": 2,
    "ratings": 3,
    "comments": 3,
    "moderation": 4,
    "demo": 5,
    "api": 6,
    "insights": 5,
    "notifications": 5,
}
# The site's own templates (auscult/templates/<dir>/...) belong to the app whose pages they are.
SITE_TEMPLATE_DIRS = {
    "base.html": "publishing",
    "pages": "publishing",
    "components": "publishing",
    "navigation": "publishing",
    "blocks": "publishing",
    "layouts": "publishing",
    "errors": "publishing",
    "email": "core",
    "account": "members",
    "allauth": "members",
    "wagtailadmin": "members",
}
TAG_LIBRARIES = {
    "auscult": "core",
    "publishing_tags": "publishing",
    "comments_tags": "comments",
    "ratings_tags": "ratings",
}
LEFT_OUT = {"tests", "migrations", "settings", "browser_tests", "__pycache__", "node_modules"}


def _app_of_module(dotted):
    parts = dotted.split(".")
    if parts[0] != "auscult" or len(parts) < 2 or parts[1] not in LAYER:
        return None
    return parts[1]


def _app_of_template(name):
    top = name.split("/")[0]
    if top in LAYER:
        return top
    return SITE_TEMPLATE_DIRS.get(top)


def _python_edges():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if LEFT_OUT.intersection(relative.parts) or relative.parts[0] not in LAYER:
            continue
        source_app = relative.parts[0]
        package = ["auscult", *relative.parts[:-1]]
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package[: len(package) - node.level + 1] if node.level else []
                module = ".".join([*base, node.module] if node.module else base) if node.level else node.module
                targets = [module or ""]
            else:
                continue
            for target in targets:
                target_app = _app_of_module(target)
                if target_app and target_app != source_app:
                    yield source_app, target_app, f"{relative} imports {target}"


TAG = re.compile(r"{%\s*(load|include|extends)\s+(.+?)\s*%}")


def _template_edges():
    for path in sorted(PACKAGE.rglob("*.html")) + sorted(PACKAGE.rglob("*.txt")):
        relative = path.relative_to(PACKAGE)
        if LEFT_OUT.intersection(relative.parts):
            continue
        if relative.parts[0] == "templates":
            source_app = _app_of_template("/".join(relative.parts[1:]))
        elif relative.parts[0] in LAYER and "templates" in relative.parts:
            source_app = relative.parts[0]
        else:
            continue
        for match in TAG.finditer(path.read_text()):
            verb, argument = match.groups()
            if verb == "load":
                words = argument.split()
                names = words[words.index("from") + 1 :] if "from" in words else words
                apps = {TAG_LIBRARIES.get(name) for name in names}
            else:
                quoted = re.match(r"""["']([^"']+)["']""", argument)
                apps = {_app_of_template(quoted.group(1))} if quoted else set()
            for target_app in apps - {None, source_app}:
                yield source_app, target_app, f"{relative} {verb}s {argument.split(' with ')[0]}"


def _upward(edges):
    return {where for source, target, where in edges if LAYER[target] >= LAYER[source]}


def test_no_module_or_template_imports_from_a_layer_above_its_own():
    upward = _upward(_python_edges()) | _upward(_template_edges())

    assert sorted(upward) == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from auscult.moderation import services\n", "moderation"),
        ("def f():\n    from auscult.comments.models import Comment\n", "comments"),
        ("import auscult.ratings.models\n", "ratings"),
    ],
)
def test_the_walk_sees_imports_at_module_top_and_inside_functions(tmp_path, monkeypatch, source, expected):
    app = tmp_path / "members"
    app.mkdir()
    (app / "views.py").write_text(source)
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path)

    assert [(s, t) for s, t, _ in _python_edges()] == [("members", expected)]


def test_the_walk_sees_template_loads_and_includes(tmp_path, monkeypatch):
    templates = tmp_path / "templates" / "pages"
    templates.mkdir(parents=True)
    (templates / "article.html").write_text(
        '{% load wagtailcore_tags comments_tags %}{% include "ratings/form.html" %}'
    )
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path)

    assert sorted((s, t) for s, t, _ in _template_edges()) == [("publishing", "comments"), ("publishing", "ratings")]
