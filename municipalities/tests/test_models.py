import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from municipalities.tests.factories import (
    ConsortiumMembershipFactory,
    MunicipalityFactory,
    ServiceArrangementFactory,
)

pytestmark = pytest.mark.django_db


def test_membership_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError, match="membership_ends_after_start"):
        ConsortiumMembershipFactory(
            start_date=datetime.date(2018, 1, 1), end_date=datetime.date(2017, 12, 31)
        )


def test_membership_ending_before_it_starts_gets_a_finnish_form_error():
    membership = ConsortiumMembershipFactory.build(
        consortium=ConsortiumMembershipFactory().consortium,
        municipality=MunicipalityFactory(),
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2017, 1, 1),
    )
    with pytest.raises(ValidationError, match="Päättymispäivän on oltava alkamispäivän jälkeen"):
        membership.full_clean()


def test_a_municipality_joins_a_consortium_only_once():
    membership = ConsortiumMembershipFactory()
    with pytest.raises(IntegrityError):
        ConsortiumMembershipFactory(
            consortium=membership.consortium, municipality=membership.municipality
        )


def test_municipality_code_must_be_three_digits():
    with pytest.raises(IntegrityError, match="municipality_code_three_digits"):
        MunicipalityFactory(code="91")


def test_a_municipality_cannot_provide_its_own_services_as_another():
    municipality = MunicipalityFactory()
    with pytest.raises(IntegrityError, match="service_provider_is_another_municipality"):
        ServiceArrangementFactory(municipality=municipality, provider=municipality)


def test_names_follow_the_user_language_with_finnish_fallback():
    from django.utils import translation

    porvoo = MunicipalityFactory(name_fi="Porvoo", name_sv="Borgå")
    askola = MunicipalityFactory(name_fi="Askola", name_sv="")
    with translation.override("sv"):
        assert (porvoo.name, askola.name) == ("Borgå", "Askola")
    with translation.override("fi"):
        assert porvoo.name == "Porvoo"
