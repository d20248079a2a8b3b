"""The TLA+ front end: lexer, lark grammar, parser to an AST with spans, printer, the .cfg format, errors."""
