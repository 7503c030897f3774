"""The notice, e-mail confirmation, and the member's own account pages. Thin: forms validate, services write."""

import json

from allauth.account import app_settings as allauth_settings
from allauth.account import views as allauth_views
from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from auscult.core.params import next_path

from . import notice, services
from .access import REASONS, Standing, standing_of
from .activity import account_activity
from .forms import CONFLICTS, DeleteAccountForm, ProfileForm, RegistrationForm, SaveConflict
from .models import MembershipSettings


def _safe_next(request, value):
    return next_path(request, value, default="/")


@never_cache
@require_http_methods(["GET", "POST"])
def notice_view(request):
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        return notice.confirm(redirect(next_url))
    return render(request, "members/notice.html", {"next": next_url})


def _confirmed_address(key):
    """The already confirmed address a genuine confirmation key names, if any.

    allauth's HMAC key is the address's id signed with its salt; allauth looks it up among
    unconfirmed addresses only. Its age does not matter here: the answer changes nothing.
    """
    try:
        pk = signing.loads(key, salt=allauth_settings.SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):  # something else allauth signs with the same salt
        return None
    return EmailAddress.objects.filter(pk=pk, verified=True).first()


class SignupView(allauth_views.SignupView):
    """allauth's sign-up, where losing a race for an address, a display name or a number (another sign-up
    took it after this one's checks) is the form's refusal, as if the checks had seen it."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except SaveConflict:
            return self.form_invalid(form)


class ConfirmEmailView(allauth_views.ConfirmEmailView):
    """allauth's confirmation page, which also knows a link followed again once its address is confirmed
    (allauth would call it expired or invalid), and an address another account uses.

    allauth adds a new address without saying whether another account has it (that would reveal who has an
    account), and refuses to confirm only one another account has confirmed; an account's own address must be
    unique too, so it cannot be confirmed while another live account has it, nor when another confirmation
    of it wins a race to the database (the whole confirmation is then undone)."""

    def get(self, request, *args, **kwargs):
        return self._already_confirmed() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        already = self._already_confirmed()
        if already:
            return already
        self.object = self.get_object()
        if self._taken(self.object):
            return self.render_to_response(self.get_context_data())
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except CONFLICTS:
            self.object = self.get_object()  # as it is again in the database, unconfirmed
            if not self._taken(self.object, verified_too=True):
                raise
            return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.object is not None and self._taken(self.object):
            context["can_confirm"] = False
        return context

    @staticmethod
    def _taken(confirmation, *, verified_too=False):
        address = confirmation.email_address
        if verified_too and not address.can_set_verified():
            return True
        return services.email_taken(address.email, member=address.user)

    def _already_confirmed(self):
        if _confirmed_address(self.kwargs["key"]) is None:
            return None
        self.object = None
        return self.render_to_response({**self.get_context_data(), "already_confirmed": True})


@login_required
@never_cache
def account(request):
    membership = MembershipSettings.load()
    standing = standing_of(request.user, membership)
    return render(
        request,
        "members/account.html",
        {
            "standing": standing,
            "standing_reason": REASONS.get(standing, ""),
            "verified": standing == Standing.VERIFIED,
            "must_confirm_email": standing == Standing.UNCONFIRMED,
            "membership": membership,
            "activity": account_activity(request),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def profile(request):
    member = request.user
    initial = {f: getattr(member, f) for f in ProfileForm.base_fields}
    form = ProfileForm(request.POST or None, initial=initial, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update_profile(member=member, **form.cleaned_data)
        except CONFLICTS:
            # Another member took the name after the form's checks: nothing was saved.
            member.refresh_from_db()
            if not form.add_conflict_errors():
                raise
        else:
            messages.success(request, "Your profile has been saved.")
            return redirect("members:account")
    return render(request, "members/profile.html", {"form": form, "heading": "Edit profile", "submit": "Save profile"})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def registration(request):
    member = request.user
    initial = {f: getattr(member, f) for f in ("profession", "regulator", "registration_number")}
    form = RegistrationForm(request.POST or None, initial=initial, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.member_change_registration(member=member, **form.cleaned_data)
        except CONFLICTS:
            member.refresh_from_db()
            if not form.add_conflict_errors():
                raise
        else:
            if changed and MembershipSettings.load().require_staff_approval:
                messages.info(request, "Your new number has been sent to our membership team to check.")
            else:
                messages.success(request, "Your registration details have been saved.")
            return redirect("members:account")
    context = {"form": form, "membership": MembershipSettings.load(), "heading": "Profession and registration"}
    return render(request, "members/registration.html", {**context, "submit": "Save"})


@login_required
@never_cache
def data_export(request):
    if request.GET.get("download"):
        document = services.member_export(member=request.user)
        response = HttpResponse(
            json.dumps(document, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
        )
        stamp = timezone.now().strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="auscult-my-data-{stamp}.json"'
        return response
    return render(request, "members/data.html")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, member=request.user)
    if request.method == "POST" and form.is_valid():
        services.member_delete_account(member=request.user)
        logout(request)
        messages.success(request, "Your account has been deleted and your personal details erased.")
        return redirect("/")
    context = {"form": form, "heading": "Delete my account", "submit": "Delete my account", "danger": True}
    return render(request, "members/delete.html", context)
