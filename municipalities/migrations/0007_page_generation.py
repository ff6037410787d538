from django.db import migrations


class Migration(migrations.Migration):
    """The generation number of the kept pages that show municipalities, consortia and organisations (core.page_cache), shared
    by every app server: a saved or deleted record of the app moves it."""

    dependencies = [
        ("municipalities", "0006_invitation_email"),
    ]

    operations = [
        migrations.RunSQL(
            # Called once, so that every later call changes the value that pages read.
            "CREATE SEQUENCE municipalities_page_generation; SELECT nextval('municipalities_page_generation');",
            reverse_sql="DROP SEQUENCE municipalities_page_generation",
        )
    ]
