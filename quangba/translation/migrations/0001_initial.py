

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='GlossaryTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('source_language', models.CharField(max_length=10, verbose_name='from')),
                ('target_language', models.CharField(max_length=10, verbose_name='to')),
                ('source', models.CharField(help_text='Alternatives separated by |', max_length=300, verbose_name='term')),
                ('target', models.CharField(blank=True, max_length=300, verbose_name='translation')),
                ('do_not_translate', models.BooleanField(default=False, verbose_name='do not translate')),
                ('case_sensitive', models.BooleanField(default=True, verbose_name='case sensitive')),
                ('strict', models.BooleanField(default=False, help_text='A short word that is also a common word or a name: matched only mid-sentence.', verbose_name='strict')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
            ],
            options={
                'verbose_name': 'glossary term',
                'verbose_name_plural': 'glossary',
                'ordering': ['source_language', 'target_language', 'source'],
            },
        ),
        migrations.CreateModel(
            name='TranslationMemoryEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('digest', models.CharField(max_length=64, unique=True)),
                ('engine', models.CharField(max_length=100)),
                ('source_language', models.CharField(max_length=10)),
                ('target_language', models.CharField(max_length=10)),
                ('source_text', models.TextField()),
                ('translation', models.TextField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'translation memory entry',
                'verbose_name_plural': 'translation memory',
            },
        ),
    ]
