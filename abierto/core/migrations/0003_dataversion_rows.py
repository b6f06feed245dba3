"""One row per scope from the start, so that raising a version is always a single UPDATE (a support raises
"participation" inside its own transaction)."""

from django.db import migrations

SCOPES = ("registry", "forum", "cocreation", "participation")


def create_rows(apps, schema_editor):
    DataVersion = apps.get_model("core", "DataVersion")
    for scope in SCOPES:
        DataVersion.objects.get_or_create(scope=scope, defaults={"counter": 0})


class Migration(migrations.Migration):
    dependencies = [("core", "0002_dataversion_scope")]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
