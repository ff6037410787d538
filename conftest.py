import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder that pytest removes."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
