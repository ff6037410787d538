from django.contrib.auth import get_user
from django.core.exceptions import BadRequest
from django.db import connection


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


def refuse_nul_middleware(get_response):
    """Answer 400 to a request whose path or query string holds a NUL character.

    No page has a use for one, and PostgreSQL refuses NUL in text: left to the views, a NUL
    typed into an address would reach a query and end in a server error.
    """

    def middleware(request):
        if "\x00" in request.path or any(
            "\x00" in key or "\x00" in value
            for key, values in request.GET.lists()
            for value in values
        ):
            raise BadRequest("NUL in the address")
        return get_response(request)

    return middleware


# Browser features no page of the portal uses, switched off for the pages and anything they embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def permissions_policy_middleware(get_response):
    """Send the ``Permissions-Policy`` header with every response."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


def query_count_middleware(get_response):
    """Count the database queries of each request in an ``X-Query-Count`` header.

    Only the benchmark enables it (``DJANGO_QUERY_COUNT_HEADER``): it reads the counts from
    a server running with DEBUG off, where Django keeps no query log.
    """

    def middleware(request):
        count = 0

        def counted(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counted):
            response = get_response(request)
        response["X-Query-Count"] = str(count)
        return response

    return middleware
