

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_identity_per_outlet'),
        ('ingest', '0001_initial'),
        ('sources', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='entry',
            name='notes',
            field=models.TextField(blank=True, help_text='What the ingest noticed and did not believe (a foreign canonical URL, say).'),
        ),
        migrations.AlterField(
            model_name='entry',
            name='identity',
            field=models.CharField(help_text="Hash of the item's GUID (or link), within its feed.", max_length=64),
        ),
        migrations.AddConstraint(
            model_name='entry',
            constraint=models.UniqueConstraint(fields=('feed', 'identity'), name='unique_feed_identity'),
        ),
    ]
