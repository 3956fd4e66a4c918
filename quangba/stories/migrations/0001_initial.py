

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('articles', '0001_initial'),
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
            name='StoryArticle',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('signature', models.JSONField()),
                ('content_hash', models.CharField(max_length=64)),
                ('score', models.FloatField(default=1.0, help_text='Similarity to the article it joined on (1: founder).')),
                ('joined_at', models.DateTimeField(auto_now_add=True)),
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='story_link', to='articles.article')),
                ('story', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='links', to='stories.story')),
            ],
            options={
                'ordering': ['story', 'joined_at'],
            },
        ),
    ]
