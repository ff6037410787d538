"""Published minutes as an Atom feed, newest first: what a visitor may read, nothing else."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from portal.open_data import public_minutes

FEED_LENGTH = 50


class PublishedMinutesFeed(Feed):
    feed_type = Atom1Feed
    title = _("LAPE-portaalin julkaistut muistiot")
    subtitle = _("Kokousten ja työpajojen muistiot sitä mukaa kuin ne julkaistaan.")

    def link(self):
        return reverse("workshops:meeting_list")

    def items(self):
        return public_minutes().select_related("meeting__project")[:FEED_LENGTH]

    def item_title(self, minutes):
        return f"{minutes.meeting.project}: {minutes.meeting.title}"

    def item_description(self, minutes):
        return Truncator(minutes.text).words(80)

    def item_link(self, minutes):
        # Also the entry's id: a meeting has one set of minutes.
        return reverse("workshops:meeting_detail", args=[minutes.meeting_id])

    def item_pubdate(self, minutes):
        return minutes.published_at

    def item_updateddate(self, minutes):
        return minutes.modified or minutes.published_at
