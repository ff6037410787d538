from django.contrib.auth import get_user


def load_user_middleware(get_response):
    """Resolve ``request.user`` before the view runs.

    Django resolves the user lazily, at first use; on a public page that is often the header
    template. Resolving it here keeps every database query out of template rendering, which
    the tests assert for each page.
    """

    def middleware(request):
        request.user = get_user(request)
        return get_response(request)

    return middleware
