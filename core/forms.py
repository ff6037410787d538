"""What model forms share."""


class ParentInValidationMixin:
    """A model form for a row whose parent (``parent_field``) the URL names rather than a field.

    Django leaves fields that are not on the form out of model validation. The view sets the
    parent on the instance, so keep it in: the unique constraints over the parent (a duplicate
    budget line, partner or working group member) then show their message instead of failing
    to save.
    """

    parent_field: str

    def _get_validation_exclusions(self):
        exclusions = super()._get_validation_exclusions()
        exclusions.discard(self.parent_field)
        return exclusions
