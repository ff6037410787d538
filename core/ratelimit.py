"""A count of events per key in a time window, kept in Django's cache."""

import hashlib
from datetime import timedelta

from django.core.cache import cache


def within_limit(scope: str, key: str, *, limit: int, window: timedelta) -> bool:
    """Count one more event of ``key`` in ``scope``; whether at most ``limit`` happened in the
    window that began with the first of them. The key is hashed: no address is stored."""
    cache_key = f"limit:{scope}:{hashlib.sha256(key.encode()).hexdigest()}"
    cache.add(cache_key, 0, timeout=int(window.total_seconds()))
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between the two calls
        cache.set(cache_key, 1, timeout=int(window.total_seconds()))
        count = 1
    return count <= limit
