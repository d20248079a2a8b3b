"""DST for mcheck itself: corpus specs and .cfgs with one fault each (``python -m tests.fuzz``)."""
