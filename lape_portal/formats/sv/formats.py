"""Swedish as it is written in Finland: "7.5.2018" and "14.00", like the Finnish pages, not
Sweden's ISO dates ("2018-05-07")."""

from django.conf.locale.sv.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
TIME_FORMAT = "G.i"
DATETIME_FORMAT = "j F Y 'kl.' G.i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H.%M", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
