from django.db import migrations


class Migration(migrations.Migration):
    """The generation number of the kept pages that show registrations (core.page_cache,
    ``workshops.models.REGISTRATION_GENERATION``), shared by every app server."""

    dependencies = [
        ("workshops", "0016_merge_reminders_swedish"),
    ]

    operations = [
        migrations.RunSQL(
            # Called once, so that every later call changes the value that pages read.
            "CREATE SEQUENCE workshops_registration_page_generation;"
            " SELECT nextval('workshops_registration_page_generation');",
            reverse_sql="DROP SEQUENCE workshops_registration_page_generation",
        )
    ]
