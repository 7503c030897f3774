"""The moderation queue's filters in a real browser: a moderator picks the member with the member chooser
(searched on the server) and the article with Wagtail's page chooser, filters, and the queue shows what they
asked for, its keyboard shortcuts still working; the page stays accessible with the choosers filled in."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, browser_db, sign_in_to_admin

pytestmark = [pytest.mark.browser, browser_db, pytest.mark.parametrize("device", ["desktop"])]


@pytest.fixture
def queue(transactional_db):
    from datetime import timedelta

    from django.utils import timezone

    from auscult.comments.models import Comment, CommentStatus
    from auscult.comments.tests.factories import make_comments
    from auscult.members.tests.factories import PASSWORD, MemberFactory
    from auscult.moderation.rules import PREMODERATION
    from auscult.publishing.tests.factories import ArticlePageFactory, SectionPageFactory

    section = SectionPageFactory(title="News")
    funding = ArticlePageFactory(parent=section, title="Funding formula row")
    burnout = ArticlePageFactory(parent=section, title="Burnout in general practice")
    MemberFactory.create_batch(15)  # more members than one page of the chooser
    ngozi = MemberFactory(display_name="Dr Ngozi Okonkwo", username="nokonkwo")
    kit = MemberFactory(display_name="Nurse Kit Lowe")
    comments = {}
    for minutes, (article, author, words) in enumerate(
        [
            (funding, ngozi, "Ngozi on the funding formula"),
            (funding, kit, "Kit on the funding formula"),
            (burnout, ngozi, "Ngozi on burnout"),
        ]
    ):
        comment = make_comments(
            article,
            1,
            author=author,
            status=CommentStatus.PENDING,
            start=timezone.now() - timedelta(minutes=9 - minutes),
        )[0]
        Comment.objects.filter(pk=comment.pk).update(body=words, held_reason=PREMODERATION)
        comments[words] = comment.pk
    moderator = MemberFactory(username="ruth", display_name="Mod Ruth", groups=["Moderators"])
    return {"moderator": moderator, "password": PASSWORD, "ngozi": ngozi, "comments": comments}


def test_a_moderator_filters_the_queue_with_the_choosers(new_page, queue):
    page = new_page()
    sign_in_to_admin(page, queue["moderator"].username, queue["password"])
    page.goto("/admin/moderation/")
    expect(page.locator(".mod-item")).to_have_count(3)

    # The member: the chooser lists one page, the search finds her on the server.
    page.get_by_role("button", name="Choose a member").click()
    modal = page.locator(".modal")
    expect(modal.get_by_role("heading", name="Choose a member")).to_be_visible()
    expect(modal.locator("a[data-chooser-modal-choice]")).to_have_count(10)
    modal.get_by_label("Search term").fill("Okonkwo")
    expect(modal.locator("a[data-chooser-modal-choice]")).to_have_count(1)
    modal.get_by_role("link", name="Dr Ngozi Okonkwo").click()
    expect(page.locator("#id_member-chooser [data-chooser-title]")).to_have_text("Dr Ngozi Okonkwo")

    # The article: Wagtail's page chooser, searched.
    page.get_by_role("button", name="Choose an article").click()
    modal = page.locator(".modal")
    modal.get_by_role("textbox", name=re.compile("Search", re.I)).fill("Burnout")
    modal.get_by_role("link", name="Burnout in general practice").click()
    expect(page.locator("#id_article-chooser [data-chooser-title]")).to_have_text("Burnout in general practice")

    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(rf"member={queue['ngozi'].pk}"))
    items = page.locator(".mod-item")
    expect(items).to_have_count(1)
    expect(items.first).to_contain_text("Ngozi on burnout")
    expect(items.first).to_contain_text("Pre-moderated article")
    expect(page.locator("#id_member-chooser [data-chooser-title]")).to_have_text("Dr Ngozi Okonkwo")
    assert_accessible(page, "the filtered moderation queue", include=["#main"])

    # The shortcuts still work on the filtered queue: the first item has focus, a approves it.
    expect(items.first).to_be_focused()
    page.keyboard.press("a")
    expect(page.get_by_text("Approved 1 comment")).to_be_visible()
    expect(page.locator(".mod-item")).to_have_count(0)
