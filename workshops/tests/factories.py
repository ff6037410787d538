import datetime
import zoneinfo

import factory
from django.core.files.base import ContentFile

from municipalities.tests.factories import MunicipalityFactory
from projects.tests.factories import ProjectFactory
from workshops.models import (
    ActionItem,
    AgendaItem,
    Attachment,
    Meeting,
    MeetingKind,
    Minutes,
    QuestionKind,
    Registration,
    RegistrationQuestion,
    WorkingGroup,
    WorkingGroupChair,
    WorkingGroupMember,
)

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Työryhmä {n}")


class WorkingGroupChairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupChair

    working_group = factory.SubFactory(WorkingGroupFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class WorkingGroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroupMember

    working_group = factory.SubFactory(WorkingGroupFactory)
    name = factory.Sequence(lambda n: f"Jäsen {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    working_group = factory.SubFactory(WorkingGroupFactory)
    project = factory.SelfAttribute("working_group.project")
    kind = MeetingKind.WORKING_GROUP
    title = factory.Sequence(lambda n: f"Työryhmän kokous {n}")
    starts_at = datetime.datetime(2017, 5, 3, 9, 0, tzinfo=HELSINKI)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Asia {n}")


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    agenda_item = factory.SubFactory(AgendaItemFactory)
    what = factory.Sequence(lambda n: f"Tehtävä {n}")
    who = "Lohjan puheenjohtajakunta"


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)
    text = "Käsiteltiin ajankohtaiset asiat."


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Liite {n}")
    file = factory.LazyFunction(lambda: ContentFile(b"Liitteen sisalto\n", name="liite.txt"))
    original_name = "liite.txt"
    size = 17
    content_type = "text/plain"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Osallistuja {n}")
    email = factory.Sequence(lambda n: f"osallistuja{n}@example.fi")


class RegistrationQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationQuestion

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Kysymys {n}")
    kind = QuestionKind.FREE_TEXT
