"""E-mails to members, sent off the request path."""

from django.contrib.auth import get_user_model
from django_tasks import task

from auscult.core.email import send_email

from .models import MembershipSettings


@task()
def send_member_email(member_id, template):
    """Send members/email/<template>_* to the member, if they still have an address."""
    member = get_user_model().objects.get(pk=member_id)
    if not member.email or member.is_deleted:
        return
    context = {"member": member, "contact_email": MembershipSettings.load().contact_email}
    send_email(f"members/email/{template}", [member.email], context)
