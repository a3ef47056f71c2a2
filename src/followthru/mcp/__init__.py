"""The MCP server: an AI assistant reads the plan and records what happened.

Thin over the services like the CLI and the web app: tools parse typed arguments, call one
service, and answer with structured content and a short text. Imports of the `mcp` SDK stay
absolute (`from mcp...`), so they never mean this package.
"""
