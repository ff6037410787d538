"""Every URL pattern of the portal, for every role: who gets the page and who is refused.

The routes are read from the URL resolver, so a new page without an entry in ``ROUTES`` fails
``test_every_url_pattern_has_an_access_rule``. Someone else's object must give 403 or 404,
never 200. The admin's patterns are walked per registered model. List and detail pages are
also checked to run no database query while their template renders.
"""

import datetime
import re
from dataclasses import dataclass, field
from unittest import mock

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.template.backends.django import Template
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from procrastinate.contrib.django.models import ProcrastinateJob

from municipalities.tests.factories import MunicipalityFactory
from notifications.models import OutboxMessage
from notifications.services import unsubscribe_token
from notifications.tests.factories import FollowFactory, OutboxMessageFactory
from portal.models import Feedback
from portal.tests.factories import FeedbackFactory
from portal.tests.test_admin import FACTORIES
from projects.tests.factories import (
    BudgetLineFactory,
    ContactFactory,
    ExpenseFactory,
    FunderReportFactory,
    FunderRequestFactory,
    GrantDecisionFactory,
    InstalmentFactory,
    PracticeAdoptionFactory,
    PracticeFactory,
    ProjectPartnerFactory,
)
from workshops.comment_links import comment_token
from workshops.links import invitation_token, registration_token
from workshops.models import AttachmentKind, Invitation, MinutesComment
from workshops.tasks import read_attachment_text
from workshops.tests.factories import (
    ActionItemFactory,
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    RegistrationFactory,
    RegistrationQuestionFactory,
    WorkingGroupFactory,
    WorkingGroupMemberFactory,
)

ROLES = ["visitor", "municipal_staff", "other_coordinator", "coordinator", "admin"]

LOGIN_REDIRECT = {"login"}  # a redirect to the login page
REFUSED = {403, 404}


def public(status=200):
    return dict.fromkeys(ROLES, {status})


def logged_in(status=200, visitor=None):
    return {"visitor": visitor or LOGIN_REDIRECT} | dict.fromkeys(ROLES[1:], {status})


def owner_only(status=200):
    """The owning coordinator and the admin; others refused, the visitor sent to log in."""
    return {
        "visitor": LOGIN_REDIRECT,
        "municipal_staff": REFUSED,
        "other_coordinator": REFUSED,
        "coordinator": {status},
        "admin": {status},
    }


def own_follow(status=302):
    """One's own follow: nobody else's, not even the admin's, is found."""
    return {"visitor": LOGIN_REDIRECT} | dict.fromkeys(ROLES[1:], {404}) | {"coordinator": {status}}


def hidden_until_published():
    """Unpublished minutes' material: it does not exist for anyone but its editors."""
    return dict.fromkeys(ROLES[:3], {404}) | {"coordinator": {200}, "admin": {200}}


@dataclass
class Route:
    kwargs: object  # World -> dict of URL kwargs
    expected: dict
    method: str = "get"
    page: bool = False  # a list or detail page: no queries while its template renders
    data: dict = field(default_factory=dict)


@dataclass
class World:
    """One object of each kind that the URLs name, all in the coordinator's project."""

    project: object
    budget_line: object
    expense: object
    contact: object
    partner: object
    working_group: object
    member: object
    meeting: object
    public_attachment: object
    minutes_attachment: object
    municipality: object
    follow: object  # the coordinator's follow of the project
    agenda_item: object
    action_item: object
    comment: object
    comment_token: str
    grant: object
    instalment: object
    funder_report: object
    funder_request: object
    funder_request_attachment: object
    today: datetime.date = field(default_factory=datetime.date.today)
    practice: object = None
    adoption: object = None


def slug(w):
    return {"slug": w.project.slug}


def meeting(w):
    return {"pk": w.meeting.pk}


def registration(w):
    return {"pk": RegistrationFactory(meeting=w.meeting).pk}


def invitation_of(w):
    return Invitation.objects.get_or_create(meeting=w.meeting, municipality=w.municipality)[0]


def practice(w):
    return {"slug": w.practice.slug}


ROUTES = {
    # accounts
    "tili/login/": Route(lambda w: {}, public()),
    "tili/logout/": Route(lambda w: {}, public(302), method="post"),
    "tili/password_change/": Route(lambda w: {}, logged_in()),
    "tili/password_change/done/": Route(lambda w: {}, logged_in()),
    "tili/password_reset/": Route(lambda w: {}, public()),
    "tili/password_reset/done/": Route(lambda w: {}, public()),
    "tili/reset/<uidb64>/<token>/": Route(lambda w: {"uidb64": "MQ", "token": "x-y"}, public()),
    "tili/reset/done/": Route(lambda w: {}, public()),
    "i18n/setlang/": Route(lambda w: {}, public(302), method="post"),
    "health/": Route(lambda w: {}, public()),
    "health/live/": Route(lambda w: {}, public()),
    # municipalities
    "kunnat/": Route(lambda w: {}, public(), page=True),
    "kunnat/<str:code>/": Route(lambda w: {"code": w.municipality.code}, public(), page=True),
    "kunnat/ehdotukset.json": Route(lambda w: {}, public(), data={"q": "ku"}),
    # projects
    "": Route(lambda w: {}, public(), page=True),
    "hankkeet/": Route(lambda w: {}, public(), page=True),
    # The world's meeting is called "Työryhmän kokous N": the search renders hits.
    "haku/": Route(lambda w: {}, public(), page=True, data={"q": "kokous"}),
    "haku/seuraa/": Route(
        lambda w: {}, logged_in(302), method="post", data={"q": "kokous", "delivery": "weekly"}
    ),
    "oma-sivu/": Route(lambda w: {}, logged_in(), page=True),
    "oma-sivu/omat-tiedot.json": Route(lambda w: {}, logged_in()),
    "oma-sivu/poista-tiedot/": Route(lambda w: {}, logged_in()),
    "saavutettavuusseloste/": Route(lambda w: {}, public()),
    "tietosuojaseloste/": Route(lambda w: {}, public()),
    "tili/kaksivaiheinen/": Route(lambda w: {}, logged_in()),
    "hankkeet/<slug:slug>/": Route(slug, public(), page=True),
    "hankkeet/<slug:slug>/muokkaa/": Route(slug, owner_only()),
    "hankkeet/<slug:slug>/budjetti/uusi/": Route(slug, owner_only()),
    "hankkeet/<slug:slug>/budjetti/<int:pk>/muokkaa/": Route(
        lambda w: slug(w) | {"pk": w.budget_line.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/budjetti/<int:pk>/poista/": Route(
        lambda w: slug(w) | {"pk": w.budget_line.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/kulut/uusi/": Route(slug, owner_only()),
    "hankkeet/<slug:slug>/kulut/<int:pk>/muokkaa/": Route(
        lambda w: slug(w) | {"pk": w.expense.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/kulut/<int:pk>/poista/": Route(
        lambda w: slug(w) | {"pk": w.expense.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/yhteyshenkilot/uusi/": Route(slug, owner_only()),
    "hankkeet/<slug:slug>/yhteyshenkilot/<int:pk>/muokkaa/": Route(
        lambda w: slug(w) | {"pk": w.contact.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/yhteyshenkilot/<int:pk>/poista/": Route(
        lambda w: slug(w) | {"pk": w.contact.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/kumppanit/uusi/": Route(slug, owner_only()),
    "hankkeet/<slug:slug>/kumppanit/<int:pk>/muokkaa/": Route(
        lambda w: slug(w) | {"pk": w.partner.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/kumppanit/<int:pk>/poista/": Route(
        lambda w: slug(w) | {"pk": w.partner.pk}, owner_only()
    ),
    "hankkeet.csv": Route(lambda w: {}, public()),
    "hankkeet.xlsx": Route(lambda w: {}, public()),
    "hankkeet/<slug:slug>/rahoitus/": Route(slug, public(), page=True),
    "hankkeet/<slug:slug>/rahoitus.xlsx": Route(slug, public()),
    "hankkeet/<slug:slug>/rahoitus.pdf": Route(slug, public()),
    "hankkeet/<slug:slug>/budjetti.csv": Route(slug, public()),
    "hankkeet/<slug:slug>/budjetti.xlsx": Route(slug, public()),
    "hankkeet/<slug:slug>/raportointi/": Route(slug, owner_only(), page=True),
    "hankkeet/<slug:slug>/avustukset/uusi/": Route(slug, owner_only()),
    "hankkeet/<slug:slug>/avustukset/<int:pk>/muokkaa/": Route(
        lambda w: slug(w) | {"pk": w.grant.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/maksuerat/uusi/": Route(slug, owner_only()),
    "hankkeet/<slug:slug>/maksuerat/<int:pk>/muokkaa/": Route(
        lambda w: slug(w) | {"pk": w.instalment.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/raportit/uusi/": Route(slug, owner_only()),
    "hankkeet/<slug:slug>/raportit/<int:pk>/muokkaa/": Route(
        lambda w: slug(w) | {"pk": w.funder_report.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/pyynnot/uusi/": Route(slug, owner_only()),
    "hankkeet/<slug:slug>/pyynnot/<int:pk>/muokkaa/": Route(
        lambda w: slug(w) | {"pk": w.funder_request.pk}, owner_only()
    ),
    "hankkeet/<slug:slug>/pyynnot/liitteet/<int:pk>/": Route(
        lambda w: slug(w) | {"pk": w.funder_request_attachment.pk}, owner_only()
    ),
    # workshops
    "kokoukset/": Route(lambda w: {}, public(), page=True),
    # The world's meetings are not in this month: the calendar opens on their month.
    "kokoukset/kalenteri/": Route(lambda w: {}, public(302)),
    "kokoukset/ehdotukset/hanke.json": Route(lambda w: {}, public(), data={"q": "lape"}),
    "kokoukset/ehdotukset/tyoryhma.json": Route(lambda w: {}, public(), data={"q": "ty"}),
    "kokoukset/kalenteri/<int:year>/<int:month>/": Route(
        lambda w: {"year": w.today.year, "month": w.today.month}, public(), page=True
    ),
    "kokoukset/<int:pk>/": Route(meeting, public(), page=True),
    "kokoukset/<int:pk>/ilmoittaudu/": Route(
        meeting,
        public(302),
        method="post",
        data={"name": "Testi Henkilö", "email": "testi@example.fi"},
    ),
    "kokoukset/<int:pk>/ilmoittautuneet.csv": Route(meeting, owner_only()),
    "kokoukset/<int:pk>/ilmoittautuneet.xlsx": Route(meeting, owner_only()),
    "kokoukset/<int:pk>/ilmoittautuneet.pdf": Route(meeting, owner_only()),
    "kokoukset/<int:pk>/muistio.pdf": Route(meeting, hidden_until_published()),
    "kokoukset.csv": Route(lambda w: {}, public()),
    "kokoukset.xlsx": Route(lambda w: {}, public()),
    "hankkeet/<slug:slug>/kokoukset/uusi/": Route(slug, owner_only()),
    "kokoukset/<int:pk>/muokkaa/": Route(meeting, owner_only()),
    "kokoukset/<int:pk>/peru/": Route(meeting, owner_only()),
    "kokoukset/<int:pk>/muistio/": Route(meeting, owner_only()),
    "kokoukset/<int:pk>/liitteet/uusi/": Route(meeting, owner_only()),
    "liitteet/<int:pk>/": Route(lambda w: {"pk": w.public_attachment.pk}, public()),
    "liitteet/<int:pk>/muokkaa/": Route(lambda w: {"pk": w.public_attachment.pk}, owner_only()),
    "liitteet/<int:pk>/poista/": Route(lambda w: {"pk": w.public_attachment.pk}, owner_only()),
    "kokoukset/<int:pk>/asialista/": Route(meeting, owner_only()),
    "asialista/<int:pk>/muokkaa/": Route(lambda w: {"pk": w.agenda_item.pk}, owner_only()),
    "asialista/<int:pk>/siirra/": Route(
        lambda w: {"pk": w.agenda_item.pk}, owner_only(302), method="post", data={"direction": "up"}
    ),
    "asialista/<int:pk>/poista/": Route(
        lambda w: {"pk": w.agenda_item.pk}, owner_only(302), method="post"
    ),
    "asialista/<int:pk>/toimenpiteet/uusi/": Route(
        lambda w: {"pk": w.agenda_item.pk}, owner_only(302), method="post", data={"what": "Tehtävä"}
    ),
    "toimenpiteet/<int:pk>/tehty/": Route(
        lambda w: {"pk": w.action_item.pk}, owner_only(302), method="post"
    ),
    "kokoukset/<int:pk>/muistio/hyvaksy/": Route(meeting, owner_only(302), method="post"),
    "kokoukset/<int:pk>/muistio/korjaus/": Route(
        meeting, owner_only(302), method="post", data={"text": "Korjaus"}
    ),
    "muistiot/kommentit/<int:pk>/vastaa/": Route(
        lambda w: {"pk": w.comment.pk}, owner_only(302), method="post", data={"text": "Vastaus"}
    ),
    # The personal link of a participant opens nothing while the minutes are a draft.
    "muistiot/kommentoi/<str:token>/": Route(lambda w: {"token": w.comment_token}, public(404)),
    "hankkeet/<slug:slug>/kokoukset.ics": Route(slug, public()),
    "tyoryhmat/<int:pk>/": Route(lambda w: {"pk": w.working_group.pk}, public(), page=True),
    "tyoryhmat/<int:pk>/kokoukset.ics": Route(lambda w: {"pk": w.working_group.pk}, public()),
    "tyoryhmat/<int:pk>/jasenet/uusi/": Route(lambda w: {"pk": w.working_group.pk}, owner_only()),
    "tyoryhmat/jasenet/<int:pk>/poista/": Route(lambda w: {"pk": w.member.pk}, owner_only()),
    # notifications
    "seuranta/<str:target_type>/<int:pk>/": Route(
        lambda w: {"target_type": "projects.project", "pk": w.project.pk},
        logged_in(302),
        method="post",
        data={"delivery": "weekly"},
    ),
    "seuranta/<int:pk>/muuta/": Route(
        lambda w: {"pk": w.follow.pk},
        own_follow(),
        method="post",
        data={"delivery": "weekly", "language": "sv"},
    ),
    "seuranta/<int:pk>/lopeta/": Route(lambda w: {"pk": w.follow.pk}, own_follow(), method="post"),
    # The unsubscribe link of an e-mail works without logging in.
    "seuranta/peru/<str:token>/": Route(lambda w: {"token": unsubscribe_token(w.follow)}, public()),
    # Sign-up: the signed links work without logging in; the rest is the coordinator's.
    "ilmoittautuminen/<str:token>/": Route(
        lambda w: {"token": registration_token(RegistrationFactory(meeting=w.meeting))},
        public(),
        page=True,
    ),
    "ilmoittautuminen/<str:token>/peru/": Route(
        lambda w: {"token": registration_token(RegistrationFactory(meeting=w.meeting))},
        public(302),
        method="post",
    ),
    "kutsu/<str:token>/en-osallistu/": Route(
        lambda w: {"token": invitation_token(invitation_of(w))}, public()
    ),
    "kokoukset/<int:pk>/ilmoittautumiset/": Route(meeting, owner_only(), page=True),
    "kokoukset/<int:pk>/ilmoittautumiset/uusi/": Route(
        meeting, owner_only(302), method="post", data={"name": "Testi", "email": "t@example.fi"}
    ),
    "kokoukset/<int:pk>/kysymykset/uusi/": Route(
        meeting, owner_only(302), method="post", data={"text": "Ruokavalio", "kind": "dietary"}
    ),
    "kysymykset/<int:pk>/poista/": Route(
        lambda w: {"pk": RegistrationQuestionFactory(meeting=w.meeting).pk},
        owner_only(302),
        method="post",
    ),
    "ilmoittautumiset/<int:pk>/peru/": Route(registration, owner_only(302), method="post"),
    "ilmoittautumiset/<int:pk>/nosta/": Route(registration, owner_only(302), method="post"),
    "ilmoittautumiset/<int:pk>/siirra/": Route(registration, owner_only(302), method="post"),
    "ilmoittautumiset/<int:pk>/osallistuminen/": Route(
        registration, owner_only(302), method="post"
    ),
    "kutsut/<int:pk>/palautui/": Route(
        lambda w: {"pk": invitation_of(w).pk}, owner_only(302), method="post"
    ),
    "tyoryhmat/<int:pk>/kokoukset.pdf": Route(lambda w: {"pk": w.working_group.pk}, public()),
    # practices
    "toimintamallit/": Route(lambda w: {}, public(), page=True),
    "toimintamallit/maakunnat/<str:code>/": Route(
        lambda w: {"code": w.project.region.code}, public(), page=True
    ),
    "hankkeet/<slug:slug>/toimintamallit/uusi/": Route(slug, owner_only()),
    "toimintamallit/<slug:slug>/": Route(practice, public(), page=True),
    "toimintamallit/<slug:slug>/muokkaa/": Route(practice, owner_only()),
    "toimintamallit/<slug:slug>/kunnat/uusi/": Route(practice, owner_only()),
    "toimintamallit/<slug:slug>/kunnat/<int:pk>/muokkaa/": Route(
        lambda w: practice(w) | {"pk": w.adoption.pk}, owner_only()
    ),
    "toimintamallit/<slug:slug>/kunnat/<int:pk>/poista/": Route(
        lambda w: practice(w) | {"pk": w.adoption.pk}, owner_only()
    ),
    "toimintamallit/<slug:slug>/juurruttaminen/": Route(practice, owner_only()),
    # the programme and open data: the API answers everyone as it answers a visitor
    "ohjelma/": Route(lambda w: {}, public(), page=True),
    "ohjelma/maakunta/<str:code>/": Route(
        lambda w: {"code": w.project.region.code}, public(), page=True
    ),
    "muistiot.atom": Route(lambda w: {}, public()),
    "api/": Route(lambda w: {}, public(), page=True),
    "api/v1/": Route(lambda w: {}, public()),
    "api/v1/bodies/": Route(lambda w: {}, public()),
    "api/v1/bodies/<slug:slug>/": Route(slug, public()),
    "api/v1/meetings/": Route(lambda w: {}, public()),
    "api/v1/meetings/<int:pk>/": Route(meeting, public()),
    "api/v1/papers/": Route(lambda w: {}, public()),
    # The world's minutes are unpublished: not in the API, not even for their editors.
    "api/v1/papers/<int:pk>/": Route(lambda w: {"pk": w.meeting.minutes.pk}, public(404)),
    "api/v1/files/": Route(lambda w: {}, public()),
    "api/v1/files/<int:pk>/": Route(lambda w: {"pk": w.public_attachment.pk}, public()),
    "api/v1/practices/": Route(lambda w: {}, public()),
    "api/v1/practices/<slug:slug>/": Route(practice, public()),
}

# The same route with other objects: material of unpublished minutes.
EXTRA_CASES = {
    "unpublished minutes attachment": (
        "liitteet/<int:pk>/",
        Route(lambda w: {"pk": w.minutes_attachment.pk}, hidden_until_published()),
    ),
    "unpublished minutes attachment in the API": (
        "api/v1/files/<int:pk>/",
        Route(lambda w: {"pk": w.minutes_attachment.pk}, public(404)),
    ),
}


def portal_routes(resolver=None, prefix=""):
    """(route, name) of every non-admin URL pattern, recursively."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if pattern.app_name != "admin":
                yield from portal_routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.name


@pytest.fixture
def world(project, other_project, coordinator):
    working_group = WorkingGroupFactory(project=project)
    starts = timezone.now() + datetime.timedelta(days=30)
    meeting = MeetingFactory(
        working_group=working_group, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    minutes = MinutesFactory(meeting=meeting)
    budget_line = BudgetLineFactory(project=project)
    action_item = ActionItemFactory(agenda_item__meeting=meeting)
    grant = GrantDecisionFactory(project=project)
    funder_request = FunderRequestFactory(grant=grant)
    return World(
        project=project,
        budget_line=budget_line,
        expense=ExpenseFactory(budget_line=budget_line),
        contact=ContactFactory(project=project),
        partner=ProjectPartnerFactory(project=project),
        working_group=working_group,
        member=WorkingGroupMemberFactory(working_group=working_group),
        meeting=meeting,
        public_attachment=AttachmentFactory(meeting=meeting, kind=AttachmentKind.PRESENTATION),
        minutes_attachment=AttachmentFactory(meeting=meeting, kind=AttachmentKind.MINUTES),
        municipality=MunicipalityFactory(),
        follow=FollowFactory(user=coordinator, target=project),
        agenda_item=action_item.agenda_item,
        action_item=action_item,
        comment=MinutesComment.objects.create(minutes=minutes, author_name="Maija", text="Hyvä"),
        comment_token=comment_token(RegistrationFactory(meeting=meeting)),
        grant=grant,
        instalment=InstalmentFactory(grant=grant),
        funder_report=FunderReportFactory(grant=grant),
        funder_request=funder_request,
        funder_request_attachment=funder_request.attachments.create(
            file=ContentFile(b"%PDF-1.4", name="selvitys.pdf"), original_name="selvitys.pdf"
        ),
        practice=(practice := PracticeFactory(project=project)),
        adoption=PracticeAdoptionFactory(practice=practice),
    )


@pytest.fixture
def as_role(request, client, municipal_staff, coordinator, other_coordinator, portal_admin):
    users = {
        "visitor": None,
        "municipal_staff": municipal_staff,
        "other_coordinator": other_coordinator,
        "coordinator": coordinator,
        "admin": portal_admin,
    }

    def login(role):
        if users[role]:
            client.force_login(users[role])
        return client

    return login


class QueryDuringRender(AssertionError):
    pass


def _refuse_queries(execute, sql, params, many, context):
    raise QueryDuringRender(f"A query ran while a template rendered: {sql}")


def render_without_queries(original_render):
    def render(self, context=None, request=None):
        with connection.execute_wrapper(_refuse_queries):
            return original_render(self, context, request)

    return render


def test_every_url_pattern_has_an_access_rule():
    routes = {route for route, _ in portal_routes()}
    assert routes - set(ROUTES) == set(), "A URL pattern without an access rule in ROUTES"
    assert set(ROUTES) - routes == set(), "ROUTES names a pattern that no longer exists"


CASES = [(route, route) for route in ROUTES] + [
    (name, route) for name, (_, route) in EXTRA_CASES.items()
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("case", "route"), [(name, route) for name, route in CASES], ids=[c for c, _ in CASES]
)
def test_role_gets_the_allowed_response(case, route, role, world, as_role):
    if isinstance(route, str):
        route = ROUTES[route]
    client = as_role(role)
    url = _url(case, route, world)
    patch = (
        mock.patch.object(Template, "render", render_without_queries(Template.render))
        if route.page
        else mock.patch.object(Template, "render", Template.render)
    )
    with patch:
        response = getattr(client, route.method)(url, route.data)
    outcome = response.status_code
    if outcome == 302 and response.url.startswith(reverse("login")):
        outcome = "login"
    assert outcome in route.expected[role], f"{route.method.upper()} {url} as {role}: {outcome}"


def _url(case, route, world):
    path = EXTRA_CASES[case][0] if case in EXTRA_CASES else case
    url = "/" + path
    for name, value in route.kwargs(world).items():
        url = url.replace(f"<{name}>", str(value))
        for converter in ("int", "str", "slug", "path"):
            url = url.replace(f"<{converter}:{name}>", str(value))
    assert "<" not in url, url
    return url


# The admin: every one of its URL patterns, for every role. Only superusers get in; everyone
# else is sent to the admin's login page.
ADMIN_MODEL_VIEWS = ("changelist", "add", "change", "delete", "history", "simple_history")
ADMIN_MODEL_NAME = re.compile(rf"^(?P<label>\w+?)_(?P<view>{'|'.join(ADMIN_MODEL_VIEWS)})$")
# Site-wide admin pages, with the status the admin gets (others: a redirect to log in).
ADMIN_SITE_VIEWS = {
    "index": lambda: (reverse("admin:index"), 200),
    "app_list": lambda: (reverse("admin:app_list", args=["projects"]), 200),
    "password_change": lambda: (reverse("admin:password_change"), 200),
    "password_change_done": lambda: (reverse("admin:password_change_done"), 200),
    "jsi18n": lambda: (reverse("admin:jsi18n"), 200),
    "autocomplete": lambda: (
        reverse("admin:autocomplete")
        + "?app_label=projects&model_name=expense&field_name=budget_line",
        200,
    ),
    "portal_person_data": lambda: (
        reverse("admin:portal_person_data") + "?email=kuntatyontekija@example.fi",
        200,
    ),
    # The secret of an authenticator app is not shown even to the admin.
    "otp_totp_totpdevice_config": lambda: (
        reverse("admin:otp_totp_totpdevice_config", args=[_totp_device().pk]),
        403,
    ),
    "otp_totp_totpdevice_qrcode": lambda: (
        reverse("admin:otp_totp_totpdevice_qrcode", args=[_totp_device().pk]),
        403,
    ),
    # Projects have no page address of their own in the admin's sense: 404 for the admin.
    "view_on_site": lambda: (
        reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(Group).pk, Group.objects.first().pk],
        ),
        404,
    ),
}


def _totp_device():
    return TOTPDevice.objects.create(user=User.objects.first(), name="puhelin")


# Pages that answer everyone: the login form itself, and logging out.
ADMIN_OPEN_VIEWS = {"login", "logout"}
# Admins that only show: the background worker's queue, which only the worker writes. Their
# add and delete pages refuse even the admin (403); their change page shows the job read-only.
READ_ONLY_ADMINS = {"procrastinate.ProcrastinateJob", "notifications.OutboxMessage"}


def _admin_url_names(patterns=None):
    for pattern in admin.site.get_urls() if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _admin_url_names(pattern.url_patterns)
        elif pattern.name:
            yield pattern.name


def _admin_models():
    return sorted(admin.site._registry, key=lambda model: model._meta.label)


def _admin_object(model):
    if model is Group:
        return Group.objects.first()
    if model._meta.label == "auth.User":
        return model.objects.first()
    if model is TOTPDevice:
        return _totp_device()
    if model is Feedback:
        return FeedbackFactory()
    if model is ProcrastinateJob:  # queued as an upload queues it
        return model.objects.get(pk=read_attachment_text.defer(attachment_id=0))
    if model is OutboxMessage:
        return OutboxMessageFactory()
    return FACTORIES[model]()


def test_every_admin_url_pattern_is_walked():
    models = {f"{m._meta.app_label}_{m._meta.model_name}" for m in _admin_models()}
    unknown = {
        name
        for name in _admin_url_names()
        if name not in ADMIN_SITE_VIEWS
        and name not in ADMIN_OPEN_VIEWS
        and not ((match := ADMIN_MODEL_NAME.match(name)) and match["label"] in models)
        and name != "auth_user_password_change"
    }
    assert unknown == set(), "Admin URL patterns without a check in this module"


def _assert_admin_only(response, role, url, admin_status=200):
    if role == "admin":
        assert response.status_code == admin_status, url
    else:
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("admin:login")), url


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", _admin_models(), ids=lambda model: model._meta.label)
def test_only_admins_get_into_the_admin(model, role, world, as_role):
    obj = _admin_object(model)
    client = as_role(role)
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    read_only = model._meta.label in READ_ONLY_ADMINS
    urls = [
        (reverse(f"{info}_changelist"), 200),
        (reverse(f"{info}_add"), 403 if read_only else 200),
        (reverse(f"{info}_change", args=[obj.pk]), 200),
        (reverse(f"{info}_delete", args=[obj.pk]), 403 if read_only else 200),
        (reverse(f"{info}_history", args=[obj.pk]), 200),
    ]
    if hasattr(model, "history"):
        record = obj.history.first()
        urls.append((reverse(f"{info}_simple_history", args=[obj.pk, record.history_id]), 200))
    if model._meta.label == "auth.User":
        urls.append((reverse("admin:auth_user_password_change", args=[obj.pk]), 200))
    for url, admin_status in urls:
        _assert_admin_only(client.get(url), role, url, admin_status)
    # The old change address, "<object id>/".
    legacy = reverse(f"{info}_changelist") + f"{obj.pk}/"
    response = client.get(legacy)
    assert response.status_code == 302, legacy
    # The admin is sent on to the change page, everyone else to log in.
    assert response.url.startswith(reverse("admin:login")) == (role != "admin"), legacy


@pytest.mark.django_db
def test_the_read_only_admins_are_those_that_refuse_adding(rf, portal_admin):
    request = rf.get(reverse("admin:index"))
    request.user = portal_admin
    refusing = {
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if not model_admin.has_add_permission(request)
    }
    assert refusing == READ_ONLY_ADMINS


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ADMIN_SITE_VIEWS))
def test_only_admins_get_the_admin_site_pages(name, role, world, as_role):
    url, admin_status = ADMIN_SITE_VIEWS[name]()
    _assert_admin_only(as_role(role).get(url), role, url, admin_status)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_admin_login_and_logout_answer_everyone_but_open_nothing(role, world, as_role):
    client = as_role(role)
    response = client.get(reverse("admin:login"))
    # The admin is sent on to the index; everyone else gets the form (with a note when
    # logged in without admin rights).
    assert response.status_code == (302 if role == "admin" else 200)
    assert client.get(reverse("admin:index")).status_code == (200 if role == "admin" else 302)
    assert client.post(reverse("admin:logout")).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 302
    unknown = "/admin/ei-ole-olemassa/"
    assert client.get(unknown).status_code in {302, 404}
