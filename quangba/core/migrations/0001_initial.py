

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Counter',
            fields=[
                ('name', models.CharField(max_length=100, primary_key=True, serialize=False)),
                ('value', models.BigIntegerField(default=0)),
            ],
            options={
                'verbose_name': 'counter',
                'verbose_name_plural': 'counters',
            },
        ),
        migrations.CreateModel(
            name='Handoff',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stage', models.CharField(max_length=40, verbose_name='stage')),
                ('key', models.BigIntegerField(verbose_name='key')),
                ('due_at', models.DateTimeField(blank=True, null=True, verbose_name='due')),
                ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('handed_at', models.DateTimeField(auto_now=True, verbose_name='handed over')),
            ],
            options={
                'verbose_name': 'hand-off',
                'verbose_name_plural': 'hand-offs',
                'ordering': ['stage', 'due_at'],
                'indexes': [models.Index(fields=['stage', 'due_at'], name='quangba_cor_stage_bc3922_idx')],
                'constraints': [models.UniqueConstraint(fields=('stage', 'key'), name='unique_handoff')],
            },
        ),
        migrations.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='when')),
                ('action', models.CharField(db_index=True, max_length=50, verbose_name='action')),
                ('target_type', models.CharField(max_length=50, verbose_name='target type')),
                ('target_id', models.CharField(max_length=50, verbose_name='target id')),
                ('target_repr', models.CharField(max_length=300, verbose_name='target')),
                ('reason', models.TextField(blank=True, verbose_name='why')),
                ('automatic', models.BooleanField(default=False, verbose_name='decided by the pipeline')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'audit log entry',
                'verbose_name_plural': 'audit log',
                'ordering': ['-at'],
                'indexes': [models.Index(fields=['target_type', 'target_id'], name='quangba_cor_target__f307a7_idx')],
            },
        ),
    ]
