"""Views of the projects app: the public pages in ``public``, coordinators' pages in ``editing``."""
