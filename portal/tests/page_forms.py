"""Read a page's form as a browser would send it back unchanged, for tests that load a form,
change a field and submit it (hidden fields, such as a record's version, included)."""

from html.parser import HTMLParser

# A browser sends none of these for a form submitted without touching them.
UNSENT_INPUT_TYPES = {"submit", "button", "reset", "image", "file"}


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: tuple[str, bool] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self._form = {}
            self.forms.append(self._form)
        elif self._form is None or (not name and tag != "option"):
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._form.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in UNSENT_INPUT_TYPES:
                self._form[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = (name, "multiple" in attrs)
            self._form[name] = [] if "multiple" in attrs else ""
        elif tag == "option" and self._select and "selected" in attrs:
            select_name, multiple = self._select
            value = attrs.get("value", "")
            if multiple:
                self._form[select_name].append(value)
            else:
                self._form[select_name] = value
        elif tag == "textarea":
            self._textarea = name
            self._form[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A browser drops the newline Django writes after the opening tag.
            self._form[self._textarea] = self._form[self._textarea].removeprefix("\n")
            self._textarea = None


def form_values(response, field: str) -> dict:
    """The values the form of ``response`` that has ``field`` would send unchanged."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    for form in reader.forms:
        if field in form:
            return form
    raise AssertionError(f"No form with the field {field!r} on the page.")
