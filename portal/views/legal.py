"""The pages the law asks of a public body's service: the accessibility statement with its
feedback form (Act 306/2019) and the privacy notice (GDPR, articles 13 and 14).

Their legal text is written in each language as a whole (``<page>_<language>.html``); the
known shortcomings come from ``portal.accessibility``.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from core.page_cache import VisitorPageCacheMixin
from portal import accessibility
from portal.forms import FeedbackForm
from portal.services import feedback_create

LEGAL_LANGUAGES = {"fi", "sv", "en"}


class LegalPageMixin:
    page: str

    def get_template_names(self):
        language = get_language() if get_language() in LEGAL_LANGUAGES else "fi"
        return [f"portal/legal/{self.page}_{language}.html"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            controller=settings.PORTAL_CONTROLLER,
            contact_email=settings.PORTAL_CONTACT_EMAIL,
            retention_days=settings.REGISTRATION_RETENTION_DAYS,
            **kwargs,
        )


class AccessibilityStatementView(LegalPageMixin, FormView):
    page = "accessibility"
    form_class = FeedbackForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            shortcomings=accessibility.KNOWN_SHORTCOMINGS,
            assessed_on=accessibility.ASSESSED_ON,
            updated_on=accessibility.STATEMENT_UPDATED_ON,
            **kwargs,
        )

    def form_valid(self, form):
        feedback_create(**form.cleaned_data, language=get_language())
        messages.success(
            self.request,
            _("Kiitos palautteesta. Vastaamme 14 päivän kuluessa, jos annoit sähköpostiosoitteen."),
        )
        return redirect("portal:accessibility")


class PrivacyNoticeView(VisitorPageCacheMixin, LegalPageMixin, TemplateView):
    page_changes_with_time = False
    page = "privacy"
