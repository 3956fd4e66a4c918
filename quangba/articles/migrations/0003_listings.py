

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0002_identity_per_outlet'),
        ('sources', '0001_initial'),
        ('taxonomy', '0002_sections'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='comment_count',
            field=models.PositiveIntegerField(default=0, verbose_name='approved comments'),
        ),
        migrations.CreateModel(
            name='ListCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('section', 'Section'), ('outlet', 'Outlet'), ('place', 'Place')], max_length=10)),
                ('key', models.BigIntegerField()),
                ('language', models.CharField(max_length=10)),
                ('count', models.BigIntegerField(default=0)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('kind', 'key', 'language'), name='unique_list_count')],
            },
        ),
        migrations.CreateModel(
            name='Listing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10)),
                ('published_at', models.DateTimeField()),
                ('story', models.BigIntegerField(null=True)),
                ('placed', models.BooleanField(default=False, help_text='The article names a place (the Local index lists it).')),
                ('original', models.BooleanField(default=True, help_text="The article's own language (not a translation).")),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='listings', to='articles.article')),
                ('outlet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='sources.outlet')),
                ('section', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='taxonomy.section')),
            ],
            options={
                'indexes': [models.Index(fields=['language', '-published_at', '-article'], name='listing_recent'), models.Index(fields=['language', 'placed', '-published_at', '-article'], name='listing_placed'), models.Index(fields=['original', '-published_at', '-article'], name='listing_original'), models.Index(fields=['language', 'section', '-published_at', '-article'], name='listing_section'), models.Index(fields=['language', 'outlet', '-published_at', '-article'], name='listing_outlet')],
                'constraints': [models.UniqueConstraint(fields=('article', 'language'), name='unique_listing')],
            },
        ),
        migrations.CreateModel(
            name='PlaceListing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10)),
                ('published_at', models.DateTimeField()),
                ('article', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.article')),
                ('place', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='taxonomy.place')),
            ],
            options={
                'indexes': [models.Index(fields=['place', 'language', '-published_at', '-article'], name='place_recent'), models.Index(fields=['article'], name='place_listing_article')],
                'constraints': [models.UniqueConstraint(fields=('place', 'language', 'article'), name='unique_place_listing')],
            },
        ),
    ]
