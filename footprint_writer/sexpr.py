"""S-expression strings as KiCad reads them: one quoting rule, one parser.

KiCad's lexer (DSNLEXER) reads a quoted string up to the first unescaped `"` and turns
`\\"`, `\\\\`, `\\n`, `\\r`, `\\t` back into characters. A string written without escaping its
backslashes (`"0.8\\"`) or quotes ends early, and whatever follows is read as more tokens:
that is how free text in a description or a layer list could add a pad. So every string
ds2fp writes goes through `quote` (or `kiutils_text`, for strings kiutils quotes itself),
and every file ds2fp reads goes through `parse`, which understands the same escapes
(kiutils' own parser mis-reads a string ending in `\\\\`, e.g. in the official library's
`Pololu_Breakout-16_15.2x20.3mm`).
"""

import re
from typing import List, Union

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TO_ESCAPE = re.compile(r'[\\"\n\r\t]')
_NO_QUOTE_ESCAPE = re.compile(r"[\\\n\r\t]")

# The token grammar of kiutils' parser (numbers as int/float, bare words as str), with a
# quoted-string rule that honours escapes: the tree has the shape kiutils' from_sexpr expects.
_TOKENS = re.compile(r'''(?mx)
    \s*(?:
        (?P<brackl>\()|
        (?P<brackr>\))|
        (?P<num>[+-]?\d+\.\d+(?=[\ \)])|\-?\d+(?=[\ \)]))|
        (?P<sq>"(?:[^"\\]|\\.)*")|
        (?P<s>[^(^)\s]+)
       )''', re.DOTALL)
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)

Tree = Union[str, int, float, List["Tree"]]


def clean_text(value: str) -> str:
    """Free text without the control characters KiCad cannot keep (tabs and newlines are
    escaped by `quote`; the rest are dropped)."""
    return _CONTROL.sub("", str(value))


def quote(value: str) -> str:
    """`value` as one quoted KiCad string token."""
    text = clean_text(value)
    return '"' + _TO_ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], text) + '"'


def kiutils_text(value: str) -> str:
    """`value` prepared for a kiutils field: kiutils writes `"…"` and escapes `"` itself
    (its `dequote`), but neither backslashes nor line breaks; this escapes those."""
    text = clean_text(value)
    return _NO_QUOTE_ESCAPE.sub(lambda m: _ESCAPES[m.group(0)], text)


def unescape(body: str) -> str:
    """The characters of a quoted string's body (between its quotes)."""
    return _ESCAPED.sub(lambda m: _UNESCAPES.get(m.group(1), m.group(1)), body)


def parse(text: str) -> Tree:
    """Parse one S-expression into nested lists (a drop-in for kiutils' `parse_sexp`).

    Raises ValueError on unbalanced brackets or an unterminated string."""
    stack: List[list] = []
    out: list = []
    pos = 0
    for match in _TOKENS.finditer(text):
        if match.start() != pos and text[pos:match.start()].strip():
            raise ValueError(f"unreadable text at offset {pos}: {text[pos:pos + 20]!r}")
        pos = match.end()
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "brackl":
            stack.append(out)
            out = []
        elif kind == "brackr":
            if not stack:
                raise ValueError(f"unbalanced ')' at offset {match.start()}")
            done, out = out, stack.pop()
            out.append(done)
        elif kind == "num":
            number = float(value)
            out.append(int(number) if number.is_integer() else number)
        elif kind == "sq":
            out.append(unescape(value[1:-1]))
        else:
            if value.startswith('"'):
                raise ValueError(f"unterminated string at offset {match.start()}")
            out.append(value)
    if text[pos:].strip():
        raise ValueError(f"unreadable text at offset {pos}: {text[pos:pos + 20]!r}")
    if stack:
        raise ValueError(f"{len(stack)} unclosed '(' at the end")
    if not out:
        raise ValueError("no S-expression found")
    return out[0]
