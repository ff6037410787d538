import factory
from django.contrib.auth import get_user_model

from notifications.models import Follow, OutboxMessage


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    """A pending message, written directly: no send job is queued for it."""

    class Meta:
        model = OutboxMessage

    to = factory.Sequence(lambda n: f"vastaanottaja{n}@example.fi")
    subject = factory.Sequence(lambda n: f"Viesti {n}")
    body = "Hei."
    kind = "test"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()

    username = factory.Sequence(lambda n: f"seuraaja{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.fi")


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    language = "fi"
