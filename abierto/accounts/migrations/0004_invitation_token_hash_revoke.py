"""Invitations keep only a SHA-256 of their token, and can be cancelled."""

import hashlib

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def hash_existing_tokens(apps, schema_editor):
    Invitation = apps.get_model("accounts", "Invitation")
    for invitation in Invitation.objects.only("pk", "token"):
        digest = hashlib.sha256(invitation.token.encode("utf-8")).hexdigest()
        Invitation.objects.filter(pk=invitation.pk).update(token_hash=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_role_constraints_portable"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True, verbose_name="huella del código"),
        ),
        migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="invitation",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True, verbose_name="huella del código"),
        ),
        migrations.RemoveField(model_name="invitation", name="token"),
        migrations.AddField(
            model_name="invitation",
            name="revoked_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="anulada el"),
        ),
        migrations.AddField(
            model_name="invitation",
            name="revoked_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="anulada por",
            ),
        ),
    ]
