from smedesk.tenders import importer
from tests.seace.builder import record_package, release_package


def load(db, actor, *releases, as_records=True):
    package = record_package(list(releases)) if as_records else release_package(list(releases))
    return importer.import_package(db, package, "test", actor=actor)
