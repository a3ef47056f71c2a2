"""Clients for outside servers: protocol bytes in, the plain records `formats/` makes out."""
