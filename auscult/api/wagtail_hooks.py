from django.urls import reverse
from wagtail import hooks

from auscult.members.activity import ACCOUNT_ACTIVITY_HOOK, ActivityLink


@hooks.register(ACCOUNT_ACTIVITY_HOOK, order=40)
def api_tokens_link(request):
    return ActivityLink(reverse("api_tokens"), "API tokens", "keys for programs that use your account")
