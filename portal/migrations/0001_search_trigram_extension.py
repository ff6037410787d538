from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    """pg_trgm, whose similarity() finds the words of "did you mean" (``portal.search``)."""

    dependencies = []

    operations = [TrigramExtension()]
