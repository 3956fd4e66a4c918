

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Outlet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('slug', models.SlugField(max_length=100, unique=True, verbose_name='slug')),
                ('homepage', models.URLField(max_length=500, verbose_name='homepage')),
                ('logo_url', models.URLField(blank=True, max_length=500, verbose_name='logo URL')),
                ('language', models.CharField(choices=[('vi', 'Tiếng Việt'), ('en', 'English'), ('es', 'Español')], max_length=10, verbose_name='language')),
                ('licence', models.CharField(choices=[('full', 'Full text'), ('excerpt', 'Excerpt only')], default='full', max_length=10, verbose_name='licence')),
                ('images_allowed', models.BooleanField(default=True, verbose_name='images allowed')),
                ('publish', models.CharField(choices=[('auto', 'Publish automatically'), ('review', 'Hold for review')], default='auto', max_length=10, verbose_name='publishing')),
                ('allow_private_addresses', models.BooleanField(default=False, help_text="Only for outlets on the portal's own network (the demo's sample outlets).", verbose_name='allow private addresses')),
                ('extraction_rules', models.CharField(blank=True, help_text='Name of the extraction rule set; empty: matched from the page itself.', max_length=100, verbose_name='extraction rule set')),
                ('section_map', models.JSONField(blank=True, default=dict, help_text="The outlet's own category names or URL path parts mapped to portal section slugs.", verbose_name='category → section map')),
                ('active', models.BooleanField(default=True, verbose_name='active')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'outlet',
                'verbose_name_plural': 'outlets',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='Feed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=1000, unique=True, verbose_name='URL')),
                ('title', models.CharField(blank=True, max_length=300, verbose_name='title')),
                ('etag', models.CharField(blank=True, max_length=300)),
                ('last_modified', models.CharField(blank=True, max_length=100)),
                ('interval_seconds', models.PositiveIntegerField(default=900, verbose_name='check every (seconds)')),
                ('next_check_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='next check')),
                ('last_checked_at', models.DateTimeField(blank=True, null=True, verbose_name='last check')),
                ('last_success_at', models.DateTimeField(blank=True, null=True, verbose_name='last success')),
                ('last_status', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='last HTTP status')),
                ('error_count', models.PositiveIntegerField(default=0, verbose_name='consecutive errors')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('paused', models.BooleanField(default=False, help_text='Set automatically after repeated failures; clear it to resume polling.', verbose_name='paused')),
                ('outlet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='feeds', to='sources.outlet')),
            ],
            options={
                'verbose_name': 'feed',
                'verbose_name_plural': 'feeds',
                'ordering': ['outlet__name', 'url'],
            },
        ),
    ]
