"""What the ``xlsx`` and ``docx`` formats share: fixed dates and zip files with fixed timestamps.

Office files are zip archives; each member carries a timestamp, and the document's properties a
creation and modification time. Both are fixed here, so that the same plan gives the same bytes.
The date of publication the ``pdf`` formats print is here too: fixed as well.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

__all__ = [
    "FIXED_TIME",
    "ZIP_TIME",
    "document_time",
    "settle_docx",
    "stable_zip",
]

FIXED_TIME = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
"""The creation and modification time of a report of a plan without a date of adoption."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The timestamp of every member of the zip archive (the earliest a zip file can hold)."""


def document_time(adopted: datetime.date | None) -> datetime.datetime:
    """The time an office report says it was made: the plan's adoption date, or a constant."""
    if adopted is None:
        return FIXED_TIME
    return datetime.datetime.combine(adopted, datetime.time(), datetime.UTC)


def stable_zip(data: bytes) -> bytes:
    """*data*, a zip archive, with fixed timestamps and permissions, members in their order."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member))
    return out.getvalue()


def settle_docx(
    doc: Any,
    *,
    title: str,
    author: str,
    language: str,
    when: datetime.datetime,
    producer: str,
    comments: str,
) -> None:
    """Give a python-docx document fixed properties and *language* as its default language.

    Also drops the thumbnail python-docx's template carries (a picture of some other document).
    Together with :func:`stable_zip` this makes the same plan give the same bytes.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn

    properties = doc.core_properties
    properties.title, properties.author, properties.language = title, author, language
    properties.last_modified_by, properties.comments = producer, comments
    properties.created = properties.modified = when
    properties.revision = 1
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package_rels.pop(rel_id)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:val"), language)
            lang.set(qn("w:eastAsia"), language)
