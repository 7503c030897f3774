import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from auscult.members.display_names import display_name_key

PASSWORD = "correct-horse-battery-9"


class MemberFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.Sequence(lambda n: f"member{n}@example.com")
    full_name = factory.Sequence(lambda n: f"Dr Member Number{n}")
    display_name = factory.Sequence(lambda n: f"Dr Member {chr(65 + n % 26)}{chr(65 + n // 26 % 26)}")
    display_name_key = factory.LazyAttribute(lambda o: display_name_key(o.display_name))
    profession = "gp"
    regulator = "gmc"
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
