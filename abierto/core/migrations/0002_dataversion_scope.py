from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="dataversion",
            name="scope",
            field=models.CharField(default="registry", max_length=20),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="dataversion",
            name="scope",
            field=models.CharField(max_length=20, unique=True),
        ),
    ]
