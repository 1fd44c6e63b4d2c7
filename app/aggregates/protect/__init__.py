"""Disclosure control within one published table (pure): which cells and figures stay hidden."""
