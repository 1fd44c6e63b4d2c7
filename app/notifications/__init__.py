"""In-app notifications and campaign reminders: what the domains' events tell each user."""
