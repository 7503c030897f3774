"""The member's personal API tokens in *My account*: list, create (the key shown once, in the answer to the POST
that made it, never stored anywhere), revoke. `tokens` holds the rules; a token that moderates also needs a recent
sign-in, which allauth's reauthentication asks for (password confirmed, then the same POST goes through)."""

import time

from allauth.account import app_settings as allauth_settings
from allauth.account.internal.flows.login import get_authentication_records
from allauth.account.internal.flows.reauthentication import did_recently_reauthenticate
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from auscult.core.drafts import post_only
from auscult.core.errors import NOT_PERMITTED, Refused
from auscult.moderation.permissions import MODERATE

from . import tokens
from .forms import TokenForm
from .models import ApiToken, Scope

# The field of the form each refusal of `tokens.token_create` is about (the others are about the whole form).
FIELD_OF_REFUSAL = {
    tokens.BAD_NAME: "name",
    tokens.BAD_SCOPES: "scopes",
    tokens.BAD_EXPIRY: "days",
    NOT_PERMITTED: "scopes",
}


def offered_scopes(member):
    """The scopes the page offers: moderating only to those who moderate."""
    return [scope for scope in Scope.values if scope != Scope.MODERATE or member.has_perm(MODERATE)]


def signed_in_recently(request):
    """Whether the member signed in, or confirmed their password, within allauth's reauthentication timeout (or
    has no password to confirm, as allauth counts it)."""
    if did_recently_reauthenticate(request):
        return True
    records = get_authentication_records(request, request.user)
    return bool(records) and time.time() - records[-1]["at"] < allauth_settings.REAUTHENTICATION_TIMEOUT


def _page(request, form, *, issued=None):
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(member=request.user),
        "issued": issued,
        "offers_moderate": Scope.MODERATE in offered_scopes(request.user),
        "moderate_max_days": tokens.MODERATE_MAX_DAYS,
    }
    return render(request, "api/tokens.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    member = request.user
    offered = offered_scopes(member)
    form = TokenForm(request.POST or None, offered=offered)
    if request.method != "POST" or not form.is_valid():
        return _page(request, form)
    data = form.cleaned_data
    if Scope.MODERATE in data["scopes"] and Scope.MODERATE in offered and not signed_in_recently(request):
        # allauth's middleware keeps this POST, asks for the password, then sends the POST on here again.
        raise ReauthenticationRequired()
    try:
        issued = tokens.token_create(member=member, name=data["name"], scopes=data["scopes"], days=data["days"])
    except Refused as refusal:
        form.add_error(FIELD_OF_REFUSAL.get(refusal.code), refusal.message)
        return _page(request, form)
    # The key is in this answer only: a fresh form below it, and nothing of it in the session or a message.
    return _page(request, TokenForm(offered=offered), issued=issued)


@post_only
@login_required
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, member=request.user)
    tokens.token_revoke(token=token, member=request.user)
    messages.success(request, f"The token “{token.name}” is revoked: programs using it are refused from now on.")
    return redirect("api_tokens")
