from django.db import models


def upsert(model: type[models.Model], *, defaults: dict | None = None, **lookup):
    """Like ``update_or_create``, but saves only what differs, so that loading the demo again
    writes nothing (and records no change history) when nothing changed."""
    defaults = defaults or {}
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [name for name, value in defaults.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save(update_fields=changed)
    return obj, False
