"""The member: one custom user model from the first migration, so profile fields can grow here."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    email = models.EmailField("e-mail address", blank=True)
    display_name = models.CharField(
        max_length=40,
        blank=True,
        help_text="The public name shown beside comments.",
    )

    class Meta:
        verbose_name = "user"
        verbose_name_plural = "users"

    def __str__(self):
        return self.display_name or self.get_username()

    @property
    def public_name(self):
        return self.display_name or self.get_full_name() or self.get_username()
