"""Talking to the outside when a connection exists: outbox and inbox, the
marketplace adapters, USB bundles, and SEACE's open-contracting data."""
