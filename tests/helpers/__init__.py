"""Helpers shared by test folders: real servers to test against, and the mail they carry.

A test module imports from here (`from helpers.mail import ...`) rather than from another
test module, so that moving or renaming a test file never breaks a neighbour's imports.
"""
