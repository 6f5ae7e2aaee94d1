"""Releases merged into one compiled release, by the OCDS 1.1 merge rules.

A newer release may carry only what changed (only the value, only the tender
end date, only an award); merging it into the compiled release kept so far
keeps everything it does not repeat. The merging itself is the Open
Contracting Partnership's reference implementation, `ocdsmerge`; the rules it
needs come from the release schema and are written here, so nothing is fetched
at run time (tests/seace/test_merging.py checks them against the schema in
fixtures/ocds-schema/release-schema.json with ocdsmerge.get_merge_rules).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal

from ocdsmerge import CompiledRelease
from ocdsmerge.exceptions import OCDSMergeError

# ocdsmerge.get_merge_rules(release-schema.json of OCDS 1.1): path → rule.
# See https://standard.open-contracting.org/1.1/en/schema/merging/
MERGE_RULES: dict[tuple[str, ...], str] = {
    ("id",): "omitWhenMerged",
    ("date",): "omitWhenMerged",
    ("tag",): "omitWhenMerged",
    ("parties", "additionalIdentifiers"): "wholeListMerge",
    ("parties", "roles"): "wholeListMerge",
    ("buyer", "additionalIdentifiers"): "wholeListMerge",
    ("tender", "procuringEntity", "additionalIdentifiers"): "wholeListMerge",
    ("tender", "items", "additionalClassifications"): "wholeListMerge",
    ("tender", "additionalProcurementCategories"): "wholeListMerge",
    ("tender", "submissionMethod"): "wholeListMerge",
    ("tender", "tenderers", "additionalIdentifiers"): "wholeListMerge",
    ("tender", "amendments", "changes"): "wholeListMerge",
    ("tender", "amendment", "changes"): "wholeListMerge",
    ("awards", "suppliers", "additionalIdentifiers"): "wholeListMerge",
    ("awards", "items", "additionalClassifications"): "wholeListMerge",
    ("awards", "amendments", "changes"): "wholeListMerge",
    ("awards", "amendment", "changes"): "wholeListMerge",
    ("contracts", "items", "additionalClassifications"): "wholeListMerge",
    ("contracts", "implementation", "transactions", "payer", "additionalIdentifiers"): "wholeListMerge",
    ("contracts", "implementation", "transactions", "payee", "additionalIdentifiers"): "wholeListMerge",
    ("contracts", "relatedProcesses", "relationship"): "wholeListMerge",
    ("contracts", "amendments", "changes"): "wholeListMerge",
    ("contracts", "amendment", "changes"): "wholeListMerge",
    ("relatedProcesses", "relationship"): "wholeListMerge",
}


def merge_release(compiled: dict | None, release: dict) -> dict:
    """The compiled release after `release` (the newest so far) is merged into it."""
    try:
        merged = CompiledRelease(data=compiled, merge_rules=MERGE_RULES)
        merged.append(release)
        return merged.asdict()
    except OCDSMergeError as exc:
        # e.g. /tender/items an object in one release and a list in the next:
        # the release cannot be merged, so it is refused and the process kept
        raise _bad(release, exc) from None


def compile_releases(releases: list[dict]) -> dict:
    """The compiled release of several releases (sorted by date, as OCDS says)."""
    try:
        merged = CompiledRelease(merge_rules=MERGE_RULES)
        merged.extend(releases)
        return merged.asdict()
    except OCDSMergeError as exc:
        raise _bad(releases[-1] if releases else {}, exc) from None


def _bad(release, exc):
    from smedesk.core.i18n import tr
    from smedesk.tenders.ocds import BadRelease

    ocid = release.get("ocid", "?") if isinstance(release, dict) else "?"
    return BadRelease(tr("The release of {ocid} does not fit the earlier ones and was not merged ({reason}).",
                         ocid=ocid, reason=str(exc)))


_MARK = "\u0000dec:"
_NUMBER = re.compile(r'"\\u0000dec:(-?[0-9.E+-]+)"')


def _marked(value):
    if isinstance(value, dict):
        return {k: _marked(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_marked(v) for v in value]
    if isinstance(value, Decimal):
        return _MARK + str(value)
    return value


def dumps(compiled: dict) -> str:
    """Compact JSON of a compiled release, Decimal numbers written as JSON numbers
    with their exact digits (an item id 1 must stay the number 1 for identifier merge)."""
    text = json.dumps(_marked(compiled), ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return _NUMBER.sub(lambda m: m.group(1), text)
