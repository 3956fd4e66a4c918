from django.db import migrations

SLUGS = ["news", "political-system", "business", "heritage", "figure", "local", "product", "travel", "video"]


def create_sections(apps, schema_editor):
    Section = apps.get_model("taxonomy", "Section")
    for position, slug in enumerate(SLUGS):
        Section.objects.update_or_create(slug=slug, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(create_sections, migrations.RunPython.noop)]
