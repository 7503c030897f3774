import django.db.models.functions.text
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_release_duplicate_emails"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="user",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("email"),
                condition=models.Q(models.Q(("email", ""), _negated=True), ("deleted_at__isnull", True)),
                name="unique_member_email",
                violation_error_message="An account with this e-mail address already exists.",
            ),
        ),
    ]
