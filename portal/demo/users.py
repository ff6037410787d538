"""One demo user per role. The passwords are for development only (README)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.demo.upsert import upsert
from portal.roles import COORDINATORS, MUNICIPAL_STAFF

DEMO_PASSWORDS = {
    "admin": "lape-admin-demo",
    "koordinaattori": "lape-koordinaattori-demo",
    "kuntatyontekija": "lape-kunta-demo",
}


@dataclass
class DemoUsers:
    admin: object
    coordinator: object
    municipal_staff: object


def _user(
    username: str, *, first_name: str, last_name: str, email: str, group=None, is_superuser=False
):
    user, created = upsert(
        get_user_model(),
        username=username,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "email": email,
            "is_staff": is_superuser,
            "is_superuser": is_superuser,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORDS[username])
        user.save(update_fields=["password"])
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def load() -> DemoUsers:
    return DemoUsers(
        admin=_user(
            "admin",
            first_name="Ylläpitäjä",
            last_name="Demo",
            email="admin@example.fi",
            is_superuser=True,
        ),
        coordinator=_user(
            "koordinaattori",
            first_name="Maarit",
            last_name="Lindman",
            email="maarit.lindman@lohja.fi",
            group=COORDINATORS,
        ),
        municipal_staff=_user(
            "kuntatyontekija",
            first_name="Kaisa",
            last_name="Kuntalainen",
            email="kuntatyontekija@example.fi",
            group=MUNICIPAL_STAFF,
        ),
    )
