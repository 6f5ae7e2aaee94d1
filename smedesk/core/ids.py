"""Stable identifiers for rows that sync."""

import uuid


def new_uid() -> str:
    return str(uuid.uuid4())
