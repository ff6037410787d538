from django.db import migrations


class Migration(migrations.Migration):
    """The generation number of the kept pages that show working groups, meetings, minutes and attachments (core.page_cache), shared
    by every app server: a saved or deleted record of the app moves it."""

    dependencies = [
        ("workshops", "0017_registration_generation"),
    ]

    operations = [
        migrations.RunSQL(
            # Called once, so that every later call changes the value that pages read.
            "CREATE SEQUENCE workshops_page_generation; SELECT nextval('workshops_page_generation');",
            reverse_sql="DROP SEQUENCE workshops_page_generation",
        )
    ]
