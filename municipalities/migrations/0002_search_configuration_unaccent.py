from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# Finnish stemming behind unaccent: "Mantsala" finds "Mäntsälä", "tyopaja" finds "työpajassa".
CREATE_CONFIGURATION = """
CREATE TEXT SEARCH CONFIGURATION lape_finnish (COPY = pg_catalog.finnish);
ALTER TEXT SEARCH CONFIGURATION lape_finnish
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, finnish_stem;
"""
DROP_CONFIGURATION = "DROP TEXT SEARCH CONFIGURATION lape_finnish;"


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0001_initial_regions_municipalities_consortia"),
    ]

    operations = [
        UnaccentExtension(),
        migrations.RunSQL(CREATE_CONFIGURATION, DROP_CONFIGURATION),
    ]
