"""Email through SMTP when configured: each message queued, sent on the job queue, recorded."""
