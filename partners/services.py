"""Issuing and revoking partner API keys."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from partners.models import PartnerKey


@transaction.atomic
def partner_key_issue(*, key: PartnerKey, issued_by: AbstractBaseUser | None) -> str:
    """Save a new key record with a fresh key and return the key: the only time it exists outside its hash."""
    raw = PartnerKey.objects.assign_key(key)
    key.issued_by = issued_by
    key.full_clean()
    key.save()
    return raw


@transaction.atomic
def partner_keys_revoke(keys: QuerySet[PartnerKey]) -> int:
    """Revoke the keys that still work; returns how many were revoked. Their next request is refused."""
    return keys.filter(revoked=False).update(revoked=True)
