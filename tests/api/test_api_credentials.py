"""The token string: its shape, its parts, and that only its digest is ever kept."""

from __future__ import annotations

import pytest

from samverkan.api.credentials import (
    credential_new,
    credential_parse,
    secret_digest,
    secret_matches,
)


def test_a_new_token_parses_back_into_its_parts() -> None:
    credential = credential_new()
    raw = str(credential)
    assert raw.startswith(f"svk_{credential.prefix}_")
    assert credential_parse(raw) == credential
    assert credential_parse(f"  {raw}\n") == credential


def test_new_tokens_differ() -> None:
    assert len({str(credential_new()) for _ in range(200)}) == 200


def test_the_secret_never_shows_in_a_repr() -> None:
    credential = credential_new()
    assert credential.secret not in repr(credential)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "svk_",
        "svk_0123abcd_",
        "svk_0123ABCD_" + "A" * 43,  # the prefix is lowercase hex
        "svk_0123abcd_" + "A" * 42,
        "svk_0123abcd_" + "A" * 44,
        "svk_0123abcd_" + "A" * 42 + "=",
        "sk_0123abcd_" + "A" * 43,
        "Bearer svk_0123abcd_" + "A" * 43,
    ],
)
def test_anything_else_is_not_a_token(raw: str) -> None:
    assert credential_parse(raw) is None


def test_secrets_are_checked_against_their_digest() -> None:
    credential = credential_new()
    digest = secret_digest(credential.secret)
    assert len(digest) == 64
    assert secret_matches(credential.secret, digest)
    assert not secret_matches(credential_new().secret, digest)
