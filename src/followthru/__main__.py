from followthru.cli.main import run

run()
