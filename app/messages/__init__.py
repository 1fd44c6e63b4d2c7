"""The texts users read, in Chinese and English: one module per domain, plain data only.

No module here imports Flask or anything of ours outside this package, so the pure scorer can
use it too; app/i18n.py picks the language. docs/messages.md says why and how to add a text.
"""
