"""Pure logic: no I/O, no database, no clock (today is always a parameter)."""
