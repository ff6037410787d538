from django.db import migrations


class Migration(migrations.Migration):
    """The generation number of kept pages (core.page_cache), shared by every app server."""

    initial = True
    dependencies = []

    operations = [
        migrations.RunSQL(
            # Called once, so that every later call changes the value that pages read.
            "CREATE SEQUENCE core_page_generation; SELECT nextval('core_page_generation');",
            reverse_sql="DROP SEQUENCE core_page_generation",
        )
    ]
