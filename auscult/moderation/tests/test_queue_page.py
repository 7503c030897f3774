"""The queues' page: its filters (a Wagtail filter set: choosers for the article and the member, a list of
sections, the rules by their labels) work through the page; the decisions offered come from the decision
table; and the page costs as many queries with thirty articles and members as with three, and with 120 comments
held as with three (the queue's size is counted once, for the menu, the tabs and the pages)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html

from auscult.comments.models import Comment, CommentStatus, Report
from auscult.comments.tests.factories import make_comments
from auscult.core.actors import COMMAND
from auscult.members.tests.factories import MemberFactory
from auscult.moderation import rules
from auscult.moderation.counters import recount
from auscult.moderation.decisions import DECISIONS, comment_decide, decisions_for
from auscult.moderation.models import AuditAction
from auscult.publishing.tests.factories import ArticlePageFactory, SectionPageFactory

pytestmark = pytest.mark.django_db

# What one queue page may cost, whatever the size of the database: the admin's own (session, menu, queue
# sizes), the page of comments with everything beside them (grouped per page, never per comment) and the
# chosen article and member shown in their choosers.
QUEUE_QUERIES = 30


def held(article, author, *, rule=rules.PREMODERATION, minutes_ago=10):
    comment = make_comments(
        article, 1, author=author, status=CommentStatus.PENDING, start=timezone.now() - timedelta(minutes=minutes_ago)
    )[0]
    Comment.objects.filter(pk=comment.pk).update(held_reason=rule)
    return comment


def shown_ids(response):
    assert response.status_code == 200
    return [int(pk) for pk in html.fromstring(response.content).xpath('//li[@class="mod-item"]/@data-comment')]


@pytest.fixture
def magazine(db):
    """Two sections, an article in each, two members with a held comment on each article."""
    news, views = SectionPageFactory(title="News"), SectionPageFactory(title="Views")
    funding = ArticlePageFactory(parent=news, title="Funding formula row")
    burnout = ArticlePageFactory(parent=views, title="Burnout in general practice")
    ana, kit = MemberFactory(display_name="Dr Ana Rahman"), MemberFactory(display_name="Nurse Kit Lowe")
    comments = {
        "ana on funding": held(funding, ana, rule=rules.LINKS, minutes_ago=40),
        "kit on funding": held(funding, kit, rule=rules.PREMODERATION, minutes_ago=30),
        "ana on burnout": held(burnout, ana, rule=rules.FIRST_COMMENTS, minutes_ago=20),
        "kit on burnout": held(burnout, kit, rule=rules.SUSPECT_WORD, minutes_ago=10),
    }
    return news, funding, burnout, ana, kit, {name: c.pk for name, c in comments.items()}


def test_each_filter_narrows_the_held_queue(client, moderator, magazine):
    news, funding, burnout, ana, kit, ids = magazine

    assert shown_ids(client.get("/admin/moderation/")) == list(ids.values())
    assert shown_ids(client.get("/admin/moderation/", {"article": funding.pk})) == [
        ids["ana on funding"],
        ids["kit on funding"],
    ]
    assert shown_ids(client.get("/admin/moderation/", {"member": ana.pk})) == [
        ids["ana on funding"],
        ids["ana on burnout"],
    ]
    assert shown_ids(client.get("/admin/moderation/", {"section": news.pk})) == [
        ids["ana on funding"],
        ids["kit on funding"],
    ]
    assert shown_ids(client.get("/admin/moderation/", {"rule": rules.FIRST_COMMENTS})) == [ids["ana on burnout"]]
    both = {"article": burnout.pk, "member": kit.pk}
    assert shown_ids(client.get("/admin/moderation/queue/held/", both)) == [ids["kit on burnout"]]


def test_a_filter_that_names_nothing_is_left_out_and_the_others_still_apply(client, moderator, magazine):
    news, funding, burnout, ana, kit, ids = magazine

    response = client.get("/admin/moderation/", {"article": "٣", "member": kit.pk, "section": burnout.pk})

    assert shown_ids(response) == [ids["kit on funding"], ids["kit on burnout"]]
    assert "Select a valid choice" in response.content.decode()


def test_the_chosen_article_and_member_show_by_name_in_their_choosers(client, moderator, magazine):
    news, funding, burnout, ana, kit, ids = magazine

    page = html.fromstring(client.get("/admin/moderation/", {"article": funding.pk, "member": ana.pk}).content)

    assert page.xpath('string(//*[@id="id_article-chooser"]//*[@data-chooser-title])').strip() == funding.title
    assert page.xpath('string(//*[@id="id_member-chooser"]//*[@data-chooser-title])').strip() == "Dr Ana Rahman"
    assert page.xpath('//input[@name="article"]/@value') == [str(funding.pk)]
    # Neither filter lists articles or members: only their choosers' buttons and the chosen one.
    assert not page.xpath('//select[@name="article" or @name="member"]')
    assert page.xpath('//*[@id="id_member-chooser"]/@data-chooser-url') == ["/admin/moderation/choose-member/"]


def test_rules_are_shown_and_filtered_by_their_labels(client, moderator, magazine):
    *_, ids = magazine

    page = html.fromstring(client.get("/admin/moderation/").content)

    item = page.get_element_by_id(f"mod-{ids['ana on funding']}")
    assert item.xpath('string(.//*[@class="mod-rule"])') == "Too many links"
    options = dict(
        zip(
            page.xpath('//select[@name="rule"]/option/@value'),
            page.xpath('//select[@name="rule"]/option/text()'),
            strict=True,
        )
    )
    assert options[rules.FIRST_COMMENTS] == "One of the member's first comments"
    assert options[rules.PREMODERATION] == "Pre-moderated article"
    assert rules.BANNED_WORD not in options  # it refuses: nothing waits because of it


def test_the_reported_and_decided_tabs_filter_by_member_and_article(client, moderator, magazine):
    news, funding, burnout, ana, kit, ids = magazine
    reported = {}
    for author in (ana, kit):
        comment = make_comments(burnout, 1, author=author)[0]
        Report.objects.create(comment=comment, reporter=MemberFactory(), reason="offensive")
        reported[author.pk] = comment.pk
    comment_decide(comment=Comment.objects.get(pk=ids["ana on funding"]), moderator=moderator, decision="approve")
    comment_decide(comment=Comment.objects.get(pk=ids["kit on burnout"]), moderator=moderator, decision="approve")

    assert shown_ids(client.get("/admin/moderation/queue/reported/", {"member": kit.pk})) == [reported[kit.pk]]
    assert shown_ids(client.get("/admin/moderation/queue/reported/", {"article": funding.pk})) == []
    decided = client.get("/admin/moderation/queue/decided/", {"member": kit.pk}).content.decode()
    assert f"#{ids['kit on burnout']} by" in decided and f"#{ids['ana on funding']} by" not in decided
    decided = client.get("/admin/moderation/queue/decided/", {"article": funding.pk}).content.decode()
    assert f"#{ids['ana on funding']} by" in decided and f"#{ids['kit on burnout']} by" not in decided


def test_the_decisions_offered_are_those_of_the_decision_table(client, moderator, magazine):
    news, funding, burnout, ana, kit, ids = magazine
    hidden = make_comments(burnout, 1, author=ana, status=CommentStatus.HIDDEN)[0]
    Report.objects.create(comment=hidden, reporter=MemberFactory(), reason="offensive")

    held_page = html.fromstring(client.get("/admin/moderation/").content)
    reported_page = html.fromstring(client.get("/admin/moderation/queue/reported/").content)

    def buttons(page, pk):
        item = page.get_element_by_id(f"mod-{pk}")
        return [(b.get("value"), b.text_content()) for b in item.xpath('.//button[@name="decision"]')]

    assert buttons(held_page, ids["kit on funding"]) == [("approve", "Approve"), ("reject", "Reject")]
    assert buttons(reported_page, hidden.pk) == [("approve", "Keep"), ("remove", "Remove")]
    for page, status in ((held_page, CommentStatus.PENDING), (reported_page, CommentStatus.HIDDEN)):
        bulk = page.xpath('//form[@id="bulk-form"]//select[@name="decision"]/option/@value')
        assert bulk == [choice.decision for choice in decisions_for(status)]


def test_decisions_for_reads_the_table():
    for status in CommentStatus:
        allowed = [name for name, rule in DECISIONS.items() if status in rule.from_statuses]
        assert [choice.decision for choice in decisions_for(status)] == allowed
    assert decisions_for(CommentStatus.REMOVED)[0].label == "Restore"
    assert [c.decision for c in decisions_for(CommentStatus.PUBLISHED, CommentStatus.HIDDEN)] == [
        AuditAction.APPROVE,
        AuditAction.REMOVE,
    ]
    assert decisions_for(CommentStatus.PENDING, CommentStatus.REMOVED) == []


def fill(size):
    """`size` articles in two sections and `size` members, each member with a held comment (some of them
    replies), a reported one and a past rejection; ten times as many members who never commented."""
    sections = [SectionPageFactory(), SectionPageFactory()]
    articles = [ArticlePageFactory(parent=sections[n % 2]) for n in range(size)]
    members = [MemberFactory() for _ in range(size)]
    MemberFactory.create_batch(10 * size)
    reporter = MemberFactory()
    for n, (article, member) in enumerate(zip(articles, members, strict=True)):
        shown = make_comments(article, 1, author=member)[0]
        Report.objects.create(comment=shown, reporter=reporter, reason="offensive")
        reply = make_comments(article, 1, author=member, status=CommentStatus.PENDING, parent=shown)[0]
        Comment.objects.filter(pk=reply.pk).update(held_reason=rules.LINKS if n % 2 else rules.PREMODERATION)
        rejected = make_comments(article, 1, author=member, status=CommentStatus.PENDING)[0]
        comment_decide(comment=rejected, moderator=COMMAND, decision=AuditAction.REJECT, reason="Off topic.")
    return sections[0], articles[0], members[0]


@pytest.mark.parametrize("size", [3, 30])
def test_a_queue_page_costs_the_same_whatever_the_numbers_of_articles_and_members(
    client, moderator, django_assert_max_num_queries, size
):
    section, article, member = fill(size)
    pages = {
        "held": "/admin/moderation/",
        "held, filtered": f"/admin/moderation/?section={section.pk}&article={article.pk}&member={member.pk}",
        "reported": "/admin/moderation/queue/reported/",
        "decided": "/admin/moderation/queue/decided/",
        "member": f"/admin/moderation/members/{member.pk}/",
    }
    client.get(pages["held"])  # the first request of a test warms caches every later one shares
    assert len(shown_ids(client.get(pages["held"]))) == size
    assert len(shown_ids(client.get(pages["reported"]))) == size

    for name, path in pages.items():
        with django_assert_max_num_queries(QUEUE_QUERIES):
            assert client.get(path).status_code == 200, name


def comment_counts(captured):
    """The queries that size a queue: a COUNT of comments, or the held queue's sum of the stored held counts."""
    return [
        q["sql"]
        for q in captured
        if q["sql"].startswith('SELECT COUNT(*) AS "__count" FROM "comments')
        or q["sql"].startswith('SELECT SUM("comments_articlecommentstats"."held_count")')
    ]


def test_the_queue_sizes_are_counted_once_for_the_menu_the_tabs_and_the_pages(client, moderator):
    section, article, member = fill(3)
    client.get("/admin/moderation/")

    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/admin/moderation/")

    assert page.status_code == 200 and "Held (3)" in page.content.decode()
    assert len(comment_counts(ctx.captured_queries)) == 2  # held and reported, once each: the pages reuse the first

    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/admin/moderation/", {"article": article.pk})

    assert len(shown_ids(page)) == 1 and "Held (3)" in page.content.decode()
    assert len(comment_counts(ctx.captured_queries)) == 3  # a narrowed queue is counted for its pages as well

    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/admin/moderation/queue/reported/")

    assert len(shown_ids(page)) == 3 and "Reported (3)" in page.content.decode()
    assert len(comment_counts(ctx.captured_queries)) == 2


def hold(count):
    """`count` held comments on two articles by two members; their ids, oldest first."""
    articles = [ArticlePageFactory(), ArticlePageFactory()]
    members = [MemberFactory(), MemberFactory()]
    start = timezone.now() - timedelta(days=1)
    Comment.objects.bulk_create(
        Comment(
            article_id=articles[n % 2].pk,
            author=members[n % 2],
            body=f"Held comment {n}",
            status=CommentStatus.PENDING,
            held_reason=rules.PREMODERATION,
            created_at=start + timedelta(seconds=n // 2),  # two at each second: the id decides between them
            status_changed_at=start,
        )
        for n in range(count)
    )
    recount()  # written behind the services' back: their counters as posting would have stored them
    return list(Comment.objects.filter(status=CommentStatus.PENDING).order_by("pk").values_list("pk", flat=True))


def pagination(response):
    page = html.fromstring(response.content)
    return " ".join(page.xpath('string(//nav[@class="pagination"]//div[@class="pagination__start"])').split()), (
        page.xpath('string(//nav[@class="pagination"]//div[@class="pagination__end"])').strip()
    )


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"p": 2},
        {"rule": ""},  # "All"
        {"article": "٣"},  # a wrong filter is left out: the whole queue
        {"rule": rules.PREMODERATION},  # a filter that every one of them matches, counted for its own pages
    ],
)
def test_the_held_queue_costs_as_many_queries_with_120_held_as_with_3(client, moderator, query):
    """The page's queries are the same whatever the number held, and its tab and its pages say how many wait."""
    costs = {}
    for total in (3, 120):
        Comment.objects.all().delete()
        ids = hold(total)
        client.get("/admin/moderation/", query)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/admin/moderation/", query)

        assert f"Held ({total})" in response.content.decode()
        if total == 3:
            assert shown_ids(response) == ids  # one page: no pagination shown
        else:
            number = query.get("p", 1)
            assert shown_ids(response) == ids[(number - 1) * 50 : number * 50]
            assert pagination(response) == (f"Page {number} of 3", "120 comments")
        costs[total] = len(ctx.captured_queries), len(comment_counts(ctx.captured_queries))
    assert costs[3] == costs[120]


def test_the_held_queues_stored_size_follows_every_way_into_and_out_of_it(client, moderator):
    """Held on posting, approved, rejected, held again by an edit, deleted by its author while waiting: the tab
    says how many wait, from the stored counts, and they equal a recount throughout."""
    from auscult.comments.services import comment_delete, comment_edit, comment_post
    from auscult.moderation.counters import counter_drift
    from auscult.moderation.models import CommentMode
    from auscult.moderation.services import comment_mode_set

    article = ArticlePageFactory(title="Premoderated piece")
    comment_mode_set(article=article, mode=CommentMode.PREMODERATED, by=COMMAND)
    authors = [MemberFactory() for _ in range(4)]
    waiting = [comment_post(article=article, author=a, body=f"Held words {n}") for n, a in enumerate(authors)]

    def tab():
        text = client.get("/admin/moderation/").content.decode()
        assert counter_drift() == []
        return next(n for n in range(10) if f"Held ({n})" in text)

    assert tab() == 4
    comment_decide(comment=waiting[0], decision="approve", moderator=moderator)
    comment_decide(comment=waiting[1], decision="reject", moderator=moderator, reason="Off topic.")
    assert tab() == 2
    comment_delete(comment=waiting[2], author=authors[2])
    assert tab() == 1
    # Published, then edited to name a patient: the patient-data guard holds it again.
    edited = comment_edit(comment=waiting[0], author=authors[0], body="My patient, NHS number 943 476 5919, again.")
    assert edited.status == CommentStatus.PENDING
    assert tab() == 2
