"""gunicorn's settings, read from the working folder when gunicorn starts there.

gunicorn names itself in a ``Server`` header of every response and has no setting to leave it
out; the name is blanked here, so that a response does not tell which software answers.
"""

import gunicorn.http.wsgi

gunicorn.http.wsgi.SERVER = ""
