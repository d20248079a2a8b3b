"""From parsed modules to a model: modules and names, values, natives, the compiler, the model builder."""
