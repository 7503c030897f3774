"""Loose side effects of allauth's events on the member record."""

from allauth.account.signals import email_confirmed

from .services import member_confirm_email


def on_email_confirmed(request, email_address, **kwargs):
    if email_address.primary or not email_address.user.email_confirmed:
        member_confirm_email(member=email_address.user, email=email_address.email)


def connect():
    email_confirmed.connect(on_email_confirmed, dispatch_uid="members-email-confirmed")
