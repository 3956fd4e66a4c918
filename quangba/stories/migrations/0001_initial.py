

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('articles', '0002_identity_per_outlet'),
    ]

    operations = [
        migrations.CreateModel(
            name='Story',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=500, verbose_name='title')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'story',
                'verbose_name_plural': 'stories',
                'ordering': ['-updated_at'],
            },
        ),
        migrations.CreateModel(
            name='RelatedArticle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('rank', models.PositiveSmallIntegerField()),
                ('score', models.FloatField()),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='related_links', to='articles.article')),
                ('other', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.article')),
            ],
            options={
                'ordering': ['article', 'rank'],
                'indexes': [models.Index(fields=['other'], name='stories_rel_other_i_4f6c61_idx')],
                'constraints': [models.UniqueConstraint(fields=('article', 'rank'), name='unique_related_rank')],
            },
        ),
        migrations.CreateModel(
            name='StoryArticle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('profile', models.BinaryField(blank=True, help_text='Emptied once the article is older than the windows.')),
                ('day', models.IntegerField(help_text='Publication day (proleptic ordinal).')),
                ('content_hash', models.CharField(max_length=64)),
                ('score', models.FloatField(default=1.0, help_text='Similarity to the article it joined on (1: founder).')),
                ('joined_at', models.DateTimeField(auto_now_add=True)),
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='story_link', to='articles.article')),
                ('story', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='stories.story')),
            ],
            options={
                'ordering': ['story', 'joined_at'],
                'indexes': [models.Index(fields=['day'], name='stories_sto_day_c8988d_idx')],
            },
        ),
        migrations.CreateModel(
            name='StoryKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.IntegerField()),
                ('day', models.IntegerField()),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.article')),
            ],
            options={
                'indexes': [models.Index(fields=['key', 'day'], name='stories_sto_key_2a1fc1_idx'), models.Index(fields=['day'], name='stories_sto_day_d65dc2_idx')],
            },
        ),
    ]
