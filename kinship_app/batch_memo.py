"""Batch answers worked out once per set of facts that matter: the same bytes as
``orjson.dumps(assess(case, as_of).to_json(language))``, much sooner.

A batch run (``kinship_app.batch``) answers tens of thousands of cases for one day and one language.
Most of an answer depends on only a little of what a case says: Child Benefit's rule never looks
at how many days the arrangement has lasted, the private fostering test only at whether it is 28
or more, the advice line's rule at nothing at all. So each pure piece of the assessment is kept,
with its JSON already written, keyed on **what that piece has been seen to learn about the facts**:

- the classification (``definition.classify``);
- each entitlement rule (``entitlements.RULES``), with what it asked for (``need``) and the reasons
  it added, replayed in order (the rules also learn the classification's values);
- the actions (``entitlements.actions_for``), which also learn the codes of the entitlements found;
- and the whole answer, keyed on all that the pieces have learned about the case's facts together.

What a piece learns is not declared by hand (a rule changed later could not then be forgotten):
the piece runs on a recording view of the case. A code, yes/no or council read is learned as its
value. A whole number (an age, a day count) is handed over as a stand-in that notes each
comparison with a plain whole number (``days >= 28``) and its outcome; anything else done with it
(writing it, hashing it, arithmetic, handing it to other code) notes its value. Two cases on which
a piece would learn the same things, with the same outcomes, make it run the same way (the pieces
are pure functions of the case, the classification and the day; the day and the data are fixed for
a run), so they get the same result. Results are found in two ways:

- a table keyed on everything the piece has learned in this run (each fact's value, or where a
  whole number falls among all the numbers it was compared with): quick to look up; widened, and
  emptied, when the piece learns about something new;
- a tree of what each run learned, in order, with the outcome at each step: it finds a result when
  the table's key is wider than this case needs (a rule that stopped early).

Anything the recording view cannot watch (``people``, a method of the case, the assessment's list
of missing facts, a value that cannot be a key, code that refuses the stand-in number) stops the
recording, and that line is answered the ordinary way: an answer never comes from a piece that
learned something unwatched. The top level of the answer (its fields in order) is checked against
``Assessment.to_json`` when an assessor is made.

Memory is bounded: a table is emptied when it holds ``LIMIT`` results (``ANSWERS`` for whole
answers), a tree when it has twice ``LIMIT`` nodes. The values a case's facts can take are checked
by ``parse_case`` (each field has one type: no ``1`` where ``True`` could be), which makes them
safe as keys.

``tests/batch/test_batch_memo.py`` holds every answer to the ordinary one, byte for byte (every rule
case in every language and on several days, hypothesis-made caseloads, tables emptied often, and
rules that use a number in every way the recording must notice), and checks that the rule cases
need no ordinary answer.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import operator
import re
from operator import attrgetter
from typing import Any, Callable

import orjson

from kinship_app.assess import assess
from kinship_app.case import Case
from kinship_app.definition import Classification, classify
from kinship_app.entitlements import RULES, Context, actions_for
from kinship_app.i18n import translator
from kinship_app.result import DEFINITION, Assessment

LIMIT = 1024  # results kept per piece before its table (or tree) is emptied: memory stays bounded
ANSWERS = 1024  # whole answers kept (each about 11 kB of JSON)
# The whole answers are looked up only while at least a quarter of lookups find one, judged every
# TRIAL lines; after a poor trial, PAUSE lines go straight to the pieces (a caseload whose facts
# all differ in many ways would otherwise pay for the lookup and keep nothing it finds again).
TRIAL, PAUSE = 2048, 16384
# Likewise each piece is recorded only while it found at least half of what it looked for past its
# table in its last PIECE_TRIAL lookups; otherwise it rests for PIECE_REST lines (worked out on the
# case itself, as ``assess`` does), then is tried again.
PIECE_TRIAL, PIECE_REST = 256, 4096
# And when, over LINE_TRIAL lines (not the first LINE_TRIAL, while every caseload is new), more than
# WORKED pieces a line had to be worked out (of 23), the next LINE_REST lines are answered the
# ordinary way, which is then no slower (a caseload drawn at random in every field); then reuse is
# tried again.
LINE_TRIAL, WORKED, LINE_REST = 256, 4, 8192

# The answer's fields, in order, as Assessment.to_json writes them: checked when an assessor is made,
# so a field added there is never left out here (the ordinary answer is used instead).
_TOP = ("definition", "as_of", "language", "kinship", "category", "flags", "reasons", "missing",
        "entitlements", "actions")
_PARTS = ("child", "carer", "arrangement", "household")
_PART_FIELDS = {name: frozenset(f.name for f in dataclasses.fields(Case.__dataclass_fields__[name].default_factory()))
                for name in _PARTS}


class _Unwatched(BaseException):
    """A piece read something the recording view cannot watch: answer this line the ordinary way.
    (Not an ``Exception``, so that a rule's own ``except Exception`` or ``getattr(x, name, default)``
    cannot swallow it and go on as if the thing were not there.)"""


_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
        "!=": operator.ne}
_PATH = re.compile(r"^((case\.(child|carer|arrangement|household)|cls)\.[a-z_]+|found)$")


class _Recorder:
    """What one run of a piece learned about the facts: a fact's value (``exact``), or, for a whole
    number, only whether it is known and how it compares with the numbers it was compared with
    (``numeric``: each fact's comparisons, in order), so that "28 days or more" is what a key holds,
    not the day count."""

    __slots__ = ("exact", "numeric", "order", "numbers", "seen")

    def __init__(self) -> None:
        self.exact: dict[str, Any] = {}
        self.numeric: dict[str, dict[tuple[str, int], None]] = {}
        self.order: dict[str, None] = {}
        self.numbers: list[_Number] = []
        # Each thing learned, in the order it was learned, with what it was: (what, outcome).
        self.seen: dict[tuple[Any, ...], Any] = {}

    def read(self, path: str, value: Any) -> Any:
        self.order[path] = None
        if value.__class__ is int:
            self.numeric.setdefault(path, {})
            self.seen.setdefault(("z", path), False)
            number = _Number(value, path, self)
            self.numbers.append(number)
            return number
        if value is None:
            self.numeric.setdefault(path, {})
            self.seen.setdefault(("z", path), True)
        else:
            self.exact[path] = value
            self.seen.setdefault(("v", path), value)
        return value

    def done(self) -> None:
        """The piece is recorded: the numbers it was given are only their values from now on, and
        every value learned must be able to be part of a key."""
        for number in self.numbers:
            number._rec = None
        self.numbers = []
        for value in self.exact.values():
            hash(value)  # TypeError: this line is answered the ordinary way


class _Number:
    """A whole number read from a case while recording: a comparison with another whole number is
    noted as such; anything else (printing it, hashing it, arithmetic, JSON) notes its value. It
    passes ``isinstance(x, int)`` as the number does. Once its piece is recorded (``_rec`` None) it
    is only its value."""

    __slots__ = ("_v", "_path", "_rec")

    def __init__(self, value: int, path: str, rec: _Recorder | None) -> None:
        self._v, self._path, self._rec = value, path, rec

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # noqa: D105 - isinstance(x, int) and x.__class__ as for the number
        return int

    def _exact(self) -> int:
        if self._rec is not None:
            self._rec.exact[self._path] = self._v
            self._rec.seen.setdefault(("v", self._path), self._v)
        return self._v

    def _compare(self, op: str, other: Any) -> bool:
        if other.__class__ is int and not isinstance(other, _Number) and self._rec is not None:
            outcome = _OPS[op](self._v, other)
            self._rec.numeric[self._path][(op, other)] = None
            self._rec.seen.setdefault(("c", self._path, op, other), outcome)
            return outcome
        return _OPS[op](self._exact(), _plain(other))

    def __lt__(self, other: Any) -> bool:
        return self._compare("<", other)

    def __le__(self, other: Any) -> bool:
        return self._compare("<=", other)

    def __gt__(self, other: Any) -> bool:
        return self._compare(">", other)

    def __ge__(self, other: Any) -> bool:
        return self._compare(">=", other)

    def __eq__(self, other: Any) -> bool:  # type: ignore[override]
        return self._compare("==", other)

    def __ne__(self, other: Any) -> bool:  # type: ignore[override]
        return self._compare("!=", other)

    def __bool__(self) -> bool:
        return self._compare("!=", 0)

    def __hash__(self) -> int:
        return hash(self._exact())

    def __getattr__(self, name: str) -> Any:  # .real, .bit_length(), ...
        return getattr(self._exact(), name)


def _plain(value: Any) -> Any:
    return value._exact() if isinstance(value, _Number) else value


def _exact_method(name: str) -> Callable[..., Any]:
    method = getattr(int, name)

    def exact(self: _Number, *args: Any) -> Any:
        return method(self._exact(), *(_plain(a) for a in args))

    exact.__name__ = name
    return exact


for _name in ("__str__", "__repr__", "__format__", "__index__", "__int__", "__float__", "__round__",
              "__trunc__", "__floor__", "__ceil__", "__neg__", "__pos__", "__abs__", "__invert__", "__add__",
              "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__", "__rtruediv__",
              "__floordiv__", "__rfloordiv__", "__mod__", "__rmod__", "__divmod__", "__rdivmod__", "__pow__",
              "__rpow__", "__lshift__", "__rlshift__", "__rshift__", "__rrshift__", "__and__", "__rand__",
              "__or__", "__ror__", "__xor__", "__rxor__", "__reduce_ex__", "__sizeof__"):
    setattr(_Number, _name, _exact_method(_name))


def _json_default(value: Any) -> Any:
    """orjson's ``default`` while a piece is recorded: a recorded number is written as its value."""
    if isinstance(value, _Number):
        return value._exact()
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


class _Part:
    """A recording view of one part of a case (child, carer, ...): each field read is noted."""

    __slots__ = ("_obj", "_prefix", "_rec", "_fields")

    def __init__(self, obj: Any, prefix: str, rec: _Recorder, fields: frozenset[str]) -> None:
        self._obj, self._prefix, self._rec, self._fields = obj, prefix, rec, fields

    def __getattr__(self, name: str) -> Any:
        if name not in self._fields:
            raise _Unwatched(f"{self._prefix}.{name}")
        return self._rec.read(f"{self._prefix}.{name}", getattr(self._obj, name))


class _CaseView:
    """A recording view of a case: only its four parts, each a recording view (``people`` and the
    case's methods are not there: reading them stops the recording)."""

    __slots__ = _PARTS

    def __init__(self, case: Case, rec: _Recorder) -> None:
        for name in _PARTS:
            setattr(self, name, _Part(getattr(case, name), f"case.{name}", rec, _PART_FIELDS[name]))

    def __getattr__(self, name: str) -> Any:
        raise _Unwatched(f"case.{name}")


class _ClsValues:
    """A classification's values that rules may read (flags as a tuple, so they can be a key)."""

    __slots__ = ("kinship", "category", "flags", "private_fostering", "as_of")

    def __init__(self, cls: Classification) -> None:
        self.kinship, self.category, self.flags = cls.kinship, cls.category, tuple(cls.flags)
        self.private_fostering, self.as_of = cls.private_fostering, cls.as_of


class _ReasonsAdded:
    """What a rule sees as ``cls.reasons``: it may add a reason (kept, and replayed), nothing else."""

    __slots__ = ("added",)

    def __init__(self) -> None:
        self.added: list[Any] = []

    def append(self, reason: Any) -> None:
        self.added.append(reason)

    def __getattr__(self, name: str) -> Any:
        raise _Unwatched(f"cls.reasons.{name}")


class _PlainCls:
    """What a rule sees of the classification when it is worked out without recording."""

    __slots__ = ("kinship", "category", "flags", "private_fostering", "as_of", "reasons")

    def __init__(self, values: _ClsValues) -> None:
        self.kinship, self.category, self.flags = values.kinship, values.category, values.flags
        self.private_fostering, self.as_of = values.private_fostering, values.as_of
        self.reasons = _ReasonsAdded()


class _ClsView:
    """A recording view of the classification a rule is given."""

    __slots__ = ("_values", "_rec", "reasons")

    def __init__(self, values: _ClsValues, rec: _Recorder) -> None:
        self._values, self._rec, self.reasons = values, rec, _ReasonsAdded()

    def __getattr__(self, name: str) -> Any:
        if name not in _ClsValues.__slots__:
            raise _Unwatched(f"cls.{name}")
        return self._rec.read(f"cls.{name}", getattr(self._values, name))


class _RecordingContext(Context):
    """The rules' ``Context`` over recording views; ``need`` is noted, to be replayed in order."""

    def __init__(self, case: _CaseView, cls: _ClsView, as_of: dt.date) -> None:  # noqa: D107
        self.case, self.cls, self.as_of = case, cls, as_of  # type: ignore[assignment]
        self.needs: list[str] = []

    @property
    def missing(self) -> list[str]:  # type: ignore[override]
        raise _Unwatched("ctx.missing")

    def need(self, name: str) -> None:
        self.needs.append(name)


class _Line:
    """What a key is read from: the case, its classification's values and the entitlements' codes."""

    __slots__ = ("case", "cls", "found")

    def __init__(self, case: Case) -> None:
        self.case = case
        self.cls: _ClsValues | None = None
        self.found: tuple[str, ...] = ()


class _Found:
    """What the actions see of an entitlement found: its code (anything else: not watched)."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code


class _Memo:
    """One pure piece's results, keyed on all it has learned about the facts in this run (the union
    of its recordings: a fact's value, or a whole number's comparisons)."""

    __slots__ = ("known", "key", "table", "limit", "tree", "nodes", "tried", "missed", "resting")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        # Lookups past the table, and of those how many found nothing (so the piece was recorded), in
        # this trial; ``resting``: lines still to go without recording the piece.
        self.tried = self.missed = self.resting = 0
        self.known = _Recorder()
        self.key: Callable[[_Line], Any] = _no_key
        self.table: dict[Any, Any] = {}
        # The same results by what each run learned, in order: a node is [what is learned next, how to
        # learn it from a line, {outcome: next node}], a result is a _Result. Where the table's key
        # (all that was ever learned) tells apart lines that this piece, run on them, would not,
        # the tree still finds the result (a rule that stops early reads few facts).
        self.tree: Any = None
        self.nodes = 0

    def judge(self) -> None:
        """After a trial in which most results had to be worked out, rest from recording: a piece
        recorded costs several times a plain run, and a caseload whose facts rarely repeat for this
        piece would pay that on most lines."""
        if self.missed * 2 > self.tried:
            self.resting = PIECE_REST
        self.tried = self.missed = 0

    def find(self, line: _Line) -> Any:
        """The result kept for a line like this one, found in the tree (None if there is none)."""
        node = self.tree
        while node.__class__ is list:
            node = node[2].get(node[1](line))
        return node.value if node is not None else None

    def grow(self, seen: dict[tuple[Any, ...], Any], value: Any) -> None:
        """Keep ``value`` in the tree at the end of the path ``seen`` (what one run learned, in order)."""
        if self.nodes >= self.limit * 2:
            self.tree, self.nodes = None, 0
        steps = list(seen.items())
        if not steps:
            self.tree = _Result(value)
            return
        if self.tree is None:
            self.tree = _node(steps[0][0])
            self.nodes += 1
        node = self.tree
        for i, (what, outcome) in enumerate(steps):
            if node.__class__ is not list or node[0] != what:
                return  # the piece learned something else here before: leave the tree as it is
            following = node[2].get(outcome)
            if following is None:
                following = _Result(value) if i == len(steps) - 1 else _node(steps[i + 1][0])
                node[2][outcome] = following
                self.nodes += 1
            node = following

    def learn(self, rec: _Recorder) -> bool:
        """Widen the key to what ``rec`` learned that is not in it yet (dropping what was kept);
        whether it was widened."""
        known, wider = self.known, False
        for path in rec.order:
            if path not in known.order:
                known.order[path] = None
                wider = True
        for path, value in rec.exact.items():
            if path not in known.exact:
                known.exact[path] = value
                wider = True
        for path, tests in rec.numeric.items():
            have = known.numeric.setdefault(path, {})
            for test in tests:
                if test not in have:
                    have[test] = None
                    wider = path not in known.exact or wider
        if wider:
            self.key = _key_function(known)
            self.table.clear()
        return wider

    def keep(self, key: Any, value: Any) -> None:
        if len(self.table) >= self.limit:
            self.table.clear()
        self.table[key] = value


def _no_key(_line: _Line) -> tuple[()]:
    return ()


class _Result:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _node(what: tuple[Any, ...]) -> list[Any]:
    """A tree node learning ``what`` from a line: a value, whether a value is known, or a comparison."""
    kind, path = what[0], what[1]
    if not _PATH.match(path):
        raise _Unwatched(path)
    get = attrgetter(path)
    if kind == "v":
        learn = get
    elif kind == "z":
        def learn(line: _Line) -> bool:
            return get(line) is None
    else:
        op, number = _OPS[what[2]], what[3]

        def learn(line: _Line) -> bool:
            return op(get(line), number)
    return [what, learn, {}]


def _key_function(known: _Recorder) -> Callable[[_Line], Any]:
    """A function of a line giving its key: for each fact learned about, in order, its value, or for
    a whole number only compared, None when it is not known, else where it falls among the numbers
    it was compared with (which settles every one of those comparisons)."""
    namespace: dict[str, Any] = {"_bisect": bisect.bisect_left}
    body: list[str] = []
    parts: list[str] = []
    holders: dict[str, str] = {}
    for i, path in enumerate(known.order):
        if not _PATH.match(path):
            raise _Unwatched(path)
        prefix, _dot, name = path.rpartition(".")
        if prefix:
            if prefix not in holders:
                holders[prefix] = f"h{len(holders)}"
                body.append(f"    {holders[prefix]} = line.{prefix}")
            body.append(f"    v{i} = {holders[prefix]}.{name}")
        else:
            body.append(f"    v{i} = line.{name}")
        if path in known.exact:
            parts.append(f"v{i}")
            continue
        tests = known.numeric.get(path, {})
        for op, number in tests:
            if op not in _OPS or number.__class__ is not int:
                raise _Unwatched(path)
        if not tests:
            parts.append(f"v{i} is None")
        elif len(tests) <= 2:
            outcomes = "".join(f"v{i} {op} {number!r}, " for op, number in tests)
            parts.append(f"(None if v{i} is None else ({outcomes}))")
        else:
            bounds = sorted({number for _op, number in tests})
            namespace[f"b{i}"], namespace[f"s{i}"] = tuple(bounds), frozenset(bounds)
            parts.append(f"(None if v{i} is None else (_bisect(b{i}, v{i}), v{i} in s{i}))")
    source = "def key(line):\n" + "\n".join(body) + "\n    return (" + "".join(p + ", " for p in parts) + ")\n"
    exec(compile(source, "<batch key>", "exec"), namespace)  # noqa: S102 - made above from checked names
    return namespace["key"]


def _dumps_field(name: str, value: Any) -> bytes:
    return orjson.dumps(name) + b":" + orjson.dumps(value)


class BatchAssessor:
    """Answers for one day and one language, as ``orjson.dumps(assess(case, as_of).to_json(language))``.

    ``answer(case)`` raises what the ordinary answer raises (a line that cannot be answered the quick
    way is answered the ordinary way). ``ordinary`` counts those lines (the tests check that no rule
    case needs one)."""

    def __init__(self, as_of: dt.date, language: str) -> None:
        self.as_of, self.language = as_of, language
        self.ordinary = 0
        self.quick = bool(language) and _top_fields_as_expected(as_of, language)
        if self.quick:
            self._head = (b"{" + _dumps_field("definition", DEFINITION) + b"," + _dumps_field("as_of", as_of.isoformat())
                          + b"," + _dumps_field("language", language) + b',"kinship":')
        # The whole answer, keyed on all that every piece has learned about the case's own facts (a
        # line whose facts agree on all of it gets every piece's same result); made again, and
        # emptied, whenever a piece learns more (``_learned`` counts those times).
        self._answers = _Memo(ANSWERS)
        self._answers_for = -1
        self._tried = self._found = self._paused = 0
        self._plain = False
        # Pieces worked out (recorded or not) over the last lines judged, and lines still to answer the
        # ordinary way (see LINE_TRIAL).
        self._worked = self._judged = self._resting = self._trials = 0
        self._learned = 0
        self._classes = _Memo(LIMIT)
        self._rules = [(_Memo(LIMIT), r) for r in RULES]
        self._actions = _Memo(LIMIT)
        self._missing: dict[tuple[str, ...], bytes] = {}

    def answer(self, case: Case) -> bytes:
        if self.quick:
            if self._resting:
                self._resting -= 1
                return orjson.dumps(assess(case, self.as_of).to_json(self.language))
            try:
                out = self._answer(case)
            except (Exception, _Unwatched):  # noqa: BLE001 - the ordinary way gives the answer, or the same error
                pass
            else:
                self._judged += 1
                if self._judged >= LINE_TRIAL:
                    if self._trials and self._worked > WORKED * self._judged:
                        self._resting = LINE_REST
                    self._judged = self._worked = 0
                    self._trials += 1
                return out
        self.ordinary += 1
        return orjson.dumps(assess(case, self.as_of).to_json(self.language))

    # -- the quick way ------------------------------------------------------------------------------

    def _answer(self, case: Case) -> bytes:
        line = _Line(case)
        if self._paused:
            self._paused -= 1
            return self._pieces(case, line)
        answers = self._answers
        if self._answers_for != self._learned:
            self._remake_answers()
        out = answers.table.get(answers.key(line))
        self._tried += 1
        if out is None:
            out = self._pieces(case, line)
            if not self._plain:  # a piece worked out without recording: its key would not cover it
                if self._answers_for != self._learned:
                    self._remake_answers()
                answers.keep(answers.key(line), out)
        else:
            self._found += 1
        if self._tried >= TRIAL:
            if self._found * 4 < self._tried:
                self._paused = PAUSE
                answers.table.clear()
            self._tried = self._found = 0
        return out

    def _remake_answers(self) -> None:
        """The whole answer's key: every piece's knowledge of the case's facts together (what a rule
        learned about the classification is covered by what the classification learned, and what
        the actions learned about the entitlements found by what the rules learned)."""
        union = _Recorder()
        for memo in (self._classes, *(m for m, _rule in self._rules), self._actions):
            known = memo.known
            for path in known.order:
                if path.startswith("case."):
                    union.order[path] = None
            for path, value in known.exact.items():
                if path.startswith("case."):
                    union.exact[path] = value
            for path, tests in known.numeric.items():
                if path.startswith("case."):
                    union.numeric.setdefault(path, {}).update(tests)
        answers = self._answers
        answers.key = _key_function(union)
        answers.table.clear()
        self._answers_for = self._learned

    def _pieces(self, case: Case, line: _Line) -> bytes:
        self._plain = False
        memo = self._classes
        key = None if memo.resting else memo.key(line)
        entry = None if key is None else memo.table.get(key)
        if entry is None:
            entry = self._classify(memo, case, line, key)
        missing_before, values, cls_json, reason_json = entry
        line.cls = values
        codes: list[str] = []
        ent_json: list[bytes] = []
        reasons = reason_json
        needs: list[str] | None = None
        plain: _RecordingContext | None = None
        for memo, rule in self._rules:
            if memo.resting:  # worked out on the case itself while it rests from recording (see judge)
                memo.resting -= 1
                self._plain = True
                self._worked += 1
                if plain is None:
                    plain = _RecordingContext(case, _PlainCls(values), self.as_of)  # type: ignore[arg-type]
                else:
                    plain.needs, plain.cls.reasons = [], _ReasonsAdded()
                got = self._worded(rule(plain), plain)
            else:
                key = memo.key(line)
                got = memo.table.get(key)
                if got is None:
                    got = self._rule(memo, rule, case, values, line, key)
            code, ent_bytes, rule_needs, added = got
            if code is not None:
                codes.append(code)
                ent_json.append(ent_bytes)
            if rule_needs:
                if needs is None:
                    needs = []
                for name in rule_needs:  # Context.need, replayed
                    if name not in needs and name not in missing_before:
                        needs.append(name)
            if added:
                reasons = reasons + added
        missing = missing_before if not needs else (*missing_before, *needs)
        missing_json = self._missing.get(missing)
        if missing_json is None:
            missing_json = orjson.dumps(list(missing))
            if len(self._missing) >= LIMIT:
                self._missing.clear()
            self._missing[missing] = missing_json
        line.found = tuple(codes)
        memo = self._actions
        key = None if memo.resting else memo.key(line)
        act_json = None if key is None else memo.table.get(key)
        if act_json is None:
            act_json = self._act(memo, case, values, line, key)
        return b"".join((self._head, cls_json, b',"reasons":[', b",".join(reasons), b'],"missing":', missing_json,
                         b',"entitlements":[', b",".join(ent_json), b'],"actions":[', act_json, b"]}"))

    # Each piece, not in its table: from its tree, else worked out (and recorded, unless the piece is
    # resting from recording: see _Memo.rest).

    def _classify(self, memo: _Memo, case: Case, line: _Line, key: Any) -> tuple[Any, ...]:
        rec = self._start(memo, line, key)
        if rec.__class__ is not _Recorder:
            return rec
        cls = classify(_CaseView(case, rec) if rec is not _PLAIN else case, self.as_of)  # type: ignore[arg-type]
        language = self.language
        values = _ClsValues(cls)
        cls_json = (_dumps(cls.kinship) + b"," + b'"category":' + _dumps(cls.category) + b","
                    + b'"flags":' + _dumps(list(cls.flags)))
        reason_json = tuple(_dumps(r.to_json(language)) for r in cls.reasons)
        missing = tuple(cls.missing)
        for name in missing:
            if name.__class__ is not str:
                raise _Unwatched("missing")
        return self._end(memo, rec, line, (missing, values, cls_json, reason_json))

    def _rule(self, memo: _Memo, rule: Callable[[Context], Any], case: Case, values: _ClsValues,
              line: _Line, key: Any) -> tuple[Any, ...]:
        rec = self._start(memo, line, key)
        if rec.__class__ is not _Recorder:
            return rec
        cls_view = _ClsView(values, rec if rec is not _PLAIN else _Recorder())
        ctx = _RecordingContext(_CaseView(case, rec) if rec is not _PLAIN else case,  # type: ignore[arg-type]
                                cls_view, self.as_of)
        return self._end(memo, rec, line, self._worded(rule(ctx), ctx))

    def _worded(self, ent: Any, ctx: _RecordingContext) -> tuple[Any, ...]:
        """A rule's result as kept: its code, its JSON, what it asked for and the reasons it added."""
        language = self.language
        got = (None if ent is None else ent.code, _dumps(ent.to_json(language)) if ent is not None else b"",
               tuple(ctx.needs), tuple(_dumps(r.to_json(language)) for r in ctx.cls.reasons.added))
        for name in (*got[2], *(() if got[0] is None else (got[0],))):
            if name.__class__ is not str:
                raise _Unwatched("need")
        return got

    def _act(self, memo: _Memo, case: Case, values: _ClsValues, line: _Line, key: Any) -> bytes:
        rec = self._start(memo, line, key)
        if rec.__class__ is not _Recorder:
            return rec
        found = [_Found(code) for code in line.found]
        if rec is _PLAIN:
            actions = actions_for(case, values, found, self.as_of)  # type: ignore[arg-type]
        else:
            rec.order["found"] = None
            rec.exact["found"] = line.found
            rec.seen[("v", "found")] = line.found
            actions = actions_for(_CaseView(case, rec), _ClsView(values, rec), found, self.as_of)  # type: ignore[arg-type]
        language = self.language
        return self._end(memo, rec, line, b",".join(_dumps(a.to_json(language)) for a in actions))

    def _start(self, memo: _Memo, line: _Line, key: Any) -> Any:
        """The piece's result from its tree (kept in its table too), or a recorder to work it out
        with (``_PLAIN``: work it out on the case itself, learning nothing)."""
        self._worked += 1
        if memo.resting:
            memo.resting -= 1
            self._plain = True
            return _PLAIN
        memo.tried += 1
        found = memo.find(line)
        if found is not None:
            self._worked -= 1
            memo.keep(key, found)
            return found
        memo.missed += 1
        if memo.tried >= PIECE_TRIAL:
            memo.judge()
        return _Recorder()

    def _end(self, memo: _Memo, rec: _Recorder, line: _Line, value: Any) -> Any:
        if rec is _PLAIN:
            return value
        rec.done()
        if memo.learn(rec):
            self._learned += 1
        memo.keep(memo.key(line), value)
        memo.grow(rec.seen, value)
        return value


_PLAIN = _Recorder()  # marks a piece worked out on the case itself (never recorded into)


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, default=_json_default)


def _top_fields_as_expected(as_of: dt.date, language: str) -> bool:
    """Whether an answer's JSON has exactly the fields, in the order, that the quick way writes (and
    the language has a catalogue: if not, the ordinary way says so, line by line)."""
    try:
        translator(language)
        shape = Assessment(as_of=as_of, kinship=None, category="undetermined").to_json(language)
    except ValueError:
        return False
    return tuple(shape) == _TOP
