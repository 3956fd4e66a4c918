

import django.db.models.deletion
import django.utils.timezone
import modelsearch.index
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('sources', '0001_initial'),
        ('taxonomy', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='Article',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('identity', models.CharField(max_length=64, unique=True)),
                ('original_url', models.URLField(max_length=1000, verbose_name='original URL')),
                ('canonical_url', models.URLField(blank=True, max_length=1000, verbose_name='canonical URL')),
                ('language', models.CharField(db_index=True, max_length=10, verbose_name='language')),
                ('title', models.CharField(max_length=500, verbose_name='title')),
                ('slug', models.SlugField(blank=True, max_length=120)),
                ('lead', models.TextField(blank=True, verbose_name='lead')),
                ('body_html', models.TextField(blank=True, verbose_name='body')),
                ('text', models.TextField(blank=True)),
                ('author', models.CharField(blank=True, max_length=300, verbose_name='author')),
                ('published_at', models.DateTimeField(db_index=True, verbose_name='published')),
                ('source_updated_at', models.DateTimeField(blank=True, null=True, verbose_name='updated at source')),
                ('section_locked', models.BooleanField(default=False, help_text='Keeps the section through re-ingests.', verbose_name='section set by an editor')),
                ('section_hint', models.CharField(blank=True, max_length=200, verbose_name="outlet's category")),
                ('categories', models.JSONField(blank=True, default=list, help_text='From the page and the feed; the filing stage maps them to a section.', verbose_name="outlet's categories")),
                ('tags', models.JSONField(blank=True, default=list)),
                ('places_locked', models.BooleanField(default=False, help_text='Keeps the places through re-ingests.', verbose_name='places set by an editor')),
                ('media', models.JSONField(blank=True, default=list, help_text='Videos and other media from the feed.')),
                ('status', models.CharField(choices=[('pending', 'Waiting for the publish stage'), ('published', 'Published'), ('review', 'Held for review'), ('withdrawn', 'Withdrawn')], db_index=True, default='review', max_length=12, verbose_name='status')),
                ('review_reason', models.TextField(blank=True, verbose_name='why held')),
                ('decided_by_editor', models.BooleanField(default=False, help_text="The publish stage leaves an editor's decision alone.", verbose_name='status set by an editor')),
                ('extractor', models.CharField(blank=True, max_length=50)),
                ('confidence', models.FloatField(default=0.0)),
                ('content_hash', models.CharField(max_length=64)),
                ('version', models.PositiveIntegerField(default=1)),
                ('first_seen_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('modified_at', models.DateTimeField(auto_now=True)),
                ('outlet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='articles', to='sources.outlet')),
                ('places', models.ManyToManyField(blank=True, related_name='articles', to='taxonomy.place')),
                ('section', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='articles', to='taxonomy.section')),
            ],
            options={
                'verbose_name': 'article',
                'verbose_name_plural': 'articles',
                'ordering': ['-published_at', '-pk'],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name='ArticleImage',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('url', models.URLField(max_length=1000)),
                ('caption', models.TextField(blank=True)),
                ('credit', models.CharField(blank=True, max_length=300)),
                ('alt', models.CharField(blank=True, max_length=500)),
                ('width', models.PositiveIntegerField(blank=True, null=True)),
                ('height', models.PositiveIntegerField(blank=True, null=True)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='images', to='articles.article')),
            ],
            options={
                'ordering': ['article', 'position'],
            },
        ),
        migrations.CreateModel(
            name='ArticleTranslation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10, verbose_name='language')),
                ('title', models.CharField(blank=True, max_length=500, verbose_name='title')),
                ('slug', models.SlugField(blank=True, max_length=120)),
                ('lead', models.TextField(blank=True, verbose_name='lead')),
                ('body_html', models.TextField(blank=True, verbose_name='body')),
                ('images', models.JSONField(blank=True, default=list)),
                ('status', models.CharField(choices=[('pending', 'Waiting for the engine'), ('translated', 'Waiting for the publish stage'), ('published', 'Published'), ('review', 'Held for review'), ('failed', 'Failed')], db_index=True, default='pending', max_length=12, verbose_name='status')),
                ('qa_passed', models.BooleanField(default=False, verbose_name='QA passed')),
                ('qa_issues', models.JSONField(blank=True, default=list, verbose_name='QA findings')),
                ('decided_by_editor', models.BooleanField(default=False, verbose_name='status set by an editor')),
                ('engines', models.CharField(blank=True, max_length=200)),
                ('source_hash', models.CharField(blank=True, help_text='The article content it translates.', max_length=64)),
                ('engine_calls', models.PositiveIntegerField(default=0)),
                ('segments_sent', models.PositiveIntegerField(default=0)),
                ('segments_total', models.PositiveIntegerField(default=0)),
                ('attempts', models.PositiveIntegerField(default=0)),
                ('next_attempt_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now)),
                ('last_error', models.TextField(blank=True)),
                ('translated_at', models.DateTimeField(blank=True, null=True)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='translations', to='articles.article')),
            ],
            options={
                'verbose_name': 'article translation',
                'verbose_name_plural': 'article translations',
            },
        ),
        migrations.CreateModel(
            name='ArticleVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField()),
                ('title', models.CharField(max_length=500)),
                ('lead', models.TextField(blank=True)),
                ('body_html', models.TextField(blank=True)),
                ('author', models.CharField(blank=True, max_length=300)),
                ('images', models.JSONField(blank=True, default=list)),
                ('content_hash', models.CharField(max_length=64)),
                ('source_url', models.URLField(max_length=1000)),
                ('fetched_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='articles.article')),
            ],
            options={
                'verbose_name': 'article version',
                'verbose_name_plural': 'article versions',
                'ordering': ['article', '-number'],
            },
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['status', 'language', '-published_at'], name='articles_ar_status_45d82b_idx'),
        ),
        migrations.AddConstraint(
            model_name='articleimage',
            constraint=models.UniqueConstraint(fields=('article', 'position'), name='unique_article_image'),
        ),
        migrations.AddIndex(
            model_name='articletranslation',
            index=models.Index(fields=['language', 'status'], name='articles_ar_languag_b55d34_idx'),
        ),
        migrations.AddIndex(
            model_name='articletranslation',
            index=models.Index(fields=['status', 'next_attempt_at'], name='articles_ar_status_51a700_idx'),
        ),
        migrations.AddConstraint(
            model_name='articletranslation',
            constraint=models.UniqueConstraint(fields=('article', 'language'), name='unique_article_language'),
        ),
        migrations.AddConstraint(
            model_name='articleversion',
            constraint=models.UniqueConstraint(fields=('article', 'number'), name='unique_article_version'),
        ),
    ]
