"""The sender as its own process, for the crash test: send until nothing is
left (python -m tests.einvoice.crash_sender DB URL)."""

import sys

from smedesk.core.db import open_db
from smedesk.core.users import owner_actor
from smedesk.einvoice import sending
from smedesk.einvoice.client import SunatClient
from tests.einvoice.signed import TestPart1
from tests.sunat.conftest import PASSWORD, USER


def main(path: str, url: str) -> int:
    db = open_db(path)
    owner = owner_actor(db)
    client = SunatClient(url + "/billService", user=USER, password=PASSWORD,
                         consult_endpoint=url + "/billConsultService", timeout=(2.0, 5.0))
    part1 = TestPart1()
    for _ in range(50):
        if sending.run(db, client, part1, actor=owner).left == 0:
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
