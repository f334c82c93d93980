# CheckIn, CheckInAnswer and HealthSnapshot moved to apps.checkins, NotificationSettings to
# apps.notifications, with their tables and data: the driver forgets them in its state only.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('driver', '0002_checkins_and_health'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are (Meta.db_table); only Django's state moves.
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='checkinanswer',
                    name='check_in',
                ),
                migrations.RemoveField(
                    model_name='checkinanswer',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='healthsnapshot',
                    name='cooperation',
                ),
                migrations.RemoveField(
                    model_name='notificationsettings',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='CheckIn',
                ),
                migrations.DeleteModel(
                    name='CheckInAnswer',
                ),
                migrations.DeleteModel(
                    name='HealthSnapshot',
                ),
                migrations.DeleteModel(
                    name='NotificationSettings',
                ),
            ],
        ),
    ]
