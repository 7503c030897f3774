from django.db import migrations

REASONS = [
    ("Personal attack", "Comments must not attack other people. Criticise ideas and policies, not individuals."),
    ("Could identify a patient", "Comments must not contain anything that could identify a patient."),
    ("Offensive language", "Comments must not be abusive, obscene or discriminatory."),
    (
        "Unsubstantiated allegation",
        "Comments must not make allegations about named people or organisations that cannot be substantiated.",
    ),
    ("Spam or advertising", "Comments must not advertise products or services."),
    ("Off topic", "Comments should be about the article they are posted under."),
]


def add(apps, schema_editor):
    ReasonTemplate = apps.get_model("moderation", "ReasonTemplate")
    for order, (title, text) in enumerate(REASONS):
        ReasonTemplate.objects.get_or_create(title=title, defaults={"text": text, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("moderation", "0003_reason_templates")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
