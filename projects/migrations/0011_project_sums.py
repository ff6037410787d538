"""Each project's sums in one row (``ProjectSums``), kept by PostgreSQL.

After every statement that inserts, updates or deletes grants, budget lines or expenses, a
trigger sums again the projects of the rows it changed (transition tables: one refresh per
statement, however many rows a bulk insert writes). A project's row is locked before its
sums are read, so two transactions that change the same project one after the other leave
the sums of both: the second reads them after the first has committed.
"""

import core.money
import django.core.validators
import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models

REFRESH = """
CREATE FUNCTION projects_sums_refresh(changed bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO projects_projectsums
        (project_id, amount_applied, known_granted, unknown_grants, amount_planned, amount_spent)
    SELECT project.id, NULL, NULL, 0, 0, 0 FROM projects_project AS project
    WHERE project.id = ANY (changed)
    ON CONFLICT (project_id) DO NOTHING;
    -- Waits for another transaction summing the same projects: each statement below reads
    -- what is committed when it starts (READ COMMITTED), so after that one's commit.
    PERFORM 1 FROM projects_projectsums
    WHERE project_id = ANY (changed) ORDER BY project_id FOR UPDATE;
    UPDATE projects_projectsums AS sums SET
        amount_applied = (
            SELECT sum(amount_applied) FROM projects_grantdecision
            WHERE project_id = sums.project_id
        ),
        known_granted = (
            SELECT sum(amount_granted) FROM projects_grantdecision
            WHERE project_id = sums.project_id
        ),
        unknown_grants = (
            SELECT count(*) FROM projects_grantdecision
            WHERE project_id = sums.project_id AND amount_granted IS NULL
        ),
        amount_planned = coalesce((
            SELECT sum(amount) FROM projects_budgetline WHERE project_id = sums.project_id
        ), 0),
        amount_spent = coalesce((
            SELECT sum(expense.amount) FROM projects_expense AS expense
            JOIN projects_budgetline AS line ON line.id = expense.budget_line_id
            WHERE line.project_id = sums.project_id
        ), 0)
    WHERE sums.project_id = ANY (changed);
END $$;
"""

# Grants and budget lines name their project; an expense, its budget line's.
PROJECTS_OF_ROWS = {
    "projects_grantdecision": "SELECT project_id FROM {rows}",
    "projects_budgetline": "SELECT project_id FROM {rows}",
    "projects_expense": (
        "SELECT line.project_id FROM {rows} AS expense"
        " JOIN projects_budgetline AS line ON line.id = expense.budget_line_id"
    ),
}


def rows_changed(table: str) -> str:
    """The trigger function of ``table`` and its triggers: PostgreSQL allows transition
    tables only in a trigger of one event, so there is one for each."""
    projects = PROJECTS_OF_ROWS[table]
    return f"""
CREATE FUNCTION {table}_sums_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE changed bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT project_id) INTO changed
        FROM ({projects.format(rows="new_rows")}) AS projects;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT project_id) INTO changed
        FROM ({projects.format(rows="old_rows")}) AS projects;
    ELSE
        SELECT array_agg(DISTINCT project_id) INTO changed FROM (
            {projects.format(rows="old_rows")} UNION ALL {projects.format(rows="new_rows")}
        ) AS projects;
    END IF;
    PERFORM projects_sums_refresh(changed);
    RETURN NULL;
END $$;
CREATE TRIGGER {table}_sums_inserted AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_sums_changed();
CREATE TRIGGER {table}_sums_updated AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_sums_changed();
CREATE TRIGGER {table}_sums_deleted AFTER DELETE ON {table}
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION {table}_sums_changed();
"""


SQL = (
    # Deleted with its project by PostgreSQL (the model's field has no constraint of its own).
    "ALTER TABLE projects_projectsums ADD CONSTRAINT projects_projectsums_project_fk"
    " FOREIGN KEY (project_id) REFERENCES projects_project (id)"
    " ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;"
    + REFRESH
    + "".join(rows_changed(table) for table in PROJECTS_OF_ROWS)
    # The sums of the projects there already are.
    + "SELECT projects_sums_refresh(array_agg(id)) FROM projects_project;"
)

REVERSE_SQL = "".join(
    f"DROP FUNCTION {table}_sums_changed() CASCADE;" for table in PROJECTS_OF_ROWS
) + "DROP FUNCTION projects_sums_refresh(bigint[]);"


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0010_scale_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='ProjectSums',
            fields=[
                ('project', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='sums', serialize=False, to='projects.project', verbose_name='hanke')),
                ('amount_applied', core.money.MoneyField(decimal_places=2, max_digits=16, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='haettu')),
                ('known_granted', core.money.MoneyField(decimal_places=2, max_digits=16, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='myönnetty (tunnetut)')),
                ('unknown_grants', models.PositiveIntegerField(verbose_name='avustuksia, joiden määrä ei ole tiedossa')),
                ('amount_planned', core.money.MoneyField(decimal_places=2, max_digits=16, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='suunniteltu')),
                ('amount_spent', core.money.MoneyField(decimal_places=2, max_digits=16, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='käytetty')),
            ],
            options={
                'verbose_name': 'hankkeen summat',
                'verbose_name_plural': 'hankkeiden summat',
                'default_permissions': (),
            },
        ),
        migrations.RunSQL(SQL, REVERSE_SQL),
    ]
