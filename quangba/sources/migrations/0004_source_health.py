# Source health: failing since, last new item, idle threshold and alerts; each outlet's day.

import django.db.models.deletion
from django.db import migrations, models


def backfill(apps, schema_editor):
    """Feeds already failing keep their streak's start (the last check, the best we know); the last
    new item of each feed is its newest entry; the last 14 days' intake is counted from the
    articles first seen then. One aggregate query each, once."""
    from datetime import timedelta

    from django.db.models import Count, Max
    from django.db.models.functions import TruncDate
    from django.utils import timezone

    Feed = apps.get_model("sources", "Feed")
    Entry = apps.get_model("ingest", "Entry")
    Article = apps.get_model("articles", "Article")
    OutletDay = apps.get_model("sources", "OutletDay")
    Feed.objects.filter(error_count__gt=0, failing_since__isnull=True).update(failing_since=models.F("last_checked_at"))
    for row in Entry.objects.values("feed_id").annotate(newest=Max("created_at")):
        Feed.objects.filter(pk=row["feed_id"]).update(last_new_at=row["newest"])
    since = timezone.now() - timedelta(days=14)
    rows = (Article.objects.filter(first_seen_at__gte=since)
            .annotate(day=TruncDate("first_seen_at", tzinfo=timezone.get_current_timezone()))
            .values("outlet_id", "day").annotate(n=Count("pk")))
    OutletDay.objects.bulk_create([OutletDay(outlet_id=r["outlet_id"], day=r["day"], ingested=r["n"]) for r in rows],
                                  ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ('sources', '0003_outlet_time_zone'),
        ('ingest', '0005_pushed_payload_pruned'),
        ('articles', '0005_alter_listcount_kind'),
    ]

    operations = [
        migrations.AddField(
            model_name='feed',
            name='failing_since',
            field=models.DateTimeField(blank=True, help_text='The first failed check of the current error streak.', null=True, verbose_name='failing since'),
        ),
        migrations.AddField(
            model_name='feed',
            name='last_new_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='last new item'),
        ),
        migrations.AddField(
            model_name='outlet',
            name='alert',
            field=models.CharField(blank=True, max_length=300, verbose_name='trouble'),
        ),
        migrations.AddField(
            model_name='outlet',
            name='alerted_at',
            field=models.DateTimeField(blank=True, help_text="When the staff were told of the outlet's current trouble; cleared once it is healthy again.", null=True, verbose_name='staff told'),
        ),
        migrations.AddField(
            model_name='outlet',
            name='idle_hours',
            field=models.PositiveIntegerField(default=24, help_text='With nothing new for this long, the outlet is flagged on the sources board and the staff are told by e-mail.', verbose_name='idle after (hours)'),
        ),
        migrations.CreateModel(
            name='OutletDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='day')),
                ('ingested', models.PositiveIntegerField(default=0, verbose_name='ingested')),
                ('published', models.PositiveIntegerField(default=0, verbose_name='articles published')),
                ('translated', models.PositiveIntegerField(default=0, verbose_name='translations published')),
                ('held', models.PositiveIntegerField(default=0, verbose_name='held for review')),
                ('taken_down', models.PositiveIntegerField(default=0, verbose_name='taken down')),
                ('comments', models.PositiveIntegerField(default=0, verbose_name='comments approved')),
                ('outlet', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='days', to='sources.outlet')),
            ],
            options={
                'verbose_name': "outlet's day",
                'verbose_name_plural': "outlets' days",
                'indexes': [models.Index(fields=['day', 'outlet'], name='outlet_day_by_day')],
                'constraints': [models.UniqueConstraint(fields=('outlet', 'day'), name='unique_outlet_day')],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
