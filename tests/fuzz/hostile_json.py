"""Generated JSON that tries every kind of value the app could be handed: huge integers (past
Python's 4,300-digit limit), NaN and infinities, lone surrogates, control characters, deep
nesting and wrong types. Documents are written as JSON text by hand (``dumps``), because
``json.dumps`` itself refuses some of these."""

from __future__ import annotations

import math

from hypothesis import strategies as st


class Huge:
    """An integer literal of ``digits`` digits, written as text."""

    def __init__(self, digits: int, negative: bool = False):
        self.digits, self.negative = digits, negative

    def __repr__(self) -> str:
        return f"Huge({self.digits})"


class Deep:
    """``depth`` nested lists (or objects) around nothing."""

    def __init__(self, depth: int, objects: bool):
        self.depth, self.objects = depth, objects

    def __repr__(self) -> str:
        return f"Deep({self.depth})"


NASTY_TEXT = st.sampled_from([
    "\ud800", "a\udfffb", "\udbff\udfff"[0], "\x00", "nul\x00in", "\x1b[2J\x1b[31mred", "\u202eevil",
    "\r\n", "\x7f\x80\x9f", "<b>Jo", "'; DROP TABLE households; --", "\ufeff", "\U0001F600", "",
    " ", "unknown", "a" * 5000,
])
TEXT = st.one_of(st.text(max_size=12), NASTY_TEXT,
                 st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0xDFFF, exclude_categories=()),
                         max_size=8))
LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-10**40, 10**40),
    st.builds(Huge, st.integers(31, 6000), st.booleans()),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -0.0]),
    TEXT,
    st.builds(Deep, st.integers(20, 3000), st.booleans()),
)
VALUE = st.recursive(LEAF, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8)


def _string(text: str) -> str:
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")  # a lone surrogate is legal JSON text, written escaped
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def dumps(value) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, Huge):
        return ("-" if value.negative else "") + "9" * value.digits
    if isinstance(value, Deep):
        open_, close = ('{"a":', "}") if value.objects else ("[", "]")
        return open_ * value.depth + "0" + close * value.depth
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(_string(k) + ":" + dumps(v) for k, v in value.items()) + "}"
    raise TypeError(value)


def paths(doc) -> list[list]:
    """Every path in ``doc`` (the empty path is the whole document)."""
    found: list[list] = []

    def walk(node, path):
        found.append(path)
        if isinstance(node, dict):
            for key, item in node.items():
                walk(item, path + [key])
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, path + [i])

    walk(doc, [])
    return found


def mutate(doc, data, *, at_most: int = 3):
    """``doc`` with one to ``at_most`` values replaced (or keys added) by hostile ones."""
    import copy

    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, at_most))):
        where = data.draw(st.sampled_from(paths(doc)))
        value = data.draw(VALUE)
        if not where:
            return value
        node = doc
        for key in where[:-1]:
            node = node[key]
        if isinstance(node, dict) and data.draw(st.booleans()):
            node[data.draw(TEXT)] = value  # a new key beside the old ones
        else:
            node[where[-1]] = value
    return doc
