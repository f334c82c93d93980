# The mail preferences, moved from the driver with their table (driver_notificationsettings):
# state only; the table and its rows were created by the driver's migrations.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def keep_content_types(apps, schema_editor):
    """Permissions and admin history point at content types: move them along."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ['notificationsettings']:
        if not ContentType.objects.filter(app_label='notifications', model=model).exists():
            ContentType.objects.filter(app_label="driver", model=model).update(app_label='notifications')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('driver', '0003_move_checkins_and_notifications'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are (Meta.db_table); only Django's state moves.
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='NotificationSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='erstellt am')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='geändert am')),
                        ('urgent_immediately', models.BooleanField(default=True, verbose_name='Dringende Impulse sofort per E-Mail')),
                        ('digest', models.CharField(choices=[('daily', 'täglich'), ('weekly', 'wöchentlich (montags)'), ('never', 'nie')], default='daily', max_length=10, verbose_name='Zusammenfassung per E-Mail')),
                        ('last_digest_at', models.DateTimeField(blank=True, null=True, verbose_name='letzte Zusammenfassung am')),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='notification_settings', to=settings.AUTH_USER_MODEL, verbose_name='Konto')),
                    ],
                    options={
                        'verbose_name': 'E-Mail-Einstellung',
                        'verbose_name_plural': 'E-Mail-Einstellungen',
                        'db_table': 'driver_notificationsettings',
                        'constraints': [models.CheckConstraint(condition=models.Q(('digest__in', ['daily', 'weekly', 'never'])), name='notification_settings_digest_valid')],
                    },
                ),
            ],
        ),
            migrations.RunPython(keep_content_types, migrations.RunPython.noop),
    ]
