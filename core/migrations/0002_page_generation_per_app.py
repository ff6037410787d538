from django.db import migrations


class Migration(migrations.Migration):
    """The one generation number of every kept page gives way to one per app (each app's
    ``<app>_page_generation``, core.page_cache)."""

    dependencies = [
        ("core", "0001_page_generation"),
    ]

    operations = [
        migrations.RunSQL(
            "DROP SEQUENCE core_page_generation",
            reverse_sql=(
                "CREATE SEQUENCE core_page_generation; SELECT nextval('core_page_generation');"
            ),
        )
    ]
