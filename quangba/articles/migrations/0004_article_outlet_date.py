

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0003_listings'),
        ('sources', '0001_initial'),
        ('taxonomy', '0002_sections'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['outlet', 'published_at'], name='article_outlet_date'),
        ),
    ]
