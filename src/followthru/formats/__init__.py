"""File formats: bytes in, plain records out (and back). No database."""
