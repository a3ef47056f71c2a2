"""The demo network generator, outside the pure domain.

It draws seeded random numbers and pauses the garbage collector while it builds millions of
records: fine for a demo and a benchmark load, wrong for the domain, which must stay free of
anything but plain computation on the values it is given.
"""
