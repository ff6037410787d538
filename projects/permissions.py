"""Who may see and change what: every access rule of the portal lives here (and in
``workshops.permissions``, which builds on these). Views, templates and the admin ask these
functions; none of them makes its own ``if user...`` decision.

Roles:
- visitor (anonymous): public pages and published minutes, no contact details;
- municipal staff (any logged-in user): also contact details and registration to meetings;
- coordinator (holds the change-project permission, through the coordinators group of
  ``portal.roles``, and is a coordinator contact of a project):
  edits that project, its funding lines, contacts, partners, meetings, minutes and attachments;
- admin (superuser): everything, and the Django admin.
"""

from projects.models import ContactRole, Project


def coordinated_project_ids(user) -> frozenset[int]:
    """Ids of the projects ``user`` may edit as a coordinator, cached on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_coordinated_project_ids", None)
    if cached is None:
        if user.has_perm("projects.change_project"):
            ids = Project.objects.filter(
                contacts__user=user, contacts__role=ContactRole.COORDINATOR
            ).values_list("pk", flat=True)
            cached = frozenset(ids)
        else:
            cached = frozenset()
        user._coordinated_project_ids = cached
    return cached


def is_admin(user) -> bool:
    return user.is_active and user.is_superuser


def can_view_contact_details(user) -> bool:
    """Phone numbers and email addresses are for logged-in users only."""
    return user.is_authenticated


def can_view_details_of_contact(user, contact) -> bool:
    """A contact's own details are also public when the contact has agreed to it."""
    return contact.public_contact_details or can_view_contact_details(user)


def can_edit_project(user, project: Project) -> bool:
    return is_admin(user) or project.pk in coordinated_project_ids(user)


def can_view_history(user, project: Project) -> bool:
    """The change history of a project and its meetings names who changed what: it is for
    those who may edit the project."""
    return can_edit_project(user, project)


def can_edit_contact(user, contact) -> bool:
    """A contact linked to a user account carries that user's rights to the project, so only
    admins change or remove it (a coordinator cannot lock themselves or others out)."""
    return can_edit_project(user, contact.project) and (contact.user_id is None or is_admin(user))


def can_coordinate(user) -> bool:
    """Whether the user coordinates any project (shows the coordinator's menu)."""
    return is_admin(user) or bool(coordinated_project_ids(user))


def editable_projects(user):
    """The projects ``user`` may edit, as a queryset."""
    if is_admin(user):
        return Project.objects.all()
    return Project.objects.filter(pk__in=coordinated_project_ids(user))


def can_view_reporting(user, project: Project) -> bool:
    """The reporting schedule and the funders' requests, with their answers and files, are
    the project's internal work: for those who may edit the project."""
    return can_edit_project(user, project)


def can_edit_practice(user, practice) -> bool:
    """A practice, its adoptions and its embedding plan are edited by its project's editors."""
    return can_edit_project(user, practice.project)
