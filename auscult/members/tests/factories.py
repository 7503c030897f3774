import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from auscult.members.display_names import display_name_key
from auscult.members.registration_numbers import Profession, Regulator

PASSWORD = "correct-horse-battery-9"

# Letters that no look-alike rule folds together (no i/l, o, a, e, s, t, b, g, r+n, c+l, v+v).
_LETTERS = "dfhjkmpquwxyz"


def _code(n):
    """A distinct three-letter code per member, so display-name keys never collide."""
    return "".join(_LETTERS[n // len(_LETTERS) ** k % len(_LETTERS)] for k in range(3)).upper()


class MemberFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.Sequence(lambda n: f"member{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Dr Member Number{n}")
    display_name = factory.Sequence(lambda n: f"Dr Member {_code(n)}")
    display_name_key = factory.LazyAttribute(lambda o: display_name_key(o.display_name))
    profession = Profession.GP
    regulator = Regulator.GMC
    registration_number = factory.Sequence(lambda n: f"{7000000 + n}")
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def email_address(self, create, extracted, **kwargs):
        if create and self.email:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=self.email_verified_at is not None
            )
            self.save()

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        """`MemberFactory(groups=["Moderators"])`: staff in those groups (created by the migrations)."""
        if create and extracted:
            from django.contrib.auth.models import Group

            self.is_staff = True
            self.save(update_fields=["is_staff"])
            self.groups.set(Group.objects.filter(name__in=extracted))
