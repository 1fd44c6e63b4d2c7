"""Accounts, sessions and the authorization policy."""
