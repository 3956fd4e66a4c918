

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('stories', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='story',
            name='reports',
            field=models.PositiveIntegerField(db_index=True, default=0, help_text='Its articles readers can see (kept by the bake stage).', verbose_name='public reports'),
        ),
    ]
