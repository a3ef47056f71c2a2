"""Clients for servers outside followthru: bytes on the wire in, plain records or errors out."""
