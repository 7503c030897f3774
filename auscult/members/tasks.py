"""E-mails to members, sent off the request path."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from .models import MembershipSettings


@task()
def send_member_email(member_id, template):
    """Send members/email/<template>_{subject,body}.txt to the member, if they still have an address."""
    member = get_user_model().objects.get(pk=member_id)
    if not member.email or member.is_deleted:
        return
    context = {
        "member": member,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": settings.WAGTAILADMIN_BASE_URL,
        "contact_email": MembershipSettings.load().contact_email,
    }
    subject = render_to_string(f"members/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"members/email/{template}_body.txt", context)
    send_mail(subject, body, None, [member.email])
