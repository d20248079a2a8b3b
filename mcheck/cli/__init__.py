"""The ``mcheck`` command line: check, parse, replay, simulate, explore."""
