"""The compiler: TLA+ definitions, expressions and actions to generated Python functions (see ``core``)."""
