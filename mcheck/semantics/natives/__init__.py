"""The natives: Python implementations of the standard and community modules' operators (see registry)."""
