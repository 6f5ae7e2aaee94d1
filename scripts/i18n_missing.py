"""Print the strings that have no Spanish translation yet, as JSON to fill in."""

import json
import sys

from smedesk.core.i18n import missing

lang = sys.argv[1] if len(sys.argv) > 1 else "es"
json.dump({text: "" for text in missing(lang)}, sys.stdout, ensure_ascii=False, indent=1)
print()
