"""Any value anywhere in a household import, a new household or a change is a store error naming
the field, with nothing written; never a driver exception (issue: lone surrogates reached SQLite)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
from hostile_json import NASTY_TEXT, TEXT, VALUE, Deep, Huge, dumps, mutate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinship_app import jsonsafe
from kinship_app.store import CarerRecord, ChildRecord, InvalidDataError, Store

SAMPLE = json.loads((Path(__file__).parents[1] / "store" / "samples" / "household_export_v1.json").read_text())
sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from store_helpers import SGO, Clock  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "households.sqlite"
    with Store(f"sqlite:///{path}", clock=Clock(), worker="Fuzz", backup_dir=None) as s:
        yield s


def python_value(value):
    """The generated value as Python data (what the GUI or a script could hand the store)."""
    if isinstance(value, Huge):
        return -(10 ** value.digits) if value.negative else 10 ** value.digits
    if isinstance(value, Deep):
        node = 0
        for _ in range(min(value.depth, 200)):
            node = {"a": node} if value.objects else [node]
        return node
    if isinstance(value, list):
        return [python_value(v) for v in value]
    if isinstance(value, dict):
        return {k: python_value(v) for k, v in value.items()}
    return value


FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.data())
def test_import_any_value_anywhere(store, data):
    text = dumps(mutate(SAMPLE, data))
    before = store.count_households()
    try:
        doc = jsonsafe.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return  # the GUI says "is not a household file"; nothing reaches the store
    try:
        record = store.import_household(doc, keep_reference=False)
    except InvalidDataError as exc:
        assert exc.field and str(exc)
        assert store.count_households() == before
    else:
        assert store.get_household(record.id).reference == record.reference
        store.erase_household(record.id)


@FUZZ
@given(label=TEXT, name=TEXT, line=TEXT, phone=TEXT, facts_value=VALUE, people_value=VALUE,
       where=st.sampled_from(["child", "carer", "arrangement", "household"]))
def test_create_and_update_with_any_value(store, label, name, line, phone, facts_value, people_value, where):
    facts = json.loads(json.dumps(SGO))
    facts.setdefault(where, {})["age" if where == "child" else "relationship"] = python_value(facts_value)
    before = store.count_households()
    try:
        record = store.create_household(
            label=label, carers=[CarerRecord(name=name, address=(line,), phone=phone)],
            children=[ChildRecord(name=name, facts=facts, people={"x": python_value(people_value)})])
    except InvalidDataError as exc:
        assert exc.field and str(exc)
        assert store.count_households() == before
        record = store.create_household(label="plain")
    version = record.version
    try:
        store.update_household(record.id, label=label, carers=[CarerRecord(name=name, address=(line,))],
                               expected_version=version)
    except InvalidDataError as exc:
        assert exc.field
        assert store.get_household(record.id).version == version  # nothing written
    store.erase_household(record.id)


@pytest.mark.parametrize("bad, field", [
    ("\ud800", "label"), ("ok\udfffok", "label"), ("a\x00b", "label"),
])
def test_create_household_names_the_field(store, bad, field):
    before = store.count_households()
    with pytest.raises(InvalidDataError) as caught:
        store.create_household(label=bad)
    assert caught.value.field == field
    assert store.count_households() == before


@pytest.mark.parametrize("value", [10 ** 5000, math.nan, math.inf, "\ud800", {"\ud800": 1}],
                         ids=["huge", "nan", "inf", "surrogate", "surrogate-key"])
def test_child_people_with_impossible_values_names_the_field(store, value):
    with pytest.raises(InvalidDataError) as caught:
        store.create_household(children=[ChildRecord(name="Ann", facts=SGO, people={"note": value})])
    assert caught.value.field.startswith("children[0].people")


@pytest.mark.parametrize("path, text", [
    ("household.label", '"\\ud800"'),
    ("household.carers[0].name", '[{"name": "Jo\\udc00", "address": []}]'),
    ("household.label", "9" * 5000),
    ("household.children[0].people.n", '[{"name": "A", "facts": {}, "people": {"n": NaN}}]'),
])
def test_import_names_the_field(store, path, text):
    key = path.split(".")[1].split("[")[0]
    doc = jsonsafe.loads(json.dumps(SAMPLE))
    doc["household"][key] = jsonsafe.loads(text)
    before = store.count_households()
    with pytest.raises(InvalidDataError) as caught:
        store.import_household(doc, keep_reference=False)
    assert caught.value.field == path
    assert store.count_households() == before
