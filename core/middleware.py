from django.contrib.auth import get_user
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
