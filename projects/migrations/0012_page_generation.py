from django.db import migrations


class Migration(migrations.Migration):
    """The generation number of the kept pages that show projects and their money, partners and practices (core.page_cache), shared
    by every app server: a saved or deleted record of the app moves it."""

    dependencies = [
        ("projects", "0011_project_sums"),
    ]

    operations = [
        migrations.RunSQL(
            # Called once, so that every later call changes the value that pages read.
            "CREATE SEQUENCE projects_page_generation; SELECT nextval('projects_page_generation');",
            reverse_sql="DROP SEQUENCE projects_page_generation",
        )
    ]
