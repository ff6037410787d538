"""Re-extract the text of every attachment and recompute every stored search vector.

PostgreSQL recomputes a generated column only when an UPDATE sets one of the columns it is
computed from, so ``SET id = id`` would change nothing: each batch sets a source column to
itself. Needed after the text search configurations or their dictionaries change (an upgraded
PostgreSQL or unaccent) or after the extractor learns to read more files.

The attachments are read here, one by one, with the function the background worker uses
(``attachment_read_text``), not queued for the worker: the command runs outside any web
request, and when it ends the whole index is rebuilt and the counts it prints are final.
"""

import sys

from django.core.management.base import BaseCommand
from django.db.models import F
from django.utils.translation import gettext as _
from tqdm import tqdm

from portal.search import SEARCH_TYPES
from workshops.extract import ExtractionCrashed
from workshops.models import Attachment, TextStatus
from workshops.services import (
    attachment_read_text,
    attachment_text_failed,
    attachment_text_too_complex,
)

BATCH_SIZE = 500


def search_source_fields(model) -> list[str]:
    """The fields ``model``'s ``search_vector`` is generated from."""
    expression = model._meta.get_field("search_vector").expression
    return sorted({node.name for node in expression.flatten() if isinstance(node, F)})


class Command(BaseCommand):
    help = "Poimii liitteiden tekstin uudelleen ja laskee kaikki hakuindeksit uudelleen."

    def handle(self, *args, **options):
        # tqdm redraws its line with carriage returns, which Django's OutputWrapper would break.
        progress_file = options.get("stderr") or sys.stderr
        for search_type in SEARCH_TYPES:
            model = search_type.model
            total = model.objects.count()
            with tqdm(
                total=total, desc=str(search_type.label), unit=_("riviä"), file=progress_file
            ) as progress:
                if model is Attachment:
                    self._reextract_attachments(progress)
                else:
                    self._resave(model, progress)
            self.stdout.write(
                _("%(label)s: %(count)d riviä") % {"label": search_type.label, "count": total}
            )
        unreadable = Attachment.objects.filter(
            text_status__in=[TextStatus.UNREADABLE, TextStatus.FAILED, TextStatus.TOO_COMPLEX]
        ).count()
        self.stdout.write(
            _("Liitteitä, joiden tekstiä ei voitu lukea: %(count)d") % {"count": unreadable}
        )

    def _resave(self, model, progress) -> None:
        source = search_source_fields(model)[0]
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH_SIZE):
            batch = ids[start : start + BATCH_SIZE]
            model.objects.filter(pk__in=batch).update(**{source: F(source)})
            progress.update(len(batch))

    def _reextract_attachments(self, progress) -> None:
        attachments = Attachment.objects.order_by("pk").only(
            "pk", "file", "content_type", "original_name"
        )
        for attachment in attachments.iterator(chunk_size=BATCH_SIZE):
            try:
                attachment_read_text(attachment=attachment)
            except (OSError, ValueError) as error:  # the file is missing, or no file is named
                self.stderr.write(_("Liitteen %(pk)d tiedosto puuttuu.") % {"pk": attachment.pk})
                attachment_text_failed(attachment=attachment, error=error)
            except ExtractionCrashed:  # the reader died on this file: not read again
                attachment_text_too_complex(attachment=attachment)
            progress.update(1)
