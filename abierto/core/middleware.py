"""Spanish unless the visitor chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show this
Chilean public service in English to anyone whose browser is set to English. Here the
language changes only when the visitor uses the language switch (which sets the cookie).
"""

from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch = response.headers.get("Vary", "")
        if "Cookie" not in patch:
            response.headers["Vary"] = f"{patch}, Cookie" if patch else "Cookie"
        translation.deactivate()
        return response


class RefuseNulMiddleware:
    """A NUL character in the query string is never meaningful, and PostgreSQL refuses it in text: answer 400 with
    a reason instead of letting a search or a filter fail deeper down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any("\x00" in v for v in request.GET.values()):
            from django.http import HttpResponseBadRequest, JsonResponse
            from django.utils.translation import gettext as _

            message = _("La dirección contiene un carácter nulo (%00), que no se acepta.")
            if request.path.startswith("/api/"):  # the API's own error format
                response = JsonResponse(
                    {"error": {"code": "invalid_parameter", "message": message, "details": {}}},
                    json_dumps_params={"ensure_ascii": False},
                )
                response.status_code = 400
                response["Access-Control-Allow-Origin"] = "*"
                return response
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
