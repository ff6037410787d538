"""The role groups and the model permissions each holds; the object-level rules that narrow
them live in each app's ``permissions.py``."""

from django.contrib.auth.models import Group, Permission

COORDINATORS = "Koordinaattorit"
MUNICIPAL_STAFF = "Kuntien työntekijät"
ROLE_GROUPS = (COORDINATORS, MUNICIPAL_STAFF)

# Model permissions the coordinator group holds; the object-level rule below narrows them to
# the coordinator's own projects.
COORDINATOR_PERMISSIONS = [
    "projects.change_project",
    "projects.add_budgetline",
    "projects.change_budgetline",
    "projects.delete_budgetline",
    "projects.add_expense",
    "projects.change_expense",
    "projects.delete_expense",
    "projects.add_contact",
    "projects.change_contact",
    "projects.delete_contact",
    "projects.add_projectpartner",
    "projects.change_projectpartner",
    "projects.delete_projectpartner",
    "workshops.add_meeting",
    "workshops.change_meeting",
    "workshops.add_minutes",
    "workshops.change_minutes",
    "workshops.add_attachment",
    "workshops.delete_attachment",
    "workshops.view_registration",
]


def ensure_role_groups() -> None:
    """Create the role groups with their model permissions (idempotent)."""
    coordinators, _ = Group.objects.get_or_create(name=COORDINATORS)
    codenames = [name.split(".", 1)[1] for name in COORDINATOR_PERMISSIONS]
    coordinators.permissions.set(Permission.objects.filter(codename__in=codenames))
    Group.objects.get_or_create(name=MUNICIPAL_STAFF)


def needs_two_factor(user) -> bool:
    """Admins and coordinators confirm a password sign-in with a one-time code."""
    return user.is_superuser or user.has_perm("projects.change_project")
