"""The similarity index (terms of published proposals, document frequencies per process) and the indexes of the
public list by supports (all, or by region) and by date. Existing published proposals are indexed from their stored terms."""

import django.db.models.deletion
from django.db import migrations, models


def index_existing(apps, schema_editor):
    from abierto.cocreation import similarity

    Proposal = apps.get_model("cocreation", "Proposal")
    ProcessTerm = apps.get_model("cocreation", "ProcessTerm")
    ProposalTerm = apps.get_model("cocreation", "ProposalTerm")
    rows = Proposal.objects.filter(status="published").values_list("process_id", "pk", "terms")
    similarity.fill(rows.iterator(), process_term=ProcessTerm, proposal_term=ProposalTerm)


class Migration(migrations.Migration):
    dependencies = [
        ("cocreation", "0002_tables"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                fields=["process", "status", "hidden_at", "-support_count", "-submitted_at", "-id"],
                name="proposal_visible_by_support",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                fields=["process", "region", "status", "hidden_at", "-support_count", "-submitted_at", "-id"],
                name="proposal_visible_by_region",
            ),
        ),
        migrations.AddIndex(
            model_name="proposal",
            index=models.Index(
                fields=["process", "status", "hidden_at", "-submitted_at", "-id"], name="proposal_visible_by_date"
            ),
        ),
        migrations.CreateModel(
            name="ProcessTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=60)),
                ("df", models.IntegerField(default=0)),
                (
                    "process",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="cocreation.cocreationprocess",
                    ),
                ),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("process", "term"), name="process_term_unique")],
            },
        ),
        migrations.CreateModel(
            name="ProposalTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=60)),
                (
                    "process",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="cocreation.cocreationprocess",
                    ),
                ),
                (
                    "proposal",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="cocreation.proposal"
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("process", "term", "proposal"), name="proposal_term_unique")
                ],
            },
        ),
        migrations.RunPython(index_existing, migrations.RunPython.noop),
    ]
