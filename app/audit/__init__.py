"""The audit log, on the ground floor: accounts, review and exports all record through it.

service.record_event(s) writes an event with the request's client address, request id and user
agent, in a transaction of its own; routes.py lets admins read the log.
"""
