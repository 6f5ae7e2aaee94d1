"""Core subcommands: init, demo, user, settings, check, backup, restore."""

from __future__ import annotations

import sys
from pathlib import Path

from smedesk.core import backup as backups
from smedesk.core import business, health, paths, settings, users
from smedesk.core.cli_support import business_session, db_path, open_business, print_json, table
from smedesk.core.db import open_db
from smedesk.core.errors import DatabaseProblem, ValidationError
from smedesk.core.i18n import tr

# The modules whose settings.define calls name an area's settings: loaded before
# a settings command, so a fresh `smedesk settings get` knows every default and
# `set` checks the value as the window does (tests/core/test_cli.py keeps the list whole).
DEFINERS = (
    "smedesk.accounts.withholdings", "smedesk.einvoice.fiscal", "smedesk.einvoice.routing",
    "smedesk.exportplan.rates", "smedesk.production.cost_inputs", "smedesk.stock.needs",
    "smedesk.stock.requirements", "smedesk.sync.config", "smedesk.tenders.client", "smedesk.tracking.forecast",
    "smedesk.tracking.worktime",
)


def _load_definitions() -> None:
    import importlib

    for name in DEFINERS:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:  # an area left out of this build
            if not (exc.name and name.startswith(exc.name)):
                raise


def register(sub, parent) -> None:
    p = sub.add_parser("init", parents=[parent], help="create a new business file")
    p.add_argument("--name", required=True)
    p.add_argument("--ruc", required=True)
    p.add_argument("--owner", required=True)
    p.add_argument("--pin", required=True)
    p.add_argument("--address", default="")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", parents=[parent], help="create a demo business")
    p.add_argument("--kind", choices=("furniture", "garments"), default="furniture")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("user", parents=[parent], help="users of the business")
    usub = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    a = usub.add_parser("add", parents=[parent], help="add a user")
    a.add_argument("name")
    a.add_argument("--role", choices=("owner", "staff"), required=True)
    a.add_argument("--pin", required=True)
    a.add_argument("--badge", default=None)
    a.set_defaults(handler=cmd_user_add)
    a = usub.add_parser("reset-pin", parents=[parent], help="give a user who forgot their PIN a new one")
    a.add_argument("name")
    a.add_argument("--pin", required=True)
    a.set_defaults(handler=cmd_user_reset_pin)
    a = usub.add_parser("change-pin", parents=[parent], help="change your own PIN, giving the old one")
    a.add_argument("name")
    a.add_argument("--old", required=True)
    a.add_argument("--pin", required=True)
    a.set_defaults(handler=cmd_user_change_pin)
    a = usub.add_parser("list", parents=[parent], help="list users")
    a.add_argument("--json", action="store_true")
    a.set_defaults(handler=cmd_user_list)

    p = sub.add_parser("settings", parents=[parent], help="business settings")
    ssub = p.add_subparsers(dest="settings_command", metavar="ACTION", required=True)
    a = ssub.add_parser("get", parents=[parent])
    a.add_argument("key")
    a.set_defaults(handler=cmd_settings_get)
    a = ssub.add_parser("set", parents=[parent])
    a.add_argument("key")
    a.add_argument("value")
    a.set_defaults(handler=cmd_settings_set)
    a = ssub.add_parser("list", parents=[parent])
    a.set_defaults(handler=cmd_settings_list)

    p = sub.add_parser("check", parents=[parent], help="check the business file is sound")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("backup", parents=[parent], help="back up the business file")
    p.add_argument("--to", metavar="DIR", default=None)
    p.add_argument("--keep", type=int, default=None)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", parents=[parent], help="restore a backup")
    p.add_argument("file")
    p.set_defaults(handler=cmd_restore)


def cmd_init(args) -> int:
    path = db_path(args)
    new = business.NewBusiness(args.name, args.ruc, args.owner, args.pin, args.address)
    business.validate(new)
    if not path.parent.exists():
        raise DatabaseProblem(tr("The folder {folder} does not exist.", folder=path.parent))
    db = business.create(path, new)
    db.close()
    print(tr("Business «{name}» created in {path}", name=new.name.strip(), path=path))
    return 0


def cmd_demo(args) -> int:
    from smedesk import demo

    path = db_path(args)
    if path.exists():
        print(tr("There is already a file at {path}; it was not touched.", path=path), file=sys.stderr)
        return 1
    if not path.parent.exists():
        raise DatabaseProblem(tr("The folder {folder} does not exist.", folder=path.parent))
    db = demo.create(path, args.kind)
    name = business.get(db)["name"]
    db.close()
    print(tr("Demo business «{name}» created in {path}", name=name, path=path))
    return 0


def cmd_user_add(args) -> int:
    with business_session(args) as (db, owner):
        users.add_user(db, args.name, args.role, args.pin, badge=args.badge, actor=owner)
    print(tr("User «{name}» added.", name=args.name.strip()))
    return 0


def _user_named(db, name: str) -> dict:
    found = users.find_user(db, name)
    if found is None:
        raise ValidationError(tr("There is no user «{name}».", name=name.strip()), field="user")
    return found


def cmd_user_reset_pin(args) -> int:
    with business_session(args) as (db, owner):
        user = _user_named(db, args.name)
        users.reset_pin(db, user["id"], args.pin, actor=owner)
    print(tr("New PIN set for «{name}».", name=user["name"]))
    return 0


def cmd_user_change_pin(args) -> int:
    with business_session(args) as (db, _owner):
        user = _user_named(db, args.name)
        users.change_own_pin(db, args.old, args.pin, actor=users.actor_for(user))
    print(tr("PIN changed for «{name}».", name=user["name"]))
    return 0


def cmd_user_list(args) -> int:
    with business_session(args) as (db, _owner):
        found = users.list_users(db)
    if args.json:
        print_json(found)
    else:
        print(table(found, ["id", "name", "role", "badge"]))
    return 0


def cmd_settings_get(args) -> int:
    _load_definitions()
    with business_session(args) as (db, _owner):
        value = settings.get(db, args.key)
    if value is None:
        print(tr("The setting {key} has no value.", key=args.key), file=sys.stderr)
        return 1
    print(value)
    return 0


def cmd_settings_set(args) -> int:
    _load_definitions()
    with business_session(args) as (db, owner):
        settings.set(db, args.key, args.value, actor=owner)
    return 0


def cmd_settings_list(args) -> int:
    _load_definitions()
    with business_session(args) as (db, _owner):
        values = settings.all_settings(db)
    for key in sorted(values):
        print(f"{key} = {values[key]}")
    return 0


def cmd_check(args) -> int:
    path = db_path(args)
    db = open_db(path, migrate=False)
    try:
        result = health.check(db)
    finally:
        db.close()
    if result.ok:
        print(tr("The file {path} is sound (schema version {version}).", path=path, version=result.schema_version))
        return 0
    for problem in result.problems:
        print(problem, file=sys.stderr)
    return 1


def cmd_backup(args) -> int:
    path = db_path(args)
    with business_session(args) as (db, owner):
        folder = Path(args.to) if args.to else paths.default_backup_dir(path)
        dest = backups.backup(db, path, folder, actor=owner, keep=args.keep)
    print(tr("Backup written to {path}", path=dest))
    return 0


def cmd_restore(args) -> int:
    path = db_path(args)
    if path.exists():
        db, owner = open_business(args)
        db.close()
    else:
        from smedesk.core.roles import SYSTEM as owner
    aside = backups.restore(path, Path(args.file), actor=owner)
    print(tr("Restored {backup} into {path}.", backup=args.file, path=path))
    if aside:
        print(tr("The previous file was kept at {aside}", aside=aside))
    return 0
