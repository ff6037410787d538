"""The search page: Finnish and Swedish inflections, prefixes, "did you mean", attachments'
text, who sees what, escaping and a fixed number of queries; and the rebuild_search command."""

import dataclasses
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from municipalities.models import Municipality
from municipalities.tests.factories import MunicipalityFactory, OrganisationFactory
from portal import search
from portal.search import SEARCH_TYPES, search_words
from projects.tests.factories import ProjectFactory
from workshops.extract import ExtractionCrashed
from workshops.models import AttachmentKind, AttachmentLanguage, TextStatus
from workshops.services import attachment_create, attachment_read_text, attachments
from workshops.tests.factories import (
    AttachmentFactory,
    MeetingFactory,
    MinutesFactory,
    WorkingGroupFactory,
)
from workshops.tests.test_extract import pdf_with_text

pytestmark = pytest.mark.django_db


def found(client, query: str, headers=None, **params) -> dict[str, list[str]]:
    """The titles of the hits on the search page, by type, as a user reads them."""
    response = client.get(reverse("portal:search"), {"q": query, **params}, headers=headers)
    assert response.status_code == 200
    return {
        result.type.key: [str(hit.search_title) for hit in result.hits]
        for result in response.context["results"]
    }


def published_minutes(meeting, text):
    return MinutesFactory(
        meeting=meeting, text=text, status="approved", published_at=timezone.now()
    )


def upload(meeting, name, content, *, title, **fields):
    """An uploaded attachment whose text has been read, as the background worker reads it."""
    attachment = attachment_create(
        meeting=meeting, file=SimpleUploadedFile(name, content), title=title, **fields
    )
    return attachment_read_text(attachment=attachment)


# --- Words -----------------------------------------------------------------------------------


def test_only_letters_and_digits_reach_the_query():
    assert search_words("Työpaja & 'x:* | !(2017)") == ["työpaja", "x", "2017"]


def test_query_syntax_typed_by_a_user_is_no_error(client):
    MeetingFactory(title="Maakunnalliset työpajat")
    hits = found(client, "työpaja:* | !(& ')")
    assert hits["meetings"] == ["Maakunnalliset <mark>työpajat</mark>"]


def test_a_query_without_words_says_so(client):
    response = client.get(reverse("portal:search"), {"q": "?!–"})
    assertContains(response, "Hakusanassa ei ole kirjaimia eikä numeroita.")


def test_an_empty_query_tells_what_the_search_covers(client):
    response = client.get(reverse("portal:search"))
    assertContains(response, "Kirjoita hakusana")
    assert response.context["results"] == []


def test_no_hits_gives_a_message_in_finnish(client):
    MeetingFactory(title="Maakunnalliset työpajat")
    response = client.get(reverse("portal:search"), {"q": "kissanristiäiset"})
    assertContains(response, "Haulla ”kissanristiäiset” ei löytynyt mitään.")


# --- Language --------------------------------------------------------------------------------


def test_finnish_inflections_are_found(client):
    meeting = MeetingFactory(title="Maakunnalliset työpajat")
    published_minutes(MeetingFactory(title="Ohjausryhmä"), "Asiasta keskusteltiin työpajassa.")
    hits = found(client, "työpaja")
    assert hits["meetings"] == ["Maakunnalliset <mark>työpajat</mark>"]
    assert hits["minutes"] == ["Ohjausryhmä"]
    response = client.get(reverse("portal:search"), {"q": "työpaja"})
    # ts_headline leaves out the punctuation at the end of a snippet.
    assertContains(response, "keskusteltiin <mark>työpajassa</mark></p>")
    assertContains(response, reverse("workshops:meeting_detail", args=[meeting.pk]))


def test_swedish_inflections_are_found(client):
    MeetingFactory(title="Mötet om familjecentraler")
    meeting = MeetingFactory(title="Styrgruppen")
    upload(
        meeting,
        "protokoll.txt",
        "Protokoll från mötet i Borgå.".encode(),
        title="Protokoll",
        language=AttachmentLanguage.SWEDISH,
    )
    hits = found(client, "möte")
    assert hits["meetings"] == ["<mark>Mötet</mark> om familjecentraler"]
    assert hits["attachments"] == ["Protokoll"]
    response = client.get(reverse("portal:search"), {"q": "möte"})
    assertContains(response, "Protokoll från <mark>mötet</mark> i Borgå</p>")


def test_inflected_finnish_forms_find_the_base_form_and_highlight_it(client):
    MeetingFactory(title="Kehittämisalueen työryhmän kokous")
    for form in ("kokouksen", "kokouksessa", "kokoukset", "kokouksiin", "kokouksemme"):
        assert found(client, form)["meetings"] == ["Kehittämisalueen työryhmän <mark>kokous</mark>"]


def test_base_forms_find_a_genitive_inside_a_phrase(client):
    description = "Hankkeessa kehitettiin lapsiystävällisen hallinnon malleja."
    ProjectFactory(name="LAPE Uusimaa", description=description)
    assert found(client, "lapsiystävällinen hallinto")["projects"] == ["LAPE Uusimaa"]
    response = client.get(reverse("portal:search"), {"q": "lapsiystävällinen hallinto"})
    assertContains(response, "<mark>lapsiystävällisen</mark> <mark>hallinnon</mark> malleja")


def test_consonant_gradation_is_undone_both_ways(client):
    MunicipalityFactory(name_fi="Helsinki", name_sv="Helsingfors")
    OrganisationFactory(name="Helsingin yliopisto")
    assert found(client, "helsingissä")["municipalities"] == ["<mark>Helsinki</mark>"]
    assert found(client, "helsinki")["organisations"] == ["<mark>Helsingin</mark> yliopisto"]


def test_finnish_stop_words_are_left_out_of_a_query(client):
    MeetingFactory(title="Työryhmä", theme="Varhaiskasvatus, koulu, oppilaitos", place="")
    assert found(client, "koulu ja oppilaitos")["meetings"] == ["Työryhmä"]


def test_swedish_genitive_and_definite_forms_find_the_base_form(client):
    MunicipalityFactory(name_fi="Porvoo", name_sv="Borgå")
    MeetingFactory(title="Möte om familjecentraler")
    assert found(client, "borgås")["municipalities"] == ["Porvoo"]
    assert found(client, "mötet")["meetings"] == ["<mark>Möte</mark> om familjecentraler"]


def test_a_short_remainder_does_not_become_a_prefix(client):
    """Stripped of "-issa", "osissa" would leave "os", the start of half the Finnish words."""
    for title in ("Osiin jaettu", "Osallistuminen", "Ostaminen", "Osaamiskeskus"):
        MeetingFactory(title=title)
    assert found(client, "osissa")["meetings"] == ["<mark>Osiin</mark> jaettu"]


def test_words_without_accents_find_words_with_them(client):
    MeetingFactory(title="Maakunnalliset työpajat")
    MunicipalityFactory(name_fi="Mäntsälä", name_sv="Mäntsälä")
    assert found(client, "tyopaja")["meetings"] == ["Maakunnalliset <mark>työpajat</mark>"]
    assert found(client, "mantsala")["municipalities"] == ["<mark>Mäntsälä</mark>"]


def test_the_start_of_a_word_finds_the_whole_word(client):
    project = ProjectFactory(
        name="LAPE Keski-Uusimaa", description="Hanke rakentaa perhekeskustoimintamallin."
    )
    assert found(client, "perhekesk")["projects"] == ["LAPE Keski-Uusimaa"]
    response = client.get(reverse("portal:search"), {"q": "perhekesk"})
    assertContains(response, "<mark>perhekeskustoimintamallin</mark>")
    assertContains(response, reverse("projects:detail", args=[project.slug]))


def test_every_word_must_be_found(client):
    MeetingFactory(title="Maakunnalliset työpajat", place="Porvoo")
    MeetingFactory(title="Maakunnalliset työpajat", place="Lohja")
    assert len(found(client, "työpaja porvoo")["meetings"]) == 1


def test_municipalities_and_organisations_are_found_by_name(client):
    municipality = MunicipalityFactory(name_fi="Porvoo", name_sv="Borgå")
    OrganisationFactory(name="Itä-Uudenmaan sosiaalipalvelut", short_name="Kuusaa")
    assert found(client, "borgå")["municipalities"] == ["Porvoo"]
    assert found(client, "kuusaa")["organisations"] == ["Itä-Uudenmaan sosiaalipalvelut"]
    response = client.get(reverse("portal:search"), {"q": "porvoo"})
    assertContains(response, reverse("portal:municipality_detail", args=[municipality.code]))


def test_swedish_speaking_users_see_swedish_titles(client):
    ProjectFactory(name="Lapsen paras", name_sv="Barnets bästa", description="perhekeskus")
    ProjectFactory(name="LAPE Pohjanmaa", name_sv="", description="perhekeskus")
    hits = found(client, "perhekeskus", headers={"Accept-Language": "sv"})
    assert sorted(hits["projects"]) == ["Barnets bästa", "LAPE Pohjanmaa"]


# --- Did you mean ----------------------------------------------------------------------------


def test_a_search_that_finds_nothing_suggests_a_similar_word(client, django_assert_num_queries):
    MeetingFactory(title="Perhekeskus", theme="", place="")
    # 1 savepoint, 2 the count of every type (nothing to rank), 3 the words most like those
    # searched, 4 release.
    with django_assert_num_queries(4):
        response = client.get(reverse("portal:search"), {"q": "perhekeskis"})
    url = reverse("portal:search") + "?q=perhekeskus"
    assertContains(response, f'Tarkoititko: <a href="{url}">perhekeskus</a>?')
    assert found(client, "perhekeskus")["meetings"] == ["<mark>Perhekeskus</mark>"]


def test_only_the_words_not_in_the_texts_are_replaced(client):
    MeetingFactory(title="Työpaja", place="Porvoo")
    response = client.get(reverse("portal:search"), {"q": "työpaja porvo0"})
    assert response.context["suggestion"] == "työpaja porvoo"


def test_nothing_is_suggested_when_no_word_is_similar_or_something_is_found(client):
    MeetingFactory(title="Perhekeskus")
    response = client.get(reverse("portal:search"), {"q": "kissanristiäiset"})
    assert response.context["suggestion"] == ""
    assertNotContains(response, "Tarkoititko")
    response = client.get(reverse("portal:search"), {"q": "perhekeskus"})
    assertNotContains(response, "Tarkoititko")


def test_words_of_unpublished_minutes_and_attachments_are_not_suggested(client, project):
    seed_unpublished(project)
    response = client.get(reverse("portal:search"), {"q": "budjettiesitykset"})
    assert "budjetti" not in response.context["suggestion"]


# --- Attachments -----------------------------------------------------------------------------


def test_a_word_inside_an_uploaded_pdf_is_found_once_the_worker_read_it(client, run_tasks):
    attachment = attachment_create(
        meeting=MeetingFactory(),
        file=SimpleUploadedFile(
            "esitys.pdf", pdf_with_text("Perhekeskusten työpajassa sovittiin vastuista.")
        ),
        title="Esitys",
    )
    assert found(client, "työpaja")["attachments"] == []
    response = client.get(reverse("portal:search"), {"q": "esitys"})
    assertContains(response, "Tiedoston tekstiä luetaan vielä hakua varten")

    run_tasks()

    attachment.refresh_from_db()
    assert attachment.text_status == TextStatus.INDEXED
    assert found(client, "työpaja")["attachments"] == ["Esitys"]
    response = client.get(reverse("portal:search"), {"q": "työpaja"})
    assertContains(response, "Perhekeskusten <mark>työpajassa</mark> sovittiin")
    assertContains(response, reverse("workshops:attachment_download", args=[attachment.pk]))


def test_a_corrupt_pdf_is_kept_but_not_searchable(client):
    attachment = upload(MeetingFactory(), "skannattu.pdf", b"%PDF-1.4 rikki", title="Skannaus")
    attachment.refresh_from_db()
    assert attachment.file.read() == b"%PDF-1.4 rikki"
    assert attachment.text_status == TextStatus.UNREADABLE
    assert attachment.text == ""
    # Its title still finds it, and the page says why no snippet is shown.
    response = client.get(reverse("portal:search"), {"q": "skannaus"})
    assertContains(response, "Tiedoston tekstiä ei voitu lukea")


# --- Who sees what ---------------------------------------------------------------------------


def seed_unpublished(project):
    meeting = MeetingFactory(working_group__project=project, title="Ohjausryhmä")
    MinutesFactory(meeting=meeting, text="Luonnos: salassa pidettävä budjettiesitys.")
    AttachmentFactory(meeting=meeting, title="Budjettiesityksen liite", kind=AttachmentKind.MINUTES)


def test_visitors_do_not_find_unpublished_minutes(client, project):
    seed_unpublished(project)
    hits = found(client, "budjettiesitys")
    assert hits["minutes"] == [] and hits["attachments"] == []
    response = client.get(reverse("portal:search"), {"q": "budjettiesitys"})
    assertNotContains(response, "salassa")
    assertNotContains(response, "Budjettiesityksen liite")


@pytest.mark.parametrize("role", ["municipal_staff", "other_coordinator"])
def test_users_outside_the_project_do_not_find_unpublished_minutes(client, project, role, request):
    seed_unpublished(project)
    client.force_login(request.getfixturevalue(role))
    hits = found(client, "budjettiesitys")
    assert hits["minutes"] == [] and hits["attachments"] == []


def test_the_owning_coordinator_finds_unpublished_minutes(client, project, coordinator):
    seed_unpublished(project)
    client.force_login(coordinator)
    hits = found(client, "budjettiesitys")
    assert hits["minutes"] == ["Ohjausryhmä"]
    assert hits["attachments"] == ["<mark>Budjettiesityksen</mark> liite"]
    assertContains(
        client.get(reverse("portal:search"), {"q": "budjettiesitys"}), "<strong>luonnos</strong>"
    )


def test_published_minutes_and_their_attachments_are_found_by_visitors(client):
    meeting = MeetingFactory(title="Ohjausryhmä")
    published_minutes(meeting, "Hyväksyttiin budjettiesitys.")
    AttachmentFactory(meeting=meeting, title="Budjettiesitys", kind=AttachmentKind.MINUTES)
    hits = found(client, "budjettiesitys")
    assert hits["minutes"] == ["Ohjausryhmä"]
    assert hits["attachments"] == ["<mark>Budjettiesitys</mark>"]


# --- Escaping --------------------------------------------------------------------------------


def test_html_in_indexed_text_is_shown_as_text(client):
    MeetingFactory(
        title="<script>alert(1)</script> työpaja", theme='työpaja"><svg/onload=alert(2)>'
    )
    response = client.get(reverse("portal:search"), {"q": "työpaja"})
    content = response.content.decode()
    assert "<script>alert(1)" not in content
    assert "<svg/onload" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>työpaja</mark>" in content


def test_sentinel_like_text_in_a_document_does_not_become_a_tag(client):
    MeetingFactory(title="[x[ työpaja ]x] <mark>")
    response = client.get(reverse("portal:search"), {"q": "työpaja"})
    assertContains(response, "[x[ <mark>työpaja</mark> ]x] &lt;mark&gt;")


# --- Types and the number of queries ---------------------------------------------------------


def seed_hits(rows: int) -> None:
    """``rows`` hits for "kaiku" of every type, all public."""
    group = WorkingGroupFactory()
    for number in range(rows):
        ProjectFactory(name=f"Kaikuhanke {number}", consortium=group.project.consortium)
        MunicipalityFactory(name_fi=f"Kaikula {number}")
        OrganisationFactory(name=f"Kaikuyhdistys {number}")
        meeting = MeetingFactory(title=f"Kaikukokous {number}", working_group=group)
        published_minutes(meeting, f"Kaiku {number} kuului kauas.")
        AttachmentFactory(meeting=meeting, title=f"Kaikuliite {number}")


@pytest.mark.parametrize("rows", [3, 6])
def test_the_search_runs_the_same_queries_for_more_hits(client, django_assert_num_queries, rows):
    seed_hits(rows)
    # 1 savepoint (ATOMIC_REQUESTS), 2 the count of every type, 3-8 the best hits of each
    # type with what the page shows of related rows, 9 release savepoint.
    with django_assert_num_queries(9):
        response = client.get(reverse("portal:search"), {"q": "kaiku"})
    assert [result.total for result in response.context["results"]] == [rows] * 6
    assert [len(result.hits) for result in response.context["results"]] == [min(rows, 5)] * 6


@pytest.mark.parametrize("rows", [3, 6])
def test_one_type_runs_the_same_queries_for_more_hits(client, django_assert_num_queries, rows):
    seed_hits(rows)
    # 1 savepoint, 2 the count of every type, 3 the meetings, 4 release savepoint.
    with django_assert_num_queries(4):
        response = client.get(reverse("portal:search"), {"q": "kaiku", "type": "meetings"})
    results = {result.type.key: result for result in response.context["results"]}
    assert len(results["meetings"].hits) == rows
    assert all(not result.hits for key, result in results.items() if key != "meetings")
    assert {result.total for result in results.values()} == {rows}


def test_a_rare_word_ranks_only_the_type_that_has_it(client, django_assert_num_queries):
    seed_hits(3)
    published_minutes(MeetingFactory(title="Syyskokous"), "Kuukkelipesue pesii metsässä.")
    # 1 savepoint, 2 the count of every type, 3 the best hits of minutes (the only type
    # that has the word), 4 release savepoint.
    with django_assert_num_queries(4):
        response = client.get(reverse("portal:search"), {"q": "kuukkelipesue"})
    totals = {result.type.key: result.total for result in response.context["results"]}
    assert totals == dict.fromkeys(totals, 0) | {"minutes": 1}
    assertContains(response, "<mark>Kuukkelipesue</mark> pesii metsässä")
    assertContains(response, "Kaikki (1)")


def test_a_type_its_rule_hides_wholly_counts_none(client, monkeypatch):
    """A rule that allows nothing at all (an empty list of keys) leaves no WHERE clause to
    compile: the count of every type still runs, with none of that type."""
    seed_hits(2)
    hidden = [
        dataclasses.replace(each, visible=lambda user: Q(pk__in=[]))
        if each.key == "meetings"
        else each
        for each in SEARCH_TYPES
    ]
    monkeypatch.setattr(search, "SEARCH_TYPES", tuple(hidden))
    response = client.get(reverse("portal:search"), {"q": "kaiku"})
    totals = {result.type.key: result.total for result in response.context["results"]}
    assert totals == dict.fromkeys(totals, 2) | {"meetings": 0}
    assertNotContains(response, 'id="search-meetings-title"')


def test_a_logged_in_search_adds_only_the_session_user_and_rights(
    client, django_assert_num_queries, coordinator
):
    seed_hits(3)
    client.force_login(coordinator)
    # 1 session, 2 user, 3 savepoint; the rules of minutes and attachments bring 4-5 the
    # user's own and group permissions and 6 the coordinated projects (once, cached on the
    # user); 7 the count of every type, 8-13 the best hits of the six types, 14 the user's
    # follow of this search, 15 release savepoint.
    with django_assert_num_queries(15):
        client.get(reverse("portal:search"), {"q": "kaiku"})


def test_the_type_filter_shows_one_type_with_every_count(client):
    seed_hits(6)
    response = client.get(reverse("portal:search"), {"q": "kaiku", "type": "meetings"})
    assertContains(response, 'id="search-meetings-title"')
    assertNotContains(response, 'id="search-projects-title"')
    assertContains(response, "Hankkeet (6)")
    assertContains(response, 'aria-current="page"', count=1)
    # The overview shows five of each and links to the rest.
    response = client.get(reverse("portal:search"), {"q": "kaiku"})
    assertContains(response, "Näytä kaikki: Hankkeet (6)")
    assertContains(response, "Kaikki (36)")


def test_an_unknown_type_shows_every_type(client):
    seed_hits(1)
    response = client.get(reverse("portal:search"), {"q": "kaiku", "type": "salaiset"})
    assert all(result.hits for result in response.context["results"])


def test_the_header_search_form_sends_the_query_to_the_search_page(rf):
    html = render_to_string("includes/search_form.html", request=rf.get("/"))
    assert 'role="search"' in html
    assert f'action="{reverse("portal:search")}"' in html
    assert '<label class="visually-hidden" for="site-search-q">' in html
    assert 'name="q"' in html


def test_the_search_form_is_on_the_page(client):
    response = client.get(reverse("portal:search"), {"q": "kaiku"})
    assertContains(response, 'role="search"')
    assertContains(response, 'value="kaiku"')


# --- rebuild_search --------------------------------------------------------------------------


def rebuild() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_rebuild_reads_the_text_of_stored_attachments():
    readable = AttachmentFactory(title="Liite A")  # the factory's file holds text
    missing = AttachmentFactory(title="Liite B")
    missing.file.storage.delete(missing.file.name)
    output, errors = rebuild()
    readable.refresh_from_db()
    missing.refresh_from_db()
    assert readable.text_status == TextStatus.INDEXED and readable.text == "Liitteen sisalto"
    assert missing.text_status == TextStatus.FAILED
    assert missing.text_error.startswith("FileNotFoundError")
    assert "Liitteet: 2 riviä" in output
    assert "Liitteitä, joiden tekstiä ei voitu lukea: 1" in output
    assert f"Liitteen {missing.pk} tiedosto puuttuu." in errors
    assert "Liitteet: 100%" in errors  # the progress bar


def test_rebuild_goes_on_past_a_file_whose_reader_dies(monkeypatch):
    crashing = AttachmentFactory(title="Liite A")
    readable = AttachmentFactory(title="Liite B")
    read_text = attachments.read_text

    def dies_on_the_first(file, *args, **kwargs):
        if file.name.endswith(crashing.file.name):
            raise ExtractionCrashed("exit status -9")
        return read_text(file, *args, **kwargs)

    monkeypatch.setattr(attachments, "read_text", dies_on_the_first)
    output, _errors = rebuild()

    crashing.refresh_from_db()
    readable.refresh_from_db()
    assert crashing.text_status == TextStatus.TOO_COMPLEX
    assert readable.text_status == TextStatus.INDEXED
    assert "Liitteitä, joiden tekstiä ei voitu lukea: 1" in output


def test_rebuild_recomputes_the_vectors_after_the_configuration_changes():
    MunicipalityFactory(name_fi="Mäntsälä", name_sv="")
    with connection.cursor() as cursor:
        # Finnish stemming without unaccent; the change is rolled back with the test.
        cursor.execute(
            "ALTER TEXT SEARCH CONFIGURATION lape_finnish "
            "ALTER MAPPING FOR hword, hword_part, word WITH finnish_stem"
        )
    vectors = Municipality.objects.values_list("search_vector", flat=True)
    assert "'mantsal'" in vectors.get()  # computed before the change
    output, _errors = rebuild()
    assert "'mantsal'" not in vectors.get()
    assert "'mäntsäl'" in vectors.get()
    for search_type in SEARCH_TYPES:
        assert f"{search_type.label}: " in output
