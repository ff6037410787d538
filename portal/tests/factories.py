import factory

from portal.models import Feedback


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    message = factory.Sequence(lambda n: f"Palaute {n}: kuvasta puuttuu tekstivastine.")
    email = factory.Sequence(lambda n: f"palautteen-antaja{n}@example.fi")
