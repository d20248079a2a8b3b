"""``python -m mcheck``: the ``mcheck`` command, for an environment whose scripts are not on PATH."""
from mcheck.cli.main import main

if __name__ == "__main__":
    main(prog_name="mcheck")
