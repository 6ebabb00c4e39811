"""What a published report says of its publication: the day and the plan's data version.

The site's footer, the PDF's title page and metadata and a city's own layouts take both from here.

The day is today's (UTC), or that of ``SOURCE_DATE_EPOCH`` when it is set, so that a build can
be reproduced byte for byte (https://reproducible-builds.org/specs/source-date-epoch/). A plan
has no version number: its data version is the start of the SHA-256 of its canonical JSON.
"""

from __future__ import annotations

import datetime
import hashlib
import os

from eccar_plan._errors import UsageError
from eccar_plan._export import plan_to_json
from eccar_plan.model import Plan

__all__ = ["data_version", "publication_date"]


def publication_date() -> datetime.date:
    """The day of publication: today (UTC), or the day of ``SOURCE_DATE_EPOCH``."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return datetime.datetime.now(datetime.UTC).date()
    try:
        if not value.isdigit():
            raise ValueError(value)
        return datetime.datetime.fromtimestamp(int(value), datetime.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise UsageError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {value!r}"
        ) from None


def data_version(plan: Plan) -> str:
    """The plan's data version: 12 hexadecimal digits, the same for the same plan and changed
    by any change to it."""
    return hashlib.sha256(plan_to_json(plan).encode("utf-8")).hexdigest()[:12]
