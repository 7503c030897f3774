"""The main journeys of issue 6 in a real browser, desktop and phone; 1 and 2 also with JavaScript off."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .conftest import browser_db, pass_notice, sign_in

pytestmark = [pytest.mark.browser, browser_db]

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])


def comment_bodies(page):
    return page.locator("ol.comment-list > li.comment .comment__body")


def comment_item(page, comment):
    return page.locator(f"#comment-{comment.pk}")


# ---------------------------------------------------------------------------------------------
# 1 (and 5): a visitor from a search engine


@pytest.fixture
def discussion(transactional_db):
    from auscult.comments.tests.factories import make_comments
    from auscult.members.tests.factories import MemberFactory
    from auscult.publishing.tests.factories import ArticlePageFactory
    from auscult.ratings.services import rating_set

    article = ArticlePageFactory(title="Practices face new access rules")
    raters = [MemberFactory() for _ in range(3)]
    for member, stars in zip(raters, [5, 4, 4], strict=True):
        rating_set(article=article, member=member, stars=stars)
    comments = make_comments(article, 45, author=raters[0])
    return article, comments


@JS
def test_visitor_from_a_search_engine(new_page, discussion, js):
    article, comments = discussion
    page = new_page(js=js)

    page.goto(article.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("This site is intended for health professionals only")
    pass_notice(page)
    page.wait_for_url(f"**{article.url}")

    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(page.locator(".rating-summary__text")).to_contain_text("Average rating 4.33 out of 5 from 3 ratings")
    expect(page.locator("#comments-heading")).to_contain_text("(45)")
    expect(comment_bodies(page)).to_have_count(10)

    page.select_option("#comments-page-size", "20")
    if not js:  # with htmx the thread changes as soon as the choice does
        page.locator(".thread-controls__form").get_by_role("button", name="Show").click()
    expect(comment_bodies(page)).to_have_count(20)
    expect(comment_bodies(page).first).to_have_text("Comment number 1")

    page.locator(".pagination--comments").get_by_role("link", name="Next").click()
    expect(comment_bodies(page).first).to_have_text("Comment number 21")
    expect(comment_bodies(page)).to_have_count(20)
    assert "page=2" in page.url and "page_size=20" in page.url

    page.locator(".pagination--comments").get_by_role("link", name="Page 3").click()
    expect(comment_bodies(page)).to_have_count(5)
    expect(comment_bodies(page).last).to_have_text("Comment number 45")

    target = comments[42]  # comment 43: its link keeps the twenty a page read, so it stays on page 3
    comment_item(page, target).locator("a.comment__time").click()
    page.wait_for_url(re.compile(rf"#comment-{target.pk}$"))
    assert urlsplit(page.url).path == article.url and "page=3" in page.url and "page_size=20" in page.url
    expect(comment_item(page, target)).to_be_in_viewport()
    expect(comment_item(page, target).locator(".comment__body")).to_have_text("Comment number 43")


# ---------------------------------------------------------------------------------------------
# 2 (and 5): a new GP registers, rates, comments, replies, reports and edits


@pytest.fixture
def open_article(transactional_db):
    from auscult.comments.tests.factories import make_comments
    from auscult.members.tests.factories import MemberFactory
    from auscult.publishing.tests.factories import ArticlePageFactory

    article = ArticlePageFactory(title="Partnership model under review")
    others = [MemberFactory(display_name=name) for name in ("Dr Ada Reply", "Dr Ben Report")]
    comments = make_comments(article, 2, author=others[0]) + make_comments(article, 1, author=others[1])
    return article, comments


def register(page, *, email, display_name, gmc):
    page.goto("/accounts/signup/")
    form = page.locator("main form")
    form.locator("[name=email]").fill(email)
    form.locator("[name=full_name]").fill("Priya Nandakumar")
    form.locator("[name=display_name]").fill(display_name)
    form.locator("[name=job_title]").fill("Salaried GP")
    form.locator("[name=profession]").select_option("gp")
    form.locator("[name=regulator]").select_option("gmc")
    form.locator("[name=registration_number]").fill(gmc)
    form.locator("[name=password1]").fill("a-long-new-password-42")
    form.locator("[name=password2]").fill("a-long-new-password-42")
    form.get_by_role("button", name="Register").click()
    page.wait_for_url(lambda url: "/accounts/signup/" not in url)


def confirm_email_from_outbox(page, address):
    from django.core import mail

    messages = [m for m in mail.outbox if address in m.to]
    assert messages, f"no e-mail to {address}: {[m.to for m in mail.outbox]}"
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", messages[-1].body)
    assert link, messages[-1].body
    page.goto(urlsplit(link.group(0)).path)
    page.locator("main form").get_by_role("button", name=re.compile("Confirm", re.I)).click()
    page.wait_for_url(lambda url: "/accounts/confirm-email/" not in url)


@JS
def test_new_gp_registers_and_joins_in(new_page, open_article, js, device):
    from auscult.comments.models import Comment, Report

    article, (first, second, third) = open_article
    page = new_page(js=js)
    email = f"priya.{device}.{'js' if js else 'nojs'}@example.com"
    name = "Dr Priya N"

    register(page, email=email, display_name=name, gmc="7654321")
    confirm_email_from_outbox(page, email)

    page.goto(article.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)

    # Rate: four stars. With htmx the block is replaced in place (no page load).
    page.evaluate("window.__samePage = true")
    page.locator("label[for=rating-star-4]").click()
    page.locator("#rating-submit").click()
    expect(page.locator(".rating-own__text")).to_contain_text("4")
    expect(page.locator(".rating-summary__text")).to_contain_text("from 1 rating")
    assert page.evaluate("window.__samePage === true") is js

    # A comment with two paragraphs and a link.
    body = (
        "The access standard assumes capacity that most practices simply do not have.\n\n"
        "NHS England's own guidance is at https://www.england.nhs.uk/gp/ and says nothing about funding."
    )
    page.locator("#comment-body-new").fill(body)
    page.get_by_role("button", name="Post comment").click()
    mine = page.locator("ol.comment-list > li.comment", has_text="assumes capacity")
    expect(mine).to_have_count(1)
    expect(mine.locator(".comment__name")).to_contain_text(name)
    expect(mine.locator(".comment__body p")).to_have_count(2)
    link = mine.locator(".comment__body a")
    expect(link).to_have_attribute("href", "https://www.england.nhs.uk/gp/")
    expect(link).to_have_attribute("rel", re.compile(r"\bnofollow\b.*\bugc\b"))
    own = Comment.objects.get(author__email=email, parent=None)

    # Reply to another member's comment.
    comment_item(page, second).get_by_role("link", name="Reply").click()
    reply_box = page.locator(f"#comment-body-{second.pk}")
    reply_box.fill("Agreed: the same happened in our PCN last winter.")
    reply_box.locator("xpath=ancestor::form").get_by_role("button", name="Post reply").click()
    reply = page.locator("ol.comment-list > li.comment", has_text="the same happened in our PCN")
    expect(reply).to_have_count(1)
    expect(reply.locator(".comment__reply-to")).to_contain_text("Dr Ada Reply")
    assert Comment.objects.get(author__email=email, parent=second).status == "published"

    # Report a third comment.
    comment_item(page, third).get_by_role("link", name=re.compile("Report this comment")).click()
    report_form = page.locator("form.report-form")
    report_form.get_by_label("Personal attack").check()
    report_form.get_by_label("Anything moderators should know").fill("Names a colleague.")
    report_form.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Thank you for your report. A moderator will look at this comment.")).to_be_visible()
    assert Report.objects.filter(comment=third, reporter__email=email, reason="personal_attack").exists()

    # Edit their own comment within the window.
    page.goto(article.url)
    comment_item(page, own).get_by_role("link", name="Edit").click()
    page.locator("main form textarea[name=body]").fill(body + "\n\nEdited to add: our list size is 9,000.")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url(lambda url: "/edit/" not in url)
    edited = comment_item(page, own)
    expect(edited.locator(".comment__body p")).to_have_count(3)
    expect(edited.locator(".comment__edited")).to_have_text("edited")


# ---------------------------------------------------------------------------------------------
# 3: a pre-moderated article, a member, a moderator using the queue's keyboard shortcuts


@pytest.fixture
def premoderated(transactional_db):
    from django.contrib.auth.models import Group

    from auscult.core.actors import COMMAND
    from auscult.members.tests.factories import MemberFactory
    from auscult.moderation.models import CommentMode
    from auscult.moderation.services import comment_mode_set
    from auscult.publishing.tests.factories import ArticlePageFactory

    article = ArticlePageFactory(title="Funding formula row")
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    author = MemberFactory(display_name="Dr Held Author")
    other = MemberFactory(display_name="Dr Other Reader")
    moderator = MemberFactory(username="ruth", display_name="Mod Ruth", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return article, author, other, moderator


def test_premoderated_comment_is_approved_from_the_queue(new_page, premoderated):
    from auscult.members.tests.factories import PASSWORD

    article, author, other, moderator = premoderated
    text = "The weighting ignores deprivation in coastal towns."

    visitor = new_page()
    visitor.goto(article.url)
    pass_notice(visitor)
    expect(visitor.locator("#comments")).not_to_contain_text(text)

    member = new_page()
    sign_in(member, author.email, PASSWORD, next_url=article.url)
    member.locator("#comment-body-new").fill(text)
    member.get_by_role("button", name="Post comment").click()
    own = member.locator("#your-comments")
    expect(own).to_contain_text("Only you can see these")
    expect(own.locator(".comment__status")).to_contain_text("Awaiting moderation")
    expect(own).to_contain_text(text)
    expect(member.locator("ol.comment-list")).to_have_count(0)

    reader = new_page()
    sign_in(reader, other.email, PASSWORD, next_url=article.url)
    expect(reader.get_by_role("heading", level=1)).to_have_text(article.title)
    expect(reader.locator("#comments")).not_to_contain_text(text)
    visitor.reload()
    expect(visitor.locator("#comments")).not_to_contain_text(text)

    mod = new_page()
    mod.goto("/admin/login/")
    mod.get_by_label("Username").fill(moderator.username)
    mod.get_by_label("Password").fill(PASSWORD)
    mod.get_by_role("button", name="Sign in").click()
    mod.wait_for_url(lambda url: "/admin/login/" not in url)
    mod.goto("/admin/moderation/")
    item = mod.locator(".mod-item", has_text=text)
    expect(item).to_have_count(1)
    expect(item).to_be_focused()  # the first item takes focus; j/k move between items
    mod.keyboard.press("j")
    mod.keyboard.press("k")
    expect(item).to_be_focused()
    mod.keyboard.press("a")
    expect(mod.get_by_text("Approved 1 comment")).to_be_visible()
    expect(mod.locator(".mod-item", has_text=text)).to_have_count(0)

    visitor.reload()
    expect(visitor.locator("ol.comment-list")).to_contain_text(text)
    member.reload()
    expect(member.locator("ol.comment-list")).to_contain_text(text)
    expect(member.locator("#your-comments")).to_have_count(0)


# ---------------------------------------------------------------------------------------------
# 4: an editor creates and publishes an article in Wagtail's admin


@pytest.fixture
def newsroom(transactional_db):
    from django.contrib.auth.models import Group

    from auscult.members.tests.factories import MemberFactory
    from auscult.publishing.tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

    section = SectionPageFactory(title="News", slug="news")
    ArticlePageFactory(parent=section, title="An older story")
    author = AuthorFactory(name="Dr Nadia Okafor")
    editor = MemberFactory(username="jo", display_name="Jo Editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    return section, author, editor


def test_editor_publishes_an_article_in_the_admin(new_page, newsroom, device):
    from auscult.members.tests.factories import PASSWORD

    section, author, editor = newsroom
    headline = "Extended hours funding to end in April"
    page = new_page()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/admin/login/" not in url)

    page.goto(f"/admin/pages/add/publishing/articlepage/{section.pk}/")
    page.locator("#id_title").fill(headline)
    page.locator("#id_standfirst").fill("The enhanced access scheme will not be renewed, practices were told.")

    # Byline: the author chooser (a modal listing the authors).
    page.locator("[id^=id_article_authors-0-author]").locator(
        "xpath=ancestor::*[@data-chooser or contains(@class,'chooser')][1]"
    ).get_by_role("button").first.click()
    page.get_by_role("link", name="Dr Nadia Okafor").click()

    # Body: a paragraph and a pull quote, through the StreamField's block picker.
    body = page.locator("[data-contentpath=body]")
    body.get_by_role("button", name=re.compile("Insert a block")).first.click()
    page.get_by_role("option", name=re.compile("Pull quote")).click()
    body.locator("textarea[name$=-value-quote]").fill("We were told this was permanent. It was not.")
    body.locator("input[name$=-value-attribution]").fill("A practice manager in Kent")

    # Editor's note: Draftail rich text, on the Comments tab.
    page.get_by_role("tab", name="Comments").click()
    note = page.locator("[data-contentpath=editors_note] [contenteditable=true]")
    note.click()
    page.keyboard.type("This article was updated after NHS England replied.")
    expect(note).to_contain_text("NHS England replied")
    # Draftail writes its hidden input a moment after typing (its save interval): wait for it.
    expect(page.locator("input[name=editors_note]")).to_have_value(re.compile("NHS England replied"))

    page.get_by_role("tab", name="Promote").click()
    slug = page.locator("#id_slug")
    if not slug.input_value():  # Wagtail fills it from the title as one types; set it plainly if not
        slug.fill("extended-hours-funding-to-end-in-april")

    page.locator("footer").get_by_role("button", name=re.compile("More actions")).click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Page '{headline}' created and published.")).to_be_visible()

    page.goto("/")
    expect(page.get_by_role("link", name=headline).first).to_be_visible()
    page.get_by_role("link", name=headline).first.click()
    expect(page.locator(".pull-quote blockquote")).to_have_text("We were told this was permanent. It was not.")
    expect(page.locator(".editors-note")).to_contain_text("This article was updated after NHS England replied.")
    feed = page.request.get("/feed/")
    assert feed.ok and headline in feed.text()
