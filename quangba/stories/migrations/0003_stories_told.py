from django.db import migrations, models


def count_told(apps, schema_editor):
    """The kept count of stories told by more than one public report, from the kept reports."""
    Story = apps.get_model("stories", "Story")
    ListCount = apps.get_model("articles", "ListCount")
    told = Story.objects.filter(reports__gt=1).count()
    ListCount.objects.update_or_create(kind="story", key=0, language="", defaults={"count": told})


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0005_alter_listcount_kind'),
        ('stories', '0002_story_reports'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='story',
            index=models.Index(condition=models.Q(('reports__gt', 1)), fields=['-updated_at', '-id'], name='story_told'),
        ),
        migrations.RunPython(count_told, migrations.RunPython.noop),
    ]
