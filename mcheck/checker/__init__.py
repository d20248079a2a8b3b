"""The engines over a model: breadth-first search, simulation, replay, liveness, and their outcome."""
