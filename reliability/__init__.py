"""Reliability and security checks that anyone can rerun: kill tests, two
processes at once, damaged files, backups, hostile input, roles and secrets.
`reliability/run` runs them all and prints a summary table."""
