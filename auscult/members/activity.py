"""The "Your activity" links on the account page. Each app that keeps something of a member's activity
(comments, ratings) adds its own link from its `wagtail_hooks.py`, so the members app names none of them:

    @hooks.register(ACCOUNT_ACTIVITY_HOOK, order=10)
    def my_comments(request):
        return ActivityLink(reverse("comments:mine"), "My comments", "published, awaiting moderation or not")
"""

from dataclasses import dataclass

from wagtail import hooks

ACCOUNT_ACTIVITY_HOOK = "auscult_account_activity"


@dataclass(frozen=True)
class ActivityLink:
    url: str
    label: str
    note: str = ""


def account_activity(request):
    return [link for hook in hooks.get_hooks(ACCOUNT_ACTIVITY_HOOK) if (link := hook(request))]
