import csv
import datetime
from pathlib import Path

import factory

from municipalities.models import (
    Consortium,
    ConsortiumMembership,
    Municipality,
    Organisation,
    OrganisationKind,
    Region,
    ServiceArrangement,
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "01"
    name_fi = "Uusimaa"
    name_sv = "Nyland"


# Codes of no real municipality of the demo data, so that a test that also loads the demo
# never makes a second municipality with a real one's code.
DEMO_CODES = {
    row["code"]
    for row in csv.DictReader(
        (Path(__file__).resolve().parent.parent / "data" / "municipalities.csv").open()
    )
}
FREE_CODES = [code for code in (f"{n:03d}" for n in range(1000)) if code not in DEMO_CODES]


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    code = factory.Sequence(lambda n: FREE_CODES[n % len(FREE_CODES)])
    name_fi = factory.Sequence(lambda n: f"Kunta {n}")
    name_sv = factory.Sequence(lambda n: f"Kommun {n}")
    region = factory.SubFactory(RegionFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Järjestö {n} ry")
    kind = OrganisationKind.NGO


class ConsortiumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consortium

    name = factory.Sequence(lambda n: f"Konsortio {n}")
    region = factory.SubFactory(RegionFactory)
    administrator = factory.SubFactory(MunicipalityFactory)


class ConsortiumMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsortiumMembership

    consortium = factory.SubFactory(ConsortiumFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    start_date = datetime.date(2017, 1, 1)


class ServiceArrangementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArrangement

    municipality = factory.SubFactory(MunicipalityFactory)
    provider = factory.SubFactory(MunicipalityFactory)
