"""English for a Finnish audience: British day-month order and the 24-hour clock, as
"3/5/2017" or "05/03/2017" in the US order would be misread here."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
