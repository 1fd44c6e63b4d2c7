"""Taking a snapshot: the released population, its statistics in SQL, the cells published."""
