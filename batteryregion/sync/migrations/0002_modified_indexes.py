"""An index on (updated_at, id) of every API resource's table: ?modified_since= and the change feed read the records
changed since a moment in that order. Plain SQL that SQLite and PostgreSQL both take, kept with the sync rather than
in each app's models."""

from django.db import migrations

TABLES = (
    "skills_segment",
    "skills_region",
    "skills_municipality",
    "skills_educationlevel",
    "skills_qualificationtype",
    "skills_educationfield",
    "skills_skill",
    "skills_occupation",
    "skills_actor",
    "skills_competenceneed",
    "programmes_programme",
)


class Migration(migrations.Migration):
    dependencies = [
        ("sync", "0001_initial"),
        ("skills", "0006_municipality"),
        ("programmes", "0008_programme_min_age_waived_from"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX sync_{table}_modified ON {table} (updated_at, id)",
            reverse_sql=f"DROP INDEX sync_{table}_modified",
        )
        for table in TABLES
    ]
