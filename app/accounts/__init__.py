"""The administrator's account services, one-time codes and password recovery (docs/accounts.md)."""
