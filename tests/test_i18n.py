import re

from smedesk.core import i18n


def test_every_visible_string_has_spanish():
    missing = i18n.missing("es")
    assert not missing, "sin traducción: " + "; ".join(f"{k!r} ({v[0]})" for k, v in missing.items())


def test_spanish_keeps_the_placeholders():
    fields = re.compile(r"\{(\w+)\}")
    for english, spanish in i18n.catalog("es").items():
        assert set(fields.findall(english)) == set(fields.findall(spanish)), english


def test_no_empty_translations():
    assert all(v.strip() for v in i18n.catalog("es").values())


def test_tr_switches_language():
    i18n.set_language("en")
    assert i18n.tr("Save") == "Save"
    i18n.set_language("es")
    assert i18n.tr("Save") == "Guardar"
    assert i18n.tr("User: {name}", name="Ana") == "Usuario: Ana"


def test_areas_agree_on_shared_strings():
    """Every area's JSON is merged into one catalogue: a string two areas translate
    differently would take whichever file loads last."""
    import json

    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for path in sorted((i18n.LOCALE_DIR / "es").glob("*.json")):
        for english, spanish in json.loads(path.read_text(encoding="utf-8")).items():
            if english in seen and seen[english][1] != spanish:
                clashes.append(f"{english!r}: {seen[english][0]}={seen[english][1]!r}, {path.name}={spanish!r}")
            seen.setdefault(english, (path.name, spanish))
    assert not clashes, "\n".join(clashes)
