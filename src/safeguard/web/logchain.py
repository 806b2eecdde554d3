"""The access log's hash chain: each entry's hash covers its own fields and the hash of the
entry before it, so an entry removed, changed or inserted out of turn breaks every link after.

Standard library only: the migration that chains entries written before the chain existed
uses it too.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime

#: The "previous hash" of the first entry.
GENESIS = "0" * 64


def entry_digest(
    prev_hash: str,
    *,
    id: int,
    at: datetime,
    user_id: int | None,
    username: str,
    role: str,
    action: str,
    record_type: str,
    record_id: str,
    reason: str,
    child_id: str | None,
) -> str:
    """SHA-256 (hex) of the entry's fields, in a fixed order, after the previous entry's hash."""
    fields = [
        prev_hash,
        id,
        at.replace(tzinfo=None).isoformat(timespec="seconds"),
        user_id,
        username,
        role,
        action,
        record_type,
        record_id,
        reason,
        child_id,
    ]
    data = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()
