

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0001_initial'),
        ('sources', '0001_initial'),
        ('taxonomy', '0002_sections'),
    ]

    operations = [
        migrations.AlterField(
            model_name='article',
            name='identity',
            field=models.CharField(help_text='Hash of the URL the outlet knows the article by.', max_length=64),
        ),
        migrations.AddConstraint(
            model_name='article',
            constraint=models.UniqueConstraint(fields=('outlet', 'identity'), name='unique_outlet_identity'),
        ),
    ]
