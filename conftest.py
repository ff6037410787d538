"""Fixtures shared by every app's tests: a temporary media folder and one user per role."""

import pytest
from django.contrib.auth.models import Group

from portal.roles import COORDINATORS, MUNICIPAL_STAFF, ensure_role_groups
from projects.models import ContactRole
from projects.tests.factories import ContactFactory, ProjectFactory

PASSWORD = "Testi-salasana-2017"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files of a test go to a temporary folder that pytest removes."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    """Tests create many users; the production hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def role_groups(db):
    ensure_role_groups()


def _user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.fi", password=PASSWORD, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def project(db):
    """The project that the ``coordinator`` fixture coordinates."""
    return ProjectFactory(name="LAPE Testimaa", slug="lape-testimaa")


@pytest.fixture
def other_project(db):
    return ProjectFactory(name="LAPE Muualla", slug="lape-muualla")


@pytest.fixture
def municipal_staff(role_groups, django_user_model):
    return _user(django_user_model, "kuntatyontekija", MUNICIPAL_STAFF)


@pytest.fixture
def coordinator(role_groups, django_user_model, project):
    user = _user(django_user_model, "koordinaattori", COORDINATORS)
    ContactFactory(project=project, user=user, role=ContactRole.COORDINATOR, name="Koordinaattori")
    return user


@pytest.fixture
def other_coordinator(role_groups, django_user_model, other_project):
    """A coordinator of ``other_project``, who may not edit ``project``."""
    user = _user(django_user_model, "muukoordinaattori", COORDINATORS)
    ContactFactory(
        project=other_project, user=user, role=ContactRole.COORDINATOR, name="Muu koordinaattori"
    )
    return user


@pytest.fixture
def portal_admin(role_groups, django_user_model):
    return _user(django_user_model, "paakayttaja", is_staff=True, is_superuser=True)
