"""Single sign-on with the employer's identity provider over OpenID Connect: the provider's
e-mail and groups claims become the portal's user and role groups (``portal.roles``)."""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from portal.services import user_sync_from_claims


class PortalOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims) -> bool:
        return bool(claims.get("email")) and claims.get("email_verified", True) is not False

    def create_user(self, claims):
        return user_sync_from_claims(user=super().create_user(claims), claims=claims)

    def update_user(self, user, claims):
        return user_sync_from_claims(user=user, claims=claims)
