"""The ground every area stands on: database, money, units, time, codes,
languages, paths, users and roles, settings, audit and backups."""
