"""followthru: a local-first follow-up engine for a professional network.

The package import stays light on purpose: the CLI's start-up time is a feature, so
SQLAlchemy and friends are imported only by the modules that need them.
"""

__version__ = "0.1.0"
