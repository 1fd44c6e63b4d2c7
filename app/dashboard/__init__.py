"""The regulator's dashboard: its jurisdiction at a glance, per campaign or per year."""
