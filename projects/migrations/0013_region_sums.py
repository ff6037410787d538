"""Each region's programme figures, kept (``RegionSums``), and the marks of the stale ones
(``StaleRegionSums``).

After every statement that inserts, updates or deletes projects, their sums or their links to
development areas, a trigger marks the regions of the rows it changed (transition tables:
one mark per region and statement, however many rows a bulk insert writes); a change of a
development area marks every region. The programme's pages sum the marked regions again
before they read the rows (``projects.services.region_sums_refresh``).
"""

import core.money
import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


MARK = """
CREATE FUNCTION projects_region_sums_stale(regions bigint[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO projects_staleregionsums (region_id)
    SELECT DISTINCT region_id FROM unnest(regions) AS region_id
    WHERE region_id IS NOT NULL ORDER BY region_id
    ON CONFLICT (region_id) DO NOTHING;
$$;
"""

# The regions of the rows a statement changed. A project's sums and area links name their
# project (the rows deleted with a project are marked by its own trigger); an area's number
# is in every region's sums.
REGIONS_OF_ROWS = {
    "projects_project": "SELECT region_id FROM {rows}",
    "projects_projectsums": (
        "SELECT project.region_id FROM {rows} AS sums"
        " JOIN projects_project AS project ON project.id = sums.project_id"
    ),
    "projects_projectdevelopmentarea": (
        "SELECT project.region_id FROM {rows} AS link"
        " JOIN projects_project AS project ON project.id = link.project_id"
    ),
    "projects_developmentarea": "SELECT region_id FROM projects_regionsums",
}


def rows_changed(table: str) -> str:
    """The trigger function of ``table`` and its triggers: PostgreSQL allows transition
    tables only in a trigger of one event, so there is one for each."""
    regions = REGIONS_OF_ROWS[table]
    return f"""
CREATE FUNCTION {table}_regions_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM projects_region_sums_stale(ARRAY({regions.format(rows="new_rows")}));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM projects_region_sums_stale(ARRAY({regions.format(rows="old_rows")}));
    ELSE
        PERFORM projects_region_sums_stale(ARRAY(
            {regions.format(rows="old_rows")} UNION {regions.format(rows="new_rows")}
        ));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER {table}_regions_inserted AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_regions_changed();
CREATE TRIGGER {table}_regions_updated AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_regions_changed();
CREATE TRIGGER {table}_regions_deleted AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_regions_changed();
"""


SQL = (
    MARK
    + "".join(rows_changed(table) for table in REGIONS_OF_ROWS)
    # The regions of the projects there already are: summed when first read.
    + "SELECT projects_region_sums_stale(ARRAY(SELECT region_id FROM projects_project));"
)

REVERSE_SQL = "".join(
    f"DROP FUNCTION {table}_regions_changed() CASCADE;" for table in REGIONS_OF_ROWS
) + "DROP FUNCTION projects_region_sums_stale(bigint[]);"


class Migration(migrations.Migration):

    dependencies = [
        ('municipalities', '0007_page_generation'),
        ('projects', '0012_page_generation'),
    ]

    operations = [
        migrations.CreateModel(
            name='StaleRegionSums',
            fields=[
                ('region', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='municipalities.region')),
            ],
            options={
                'default_permissions': (),
            },
        ),
        migrations.CreateModel(
            name='RegionSums',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('by_area', models.BooleanField()),
                ('area_number', models.PositiveSmallIntegerField(null=True)),
                ('project_count', models.PositiveIntegerField()),
                ('granted_known', core.money.MoneyField(decimal_places=2, max_digits=16, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                ('granted_parts', models.PositiveIntegerField()),
                ('granted_left_out', models.PositiveIntegerField()),
                ('total_budget_known', core.money.MoneyField(decimal_places=2, max_digits=16, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                ('total_budget_parts', models.PositiveIntegerField()),
                ('total_budget_left_out', models.PositiveIntegerField()),
                ('own_financing_known', models.DecimalField(decimal_places=2, max_digits=16, null=True)),
                ('own_financing_parts', models.PositiveIntegerField()),
                ('own_financing_left_out', models.PositiveIntegerField()),
                ('spent_known', core.money.MoneyField(decimal_places=2, max_digits=16, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))])),
                ('spent_parts', models.PositiveIntegerField()),
                ('spent_left_out', models.PositiveIntegerField()),
                ('region', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='municipalities.region')),
            ],
            options={
                'default_permissions': (),
                'constraints': [models.UniqueConstraint(fields=('region', 'by_area', 'area_number'), name='region_sums_unique', nulls_distinct=False), models.CheckConstraint(condition=models.Q(('by_area', True), ('area_number__isnull', True), _connector='OR'), name='region_sums_area_only_by_area')],
            },
        ),
        migrations.RunSQL(SQL, REVERSE_SQL),
    ]
