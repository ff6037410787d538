"""Views of the meeting pages, one module per subject."""
