"""Helpers for fuzzing the data-file parsers: damage a file's text, or one place in its parsed tree."""

from __future__ import annotations

from hypothesis import strategies as st

from kinship_app.data._files import DataError

DAMAGE = ['"', "'", "[", "]", "[[", "=", "\n", "0", "-", ".", "{", "}", ",", "#", "x", "", "\\", "\u00e9",
          "\x00", "\r", "true", "1e999", "-5", "2026-13-40", "2026-04-06", "nan", "inf", '"""', ",,", "E0"]


def damaged(data, text: str) -> str:
    for _ in range(data.draw(st.integers(1, 5), label="edits")):
        pos = data.draw(st.integers(0, len(text)), label="at")
        cut = data.draw(st.integers(0, 15), label="cut")
        text = text[:pos] + data.draw(st.sampled_from(DAMAGE), label="insert") + text[pos + cut:]
    return text


def only_clear_errors(parse, raw: bytes) -> None:
    try:
        parse(raw)
    except DataError as exc:
        assert exc.path == "fuzz" and exc.message and "\n" not in exc.field


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**7), st.floats(allow_nan=True),
                   st.text(max_size=8), st.dates(), st.datetimes(),
                   st.sampled_from(["s", "week", "GBP", "london", "0-2", "year", "2026-04-06"]))
VALUE = st.recursive(SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(["london", "0-2", "s", "value", "x"]), inner, max_size=3), max_leaves=6)


def mutated(data, node):
    """A copy of ``node`` with one place, anywhere in the tree, changed, removed or added to."""
    if not isinstance(node, (dict, list)) or not node:
        return data.draw(VALUE, label="replacement")
    copy = dict(node) if isinstance(node, dict) else list(node)
    key = data.draw(st.sampled_from(list(copy) if isinstance(copy, dict) else range(len(copy))), label="key")
    # Mostly go deeper, so that the damage reaches every level of the file.
    action = data.draw(st.sampled_from(["deeper"] * 8 + ["change", "remove", "add"]), label="action")
    if action == "deeper":
        copy[key] = mutated(data, copy[key])
    elif action == "change":
        copy[key] = data.draw(VALUE, label="value")
    elif action == "remove":
        del copy[key]
    elif isinstance(copy, list):
        copy.append(data.draw(VALUE, label="added"))
    else:
        copy[data.draw(st.sampled_from(["x", "value", "values", "dims", "sources"]), label="new")] = \
            data.draw(VALUE, label="added")
    return copy


