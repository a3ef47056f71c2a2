"""The command line: parse arguments, call one service, render. Nothing heavy at import."""
