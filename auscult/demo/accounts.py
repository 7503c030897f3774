"""Demo accounts: staff in each role and members with generated professional profiles."""

import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from auscult.members.display_names import display_name_key
from auscult.members.models import Approval
from auscult.members.registration_numbers import Profession, Regulator

STAFF = [
    # role, username, display name, full name, group
    ("admin", "admin", "Site Administrator", "Alex Morgan", None),
    ("editor", "editor", "The Editor", "Jo Whitfield", "Editors"),
    ("moderator", "moderator", "Moderation Team", "Sam Patel", "Moderators"),
]

PROFILES = [
    (Profession.GP, Regulator.GMC, "GP partner"),
    (Profession.NURSE, Regulator.NMC, "Practice nurse"),
    (Profession.GP, Regulator.GMC, "Salaried GP"),
    (Profession.PHARMACIST, Regulator.GPHC, "Clinical pharmacist"),
    (Profession.PRACTICE_MANAGER, Regulator.OTHER, "Practice manager"),
    (Profession.OTHER_CLINICIAN, Regulator.HCPC, "First-contact physiotherapist"),
]


@dataclass
class DemoAccount:
    role: str
    username: str
    email: str
    password: str
    display_name: str
    note: str = ""


def _number(rng, regulator):
    if regulator in (Regulator.GMC, Regulator.GPHC):
        return f"{rng.randrange(1_000_000, 7_999_999)}"  # readers use 8,000,000 up
    if regulator == Regulator.NMC:
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        return f"{rng.randrange(10, 99)}{rng.choice(letters)}{rng.randrange(1000, 9999)}{rng.choice(letters)}"
    if regulator == Regulator.HCPC:
        return f"PH{rng.randrange(10_000, 999_999)}"
    return ""


def create_accounts(text, seed, members):
    rng = random.Random(seed)  # noqa: S311 - demo registration numbers, reproducible by design
    User = get_user_model()
    now = timezone.now()
    accounts = []
    for role, username, display_name, full_name, group in STAFF:
        user = User(
            username=username,
            email=f"{username}@auscult.example",
            display_name=display_name,
            full_name=full_name,
            is_staff=True,
            is_superuser=role == "admin",
        )
        accounts.append((user, DemoAccount(role, username, user.email, f"auscult-{username}", display_name), group))
    for n in range(1, members + 1):
        name = text.author()["name"]
        given, family = name.removeprefix("Dr ").split(" ", 1)
        profession, regulator, job_title = PROFILES[(n - 1) % len(PROFILES)]
        display_name = f"{'Dr ' if profession == Profession.GP else ''}{given} {family[0]}"
        user = User(
            username=f"member{n}",
            email=f"member{n}@auscult.example",
            full_name=f"{given} {family}",
            display_name=display_name,
            profession=profession,
            regulator=regulator,
            registration_number=_number(rng, regulator),
            job_title=job_title,
            profile_public=n == 1,  # the first demo member shows a public profile
        )
        confirmed = not (members >= 3 and n == members)
        note = "" if confirmed else "e-mail not yet confirmed"
        accounts.append(
            (user, DemoAccount("member", user.username, user.email, f"auscult-member{n}", display_name, note), None)
        )

    for user, account, group in accounts:
        confirmed = not account.note
        user.display_name_key = display_name_key(user.display_name)
        user.email_verified_at = now if confirmed else None
        user.approval = Approval.APPROVED
        user.set_password(account.password)
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=confirmed)
        if group:
            user.groups.add(Group.objects.get(name=group))
    return [account for _, account, _ in accounts]


def existing_accounts():
    """The demo accounts still in the database, for printing again on later runs."""
    User = get_user_model()
    usernames = [s[1] for s in STAFF] + [f"member{n}" for n in range(1, 100)]
    found = User.objects.filter(username__in=usernames, deleted_at__isnull=True).order_by("pk")
    return [
        DemoAccount(
            "member" if u.username.startswith("member") else u.username,
            u.username,
            u.email,
            f"auscult-{u.username}",
            u.display_name,
            "" if u.email_verified_at else "e-mail not yet confirmed",
        )
        for u in found
    ]
