"""A real OpenID Connect provider (pyop) served on a local port in a thread, for the single
sign-on tests: it signs ID tokens with its own RSA key and answers the token, userinfo and JWKS
requests that the portal makes over HTTP."""

import json
import threading
from dataclasses import dataclass
from wsgiref.simple_server import WSGIRequestHandler, make_server

from Cryptodome.PublicKey import RSA
from jwkest.jwk import RSAKey
from pyop.authz_state import AuthorizationState
from pyop.provider import Provider
from pyop.subject_identifier import HashBasedSubjectIdentifierFactory
from pyop.userinfo import Userinfo
from pyop.util import should_fragment_encode

CLIENT_ID = "lape-portaali"
CLIENT_SECRET = "testisalaisuus"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@dataclass
class LocalProvider:
    url: str
    signed_in_user: str = ""

    def endpoint(self, name: str) -> str:
        return f"{self.url}/{name}"


def start_provider(*, redirect_uri: str, users: dict[str, dict]):
    """Start the provider; returns (LocalProvider, stop). Whoever ``signed_in_user`` names
    is the user the provider has authenticated when the portal sends someone there."""
    server = make_server(
        "127.0.0.1", 0, lambda environ, start: app(environ, start), handler_class=QuietHandler
    )
    local = LocalProvider(url=f"http://127.0.0.1:{server.server_port}")
    provider = Provider(
        RSAKey(key=RSA.generate(2048), alg="RS256", kid="testiavain"),
        {
            # oic insists on an https issuer; it is a name in the tokens, not an address.
            "issuer": "https://tunnistus.kunta.example",
            "authorization_endpoint": local.endpoint("authorize"),
            "token_endpoint": local.endpoint("token"),
            "userinfo_endpoint": local.endpoint("userinfo"),
            "jwks_uri": local.endpoint("jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "scopes_supported": ["openid", "email", "profile", "groups"],
        },
        AuthorizationState(HashBasedSubjectIdentifierFactory("suola")),
        {
            CLIENT_ID: {
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [redirect_uri],
                "response_types": ["code"],
                "token_endpoint_auth_method": "client_secret_post",
            }
        },
        Userinfo(users),
        extra_scopes={"groups": ["groups"]},
    )

    def app(environ, start_response):
        path = environ["PATH_INFO"]
        if path == "/authorize":
            request = provider.parse_authentication_request(environ["QUERY_STRING"])
            response = provider.authorize(request, local.signed_in_user)
            location = response.request(request["redirect_uri"], should_fragment_encode(request))
            start_response("303 See Other", [("Location", location)])
            return [b""]
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0)).decode()
        headers = {"Authorization": environ.get("HTTP_AUTHORIZATION", "")}
        if path == "/token":
            answer = provider.handle_token_request(body, headers).to_json()
        elif path == "/userinfo":
            answer = provider.handle_userinfo_request(
                body or environ["QUERY_STRING"], headers
            ).to_json()
        elif path == "/jwks":
            answer = json.dumps(provider.jwks)
        else:
            start_response("404 Not Found", [])
            return [b""]
        start_response("200 OK", [("Content-Type", "application/json")])
        return [answer.encode()]

    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        server.server_close()

    return local, stop
