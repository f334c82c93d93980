# The check-in and health models, moved from the driver with their tables (driver_*):
# state only; the tables and their rows were created by the driver's migrations.

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def keep_content_types(apps, schema_editor):
    """Permissions and admin history point at content types: move them along."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ['checkin', 'checkinanswer', 'healthsnapshot']:
        if not ContentType.objects.filter(app_label='checkins', model=model).exists():
            ContentType.objects.filter(app_label="driver", model=model).update(app_label='checkins')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('driver', '0003_move_checkins_and_notifications'),
        ('cooperations', '0002_event_kinds_of_meetings'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are (Meta.db_table); only Django's state moves.
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='CheckIn',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='erstellt am')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert am')),
                        ('due_on', models.DateField(verbose_name='fällig am')),
                        ('deadline', models.DateTimeField(verbose_name='Antworten bis')),
                        ('interval_days', models.PositiveSmallIntegerField(verbose_name='Rhythmus in Tagen')),
                        ('revealed_at', models.DateTimeField(blank=True, null=True, verbose_name='ausgewertet am')),
                        ('cooperation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='check_ins', to='cooperations.cooperation', verbose_name='Kooperation')),
                    ],
                    options={
                        'verbose_name': 'Check-in',
                        'verbose_name_plural': 'Check-ins',
                        'db_table': 'driver_checkin',
                        'ordering': ['-due_on', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='CheckInAnswer',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='erstellt am')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert am')),
                        ('personality', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='Persönlichkeit')),
                        ('behaviour', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='Verhalten')),
                        ('culture', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='Kultur')),
                        ('organisation', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='Organisation')),
                        ('choice', models.CharField(choices=[('love', 'Love it – weiter so'), ('change', 'Change it – etwas soll sich ändern'), ('leave', 'Leave it – ich möchte aussteigen')], max_length=6, verbose_name='Ihre Wahl')),
                        ('comment', models.TextField(blank=True, max_length=2000, verbose_name='Kommentar')),
                        ('agenda_item_id', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='Tagesordnungspunkt')),
                        ('check_in', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='checkins.checkin')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='Person')),
                    ],
                    options={
                        'verbose_name': 'Antwort im Check-in',
                        'verbose_name_plural': 'Antworten im Check-in',
                        'db_table': 'driver_checkinanswer',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='HealthSnapshot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('day', models.DateField(verbose_name='Tag')),
                        ('score', models.PositiveSmallIntegerField(verbose_name='Gesundheit')),
                        ('reasons', models.JSONField(blank=True, default=list, verbose_name='Gründe')),
                        ('computed_at', models.DateTimeField(verbose_name='berechnet am')),
                        ('cooperation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='health_snapshots', to='cooperations.cooperation', verbose_name='Kooperation')),
                    ],
                    options={
                        'verbose_name': 'Gesundheitswert',
                        'verbose_name_plural': 'Gesundheitswerte',
                        'db_table': 'driver_healthsnapshot',
                        'ordering': ['cooperation', '-day'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='checkin',
                    constraint=models.UniqueConstraint(fields=('cooperation', 'due_on'), name='checkin_once_per_due'),
                ),
                migrations.AddConstraint(
                    model_name='checkinanswer',
                    constraint=models.UniqueConstraint(fields=('check_in', 'user'), name='checkin_answer_once'),
                ),
                migrations.AddConstraint(
                    model_name='checkinanswer',
                    constraint=models.CheckConstraint(condition=models.Q(('choice__in', ['love', 'change', 'leave'])), name='checkin_answer_choice_valid'),
                ),
                migrations.AddConstraint(
                    model_name='healthsnapshot',
                    constraint=models.UniqueConstraint(fields=('cooperation', 'day'), name='health_once_per_day'),
                ),
                migrations.AddConstraint(
                    model_name='healthsnapshot',
                    constraint=models.CheckConstraint(condition=models.Q(('score__lte', 100)), name='health_score_at_most_100'),
                ),
            ],
        ),
            migrations.RunPython(keep_content_types, migrations.RunPython.noop),
    ]
