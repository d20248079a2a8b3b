"""The TLA+ Unicode table: each symbol is folded to the ASCII spelling the lexer knows.

Kept apart from the lexer so that the table (and a printer wanting Unicode
output one day) has one home.  Values are ASCII token texts, except for the
number sets, which become identifiers.
"""
from __future__ import annotations

#: Unicode symbol -> ASCII token text.
SYMBOLS: dict[str, str] = {
    "≜": "==", "∈": "\\in", "∉": "\\notin", "∀": "\\A", "∃": "\\E",
    "∧": "/\\", "∨": "\\/", "¬": "~", "⇒": "=>", "⟹": "=>", "⇔": "<=>", "≡": "<=>",
    "≠": "#", "≤": "<=", "≥": ">=", "⊆": "\\subseteq", "⊂": "\\subset",
    "⊇": "\\supseteq", "⊃": "\\supset", "∪": "\\cup", "∩": "\\cap",
    "⟨": "<<", "⟩": ">>", "→": "->", "↦": "|->", "×": "\\X", "□": "[]",
    "◇": "<>", "⇝": "~>", "⊕": "\\oplus", "⊖": "\\ominus", "⊗": "\\otimes",
    "⊘": "\\oslash", "⊙": "\\odot", "⊎": "\\uplus", "∘": "\\o", "≺": "\\prec",
    "≻": "\\succ", "⪯": "\\preceq", "⪰": "\\succeq", "⊏": "\\sqsubset",
    "⊐": "\\sqsupset", "⊑": "\\sqsubseteq", "⊒": "\\sqsupseteq", "⊔": "\\sqcup",
    "⊓": "\\sqcap", "≐": "\\doteq", "≈": "\\approx", "≅": "\\cong",
    "≃": "\\simeq", "∼": "\\sim", "≪": "\\ll", "≫": "\\gg", "∝": "\\propto",
    "≍": "\\asymp", "⊢": "|-", "⊣": "-|", "⊨": "|=", "⫤": "=|", "‖": "||",
    "⩴": "::=", "≔": ":=", "∷": "::", "⋅": "\\cdot", "·": "\\cdot", "÷": "\\div",
    "≀": "\\wr", "⋆": "\\star", "•": "\\bullet", "◯": "\\bigcirc", "…": "...",
    "↝": "~>", "⇸": "-+->", "▷": "-+->",
    "‥": "..", "‼": "!!", "⁇": "??", "●": "\\bullet", "⁺": "^+",
}

#: Unicode letters standing for the standard number sets.
NAMES: dict[str, str] = {"ℕ": "Nat", "ℤ": "Int", "ℝ": "Real"}

#: Box-drawing characters accepted in module delimiters.
DASH_CHARS = "─━"
EQUAL_CHARS = "═"
