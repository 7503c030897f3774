"""Before e-mail addresses become unique per live account (0005), settle the accounts that share one.

Per address (compared without case), one account keeps it: the one that proved it owns the address (a
confirmed allauth address, else a confirmed account), then an active one, then the earliest to join.
Every other account keeps everything but the address: its `email` is emptied and a verification event
records the address and why, so staff (and the member, in their data download) can see what happened.
Their allauth address rows stay as they are: allauth allows one address on several accounts while at most
one has confirmed it, so those members can still sign in with it and their password. Deleted members are
left alone: an address a legal hold keeps is not part of the constraint.
"""

from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Lower

RELEASED = "email_released"


def release_duplicate_emails(apps, schema_editor):
    User = apps.get_model("members", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    VerificationEvent = apps.get_model("members", "VerificationEvent")

    live = User.objects.filter(deleted_at__isnull=True).exclude(email="").annotate(address=Lower("email"))
    shared = live.values("address").annotate(n=Count("pk")).filter(n__gt=1).values_list("address", flat=True)
    for address in list(shared):
        members = list(live.filter(address=address))
        proved = set(
            EmailAddress.objects.filter(user__in=members, email__iexact=address, verified=True).values_list(
                "user_id", flat=True
            )
        )
        members.sort(
            key=lambda m: (m.pk not in proved, m.email_verified_at is None, not m.is_active, m.date_joined, m.pk)
        )
        for member in members[1:]:
            VerificationEvent.objects.create(
                member=member,
                kind=RELEASED,
                note=f"{member.email}: another account has the same address and keeps it.",
            )
            member.email = ""
            member.save(update_fields=["email"])


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_roles"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [
        migrations.AlterField(
            model_name="verificationevent",
            name="kind",
            field=models.CharField(
                choices=[
                    ("email_confirmed", "E-mail address confirmed"),
                    ("approved", "Registration approved"),
                    ("declined", "Registration declined"),
                    ("number_changed", "Registration number changed; approval needed again"),
                    ("email_released", "E-mail address released: another account has it"),
                ],
                max_length=20,
            ),
        ),
        migrations.RunPython(release_duplicate_emails, migrations.RunPython.noop),
    ]
