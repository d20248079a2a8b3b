"""mcheck: a TLA+ model checker in pure Python."""
