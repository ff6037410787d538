import datetime
from decimal import Decimal

import factory

from municipalities.tests.factories import (
    ConsortiumFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
)
from projects.models import (
    AdoptionState,
    BudgetLine,
    Contact,
    ContactRole,
    Cooperation,
    CostCategory,
    DevelopmentArea,
    EmbeddingPlan,
    EmbeddingStep,
    Expense,
    FunderReport,
    FunderReportKind,
    FunderRequest,
    FunderRequestKind,
    GrantDecision,
    Instalment,
    PartnerRole,
    Practice,
    PracticeAdoption,
    Project,
    ProjectDevelopmentArea,
    ProjectPartner,
    ProjectStatus,
)


class DevelopmentAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentArea
        django_get_or_create = ("number",)

    number = factory.Iterator([1, 2, 3, 4])
    name_fi = factory.LazyAttribute(lambda o: f"Kehittämiskokonaisuus {o.number}")
    name_sv = factory.LazyAttribute(lambda o: f"Utvecklingshelhet {o.number}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    name = factory.Sequence(lambda n: f"LAPE-hanke {n}")
    short_name = factory.Sequence(lambda n: f"LAPE {n}")
    slug = factory.Sequence(lambda n: f"lape-{n}")
    region = factory.SubFactory(RegionFactory)
    consortium = factory.SubFactory(ConsortiumFactory)
    administering_municipality = factory.SelfAttribute("consortium.administrator")
    start_date = datetime.date(2017, 1, 1)
    end_date = datetime.date(2018, 12, 31)
    status = ProjectStatus.RUNNING
    description = "Hankkeessa kehitetään perhekeskustoimintaa."
    total_budget = Decimal("100000.00")


class ProjectDevelopmentAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectDevelopmentArea

    project = factory.SubFactory(ProjectFactory)
    development_area = factory.SubFactory(DevelopmentAreaFactory)


class ProjectPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = PartnerRole.PARTNER


class CooperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperation

    name = factory.Sequence(lambda n: f"Yhteistyö {n}")


class GrantDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantDecision

    project = factory.SubFactory(ProjectFactory)
    funder = factory.SubFactory(OrganisationFactory, name="Sosiaali- ja terveysministeriö")
    decision_date = datetime.date(2017, 1, 15)
    amount_applied = Decimal("90000.00")
    amount_granted = Decimal("80000.00")


class FunderRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FunderRequest

    grant = factory.SubFactory(GrantDecisionFactory)
    kind = FunderRequestKind.SUPPLEMENT
    description = "Täydennä hankesuunnitelmaa."


class InstalmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instalment

    grant = factory.SubFactory(GrantDecisionFactory)
    date = datetime.date(2017, 3, 1)
    amount = Decimal("40000.00")


class FunderReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FunderReport

    grant = factory.SubFactory(GrantDecisionFactory)
    kind = FunderReportKind.INTERIM
    due_date = datetime.date(2017, 12, 31)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ProjectFactory)
    year = 2017
    category = factory.Iterator(CostCategory.values)
    amount = Decimal("10000.00")


class ExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expense

    budget_line = factory.SubFactory(BudgetLineFactory)
    date = datetime.date(2017, 6, 1)
    amount = Decimal("1000.00")
    description = "Työpajan tilavuokra"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Henkilö {n}")
    role = ContactRole.PROJECT_WORKER
    email = factory.Sequence(lambda n: f"henkilo{n}@example.fi")


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice

    project = factory.SubFactory(ProjectFactory)
    development_area = factory.SubFactory(DevelopmentAreaFactory, number=2)
    name = factory.Sequence(lambda n: f"Toimintamalli {n}")
    slug = factory.Sequence(lambda n: f"toimintamalli-{n}")
    description = "Perhekeskuksen palvelut yhteen sovitettuna."


class PracticeAdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeAdoption

    practice = factory.SubFactory(PracticeFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    state = AdoptionState.ADOPTED
    date = datetime.date(2018, 6, 1)


class EmbeddingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmbeddingPlan

    practice = factory.SubFactory(PracticeFactory)
    responsible = "Perhekeskustyöryhmä"


class EmbeddingStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmbeddingStep

    plan = factory.SubFactory(EmbeddingPlanFactory)
    description = "Palvelut kuvataan kunnittain"
    due_date = datetime.date(2018, 12, 31)
