"""API tokens of partner systems, and the answers remembered for idempotency keys.

A token belongs to one organisation, not to the person who created it: a
postal operator's sorting system keeps working when its administrator leaves.
Only the SHA-256 digest of the secret is stored; the whole token is shown once,
when it is created. A token is never deleted, only revoked, so audit events
that name its prefix stay explainable.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import Organisation, User


class ApiScope(models.TextChoices):
    """What a token may do: one named API action each."""

    REPORTS_SUBMIT = "reports:submit", _("Submit reports")
    REPORTS_READ = "reports:read", _("Read the status of own reports")


class ApiToken(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    # The public part of the token (``svk_<prefix>_<secret>``): shown in lists and audit events.
    prefix = models.CharField(max_length=8, unique=True)
    secret_sha256 = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} (svk_{self.prefix}_…)"

    @property
    def label(self) -> str:
        """How audit events name this token's use."""
        return f"token:{self.prefix}"

    def allows(self, scope: ApiScope) -> bool:
        return self.revoked_at is None and scope.value in self.scopes


class IdempotencyKey(models.Model):
    """One ``Idempotency-Key`` a token used, the request it came with and the answer given."""

    token = models.ForeignKey(ApiToken, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=200)
    request_sha256 = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["token", "key"], name="idempotency_key_unique_per_token"
            )
        ]

    def __str__(self) -> str:
        return f"{self.token.prefix}:{self.key}"
