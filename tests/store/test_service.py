import dataclasses
import datetime as dt

import pytest

from kinship_app.result import Assessment
from kinship_app.store import ConflictError, InvalidDataError, NotFoundError, Store

from store_helpers import SGO, carer, child, make_household

AS_OF = dt.date(2026, 11, 22)


def test_create_and_read_back_everything(store):
    h = make_household(store, carers=[carer(), carer("Dai Ellis", email="dai@example.org")],
                       children=[child(), child("Siân Ward", facts=SGO, order_date=dt.date(2024, 9, 2))])
    assert h.reference == "KC-2026-0001"
    again = store.get_household(h.id)
    assert again == h
    assert [c.name for c in again.carers] == ["Margaret Ellis", "Dai Ellis"]
    assert again.children[1].order_date == dt.date(2024, 9, 2)
    assert again.children[1].facts == SGO
    assert again.council == "E08000035"
    assert store.find_reference("kc-2026-0001 ") == h


def test_references_count_up_per_year(store, clock):
    refs = [make_household(store, label=f"h{i}").reference for i in range(3)]
    clock.now = clock.now.replace(year=2027, month=1, day=2)
    refs.append(make_household(store).reference)
    assert refs == ["KC-2026-0001", "KC-2026-0002", "KC-2026-0003", "KC-2027-0001"]


def test_update_keeps_ids_adds_and_removes(store):
    h = make_household(store, carers=[carer(), carer("Dai Ellis")], children=[child(), child("Second")])
    kept = dataclasses.replace(h.carers[0], phone="07700 900000")
    updated = store.update_household(h.id, carers=[kept, carer("New Carer")], children=[h.children[1]],
                                     expected_version=h.version)
    assert [(c.name, c.phone) for c in updated.carers][:1] == [("Margaret Ellis", "07700 900000")]
    assert updated.carers[0].id == h.carers[0].id
    assert [c.name for c in updated.carers] == ["Margaret Ellis", "New Carer"]
    assert [c.id for c in updated.children] == [h.children[1].id]
    assert updated.version == h.version + 1
    label_only = store.update_household(h.id, label="Renamed", expected_version=updated.version)
    assert label_only.carers == updated.carers and label_only.children == updated.children


def test_a_stale_edit_is_refused_not_overwriting(store):
    h = make_household(store)
    store.update_household(h.id, label="changed by someone else", expected_version=h.version)
    with pytest.raises(ConflictError) as err:
        store.update_household(h.id, label="mine", expected_version=h.version)
    assert h.reference in str(err.value)
    # Both versions, in words: what is saved now and what this editor was saving.
    assert err.value.differences == [("label", "changed by someone else", "mine")]
    assert "saved now “changed by someone else”; yours “mine”" in str(err.value)
    assert "The last change was saved by Test Worker" in str(err.value)
    assert err.value.theirs.label == "changed by someone else"
    assert store.get_household(h.id).label == "changed by someone else"


def test_every_save_must_say_which_version_it_started_from(store):
    h = make_household(store)
    with pytest.raises(TypeError):
        store.update_household(h.id, label="no version")  # a required argument, not an optional one
    for bad in (None, "1", 1.0, True):
        with pytest.raises(InvalidDataError, match="expected_version"):
            store.update_household(h.id, label="x", expected_version=bad)
    with pytest.raises(TypeError):
        store.save_progress(h.id, {"age": 9}, "relationship")
    assert store.get_household(h.id).label == "Ellis family" and store.progress(h.id) is None


def test_a_conflict_names_every_changed_detail_of_carers_and_children(store):
    h = make_household(store)
    theirs = store.update_household(h.id, carers=[dataclasses.replace(h.carers[0], phone="0113 111 1111")],
                                    expected_version=h.version)
    mine = [dataclasses.replace(h.carers[0], phone="07700 900123")]
    with pytest.raises(ConflictError) as err:
        store.update_household(h.id, carers=mine, expected_version=h.version)
    assert err.value.differences == [("carer 1 phone", "0113 111 1111", "07700 900123")]
    assert store.get_household(h.id) == theirs  # nothing overwritten
    store.update_household(h.id, carers=mine, expected_version=theirs.version)  # after looking again: saved
    assert store.get_household(h.id).carers[0].phone == "07700 900123"


def test_autosaved_answers_are_never_silently_replaced(store):
    h = make_household(store)
    first = store.save_progress(h.id, {"relationship": "grandparent"}, "days", expected_version=0)
    assert first.version == 1
    # A second editor, who opened the check before the first answer was saved, is refused.
    with pytest.raises(ConflictError) as err:
        store.save_progress(h.id, {"relationship": "aunt_uncle"}, "days", expected_version=0)
    assert "answered the questions for household" in str(err.value)
    assert err.value.differences == [("relationship", "grandparent", "aunt_uncle")]
    assert err.value.theirs.answers == {"relationship": "grandparent"}
    assert store.progress(h.id).answers == {"relationship": "grandparent"}
    second = store.save_progress(h.id, {"relationship": "grandparent", "days": 40}, "age", expected_version=1)
    assert second.version == 2 and store.progress(h.id).version == 2


def test_bad_input_is_refused_with_the_field_named_and_nothing_saved(store):
    bad_case = dict(SGO, carer={"relationship": "parent"})
    with pytest.raises(InvalidDataError) as err:
        make_household(store, children=[child(), child(facts=bad_case)])
    assert "children[1].arrangement.order" in str(err.value)
    with pytest.raises(InvalidDataError):
        store.create_household(council="Leeds")
    with pytest.raises(InvalidDataError):
        store.create_household(carers=[carer(address="12 Mill Lane")])
    assert store.count_households() == 0


def test_search_by_name_reference_any_case_and_accents(store, clock):
    a = make_household(store, label="", carers=[carer("Siân O'Brien")], children=[child("Zoë 100%_x")])
    clock.advance(seconds=1)
    b = make_household(store, label="Patel", carers=[carer("Priya Patel")], children=[child("Arjun")])
    assert [s.id for s in store.search("sian")] == [a.id]
    assert [s.id for s in store.search("SIÂN o'b")] == [a.id]
    assert [s.id for s in store.search("zoe")] == [a.id]
    assert [s.id for s in store.search("100%_")] == [a.id]
    assert [s.id for s in store.search("%")] == [a.id]  # wildcards are literal
    assert [s.id for s in store.search(b.reference.lower())] == [b.id]
    assert [s.id for s in store.search("arjun")] == [b.id]
    assert store.search("nobody") == []
    assert [s.id for s in store.search("  ")] == [b.id, a.id]  # empty search lists all, recent first
    summary = store.search("patel")[0]
    assert summary.carer_names == ("Priya Patel",) and summary.child_names == ("Arjun",)


def test_lists_recent_first_and_by_reference(store, clock):
    ids = []
    for i in range(5):
        clock.advance(seconds=1)
        ids.append(make_household(store, label=f"L{4 - i}").id)
    clock.advance(seconds=1)
    store.add_note(ids[0], "touched")
    assert [s.id for s in store.list_households()] == [ids[0], ids[4], ids[3], ids[2], ids[1]]
    assert [s.id for s in store.list_households(order="reference")] == ids
    assert [s.id for s in store.list_households(order="label", limit=2, offset=1)] == [ids[3], ids[2]]
    assert store.count_households() == 5


def test_case_for_fills_letter_details_from_the_household(store):
    h = make_household(store, children=[child(facts=SGO, order_date=dt.date(2024, 9, 2),
                                              people={"recipient": {"name": "Children's Services"}})])
    case = store.case_for(h.children[0].id)
    assert case.household.council == "E08000035"
    assert case.people == {
        "carer": {"name": "Margaret Ellis", "address": ["12 Mill Lane", "Leeds", "LS6 2AB"], "phone": "0113 496 0000"},
        "child": {"name": "Ellis Ward", "date_of_birth": "2017-03-27"},
        "order_date": "2024-09-02", "recipient": {"name": "Children's Services"}}


def test_case_for_keeps_the_letter_details_beside_the_records_names(store):
    # The records hold the names, address, phone, email and date of birth; what else a family gave for
    # letters (the exact relationship, what to call the child, she/he/they) is kept with them.
    people = {"carer": {"relationship_to_child": "grandmother", "name": "An Old Name"},
              "child": {"known_as": "Elly", "pronouns": "she", "date_of_birth": "2001-01-01"}}
    h = make_household(store, carers=[carer(email="m.ellis@example.org")],
                       children=[child(facts=SGO, people=people)])
    case = store.case_for(h.children[0].id)
    assert case.people["carer"] == {"name": "Margaret Ellis", "address": ["12 Mill Lane", "Leeds", "LS6 2AB"],
                                    "phone": "0113 496 0000", "email": "m.ellis@example.org",
                                    "relationship_to_child": "grandmother"}
    assert case.people["child"] == {"name": "Ellis Ward", "date_of_birth": "2017-03-27", "known_as": "Elly",
                                    "pronouns": "she"}


def test_reassess_keeps_exact_history_and_syncs_actions(store):
    h = make_household(store)
    cid = h.children[0].id
    first = store.reassess(cid, AS_OF)
    assert first.assessment.category == "private_fostering"
    assert first.facts["people"]["child"]["name"] == "Ellis Ward"
    codes = sorted(a.code for a in store.actions(h.id))
    assert "private_fostering_notice" in codes
    # Re-assessing does not duplicate open actions.
    second = store.reassess(cid, AS_OF + dt.timedelta(days=1))
    assert sorted(a.code for a in store.actions(h.id)) == codes
    assert [r.id for r in store.history(cid)] == [second.id, first.id]
    # History is what was said then: the stored answer is returned as stored.
    assert store.history(cid)[1].result == first.result
    assert Assessment.from_json(first.result).as_of == AS_OF
    # A done action is not asked again for the same date.
    notice = next(a for a in store.actions(h.id) if a.code == "private_fostering_notice")
    done = store.complete_action(notice.id)
    assert done.done and done.completed_by == "Test Worker"
    store.reassess(cid, AS_OF + dt.timedelta(days=1))
    assert len([a for a in store.actions(h.id) if a.code == "private_fostering_notice"]) == 1
    assert notice.id not in [a.id for a in store.actions(h.id, include_done=False)]


def test_reassess_uses_the_given_function_and_date(store_url, clock):
    seen = []

    def fake_assess(case, as_of):
        seen.append((case.child.age, as_of))
        return Assessment(as_of=as_of, kinship=None, category="undetermined", missing=["child.age"])

    with Store(store_url, clock=clock, assess=fake_assess) as s:
        h = make_household(s)
        run = s.reassess(h.children[0].id, AS_OF)
    assert seen == [(9, AS_OF)] and run.as_of == AS_OF and run.result["category"] == "undetermined"


def test_letters_notes_actions(store):
    h = make_household(store)
    cid = h.children[0].id
    store.record_letter(h.id, "private_fostering_notice", issued_on=AS_OF, recipient="Leeds Children's Services",
                        child_id=cid)
    store.record_letter(h.id, "support_summary", issued_on=AS_OF + dt.timedelta(days=3), recipient="the family")
    assert [(x.letter_id, x.recipient) for x in store.letters(h.id)] == [
        ("support_summary", "the family"), ("private_fostering_notice", "Leeds Children's Services")]
    store.add_note(h.id, "Gran <b>worried</b> about money", child_id=cid)
    assert store.notes(h.id)[0].text == "Gran <b>worried</b> about money"
    store.add_action(h.id, "Ring the school", due=AS_OF + dt.timedelta(days=10))
    store.add_action(h.id, "Claim Guardian's Allowance", due=AS_OF + dt.timedelta(days=2))
    store.add_action(h.id, "Whenever")
    assert [a.text for a in store.actions(h.id)] == ["Claim Guardian's Allowance", "Ring the school", "Whenever"]
    due = store.due_actions(until=AS_OF + dt.timedelta(days=5))
    assert [(a.reference, a.text) for a in due] == [(h.reference, "Claim Guardian's Allowance")]
    other = make_household(store)
    with pytest.raises(InvalidDataError):
        store.add_note(other.id, "wrong child", child_id=cid)
    with pytest.raises(InvalidDataError):
        store.add_note(h.id, "   ")
    with pytest.raises(NotFoundError):
        store.add_note(9999, "nobody")
    summary = store.search(h.reference)[0]
    assert summary.open_actions == 3 and summary.next_due == AS_OF + dt.timedelta(days=2)


def test_check_progress_autosaves_and_resumes(store):
    h = make_household(store)
    assert store.progress(h.id) is None
    saved = store.save_progress(h.id, {"age": 9}, "relationship", expected_version=0)
    store.save_progress(h.id, {"age": 9, "relationship": "cousin"}, "days", child_id=h.children[0].id,
                        expected_version=saved.version)
    p = store.progress(h.id)
    assert (p.answers, p.question_id, p.child_id) == ({"age": 9, "relationship": "cousin"}, "days", h.children[0].id)
    # Autosave does not make an open edit form stale.
    assert store.get_household(h.id).version == h.version
    with pytest.raises(InvalidDataError):
        store.save_progress(h.id, {"x": object()}, None, expected_version=2)
    store.clear_progress(h.id)
    assert store.progress(h.id) is None


def test_audit_log_says_who_when_what_without_the_data(store, clock):
    store.worker = "Asha (Leeds drop-in)"
    h = make_household(store)
    store.add_note(h.id, "private detail")
    store.worker = "Ben"
    store.update_household(h.id, label="new", expected_version=h.version + 1)
    log = store.audit_log(h.id)
    assert [(e.worker, e.what) for e in log] == [
        ("Ben", "changed label"), ("Asha (Leeds drop-in)", "added a note"),
        ("Asha (Leeds drop-in)", "created household")]
    assert all("private detail" not in e.what for e in log)
    assert log[0].at > log[1].at


def test_one_store_shared_by_worker_threads(store):
    """The GUI runs store calls off the UI thread (the operations helper): one Store, many threads."""
    import threading

    h = make_household(store)
    errors = []

    def work(n):
        try:
            for i in range(25):
                store.add_note(h.id, f"t{n}-{i}")
                store.search("ellis")
        except Exception as exc:  # collected, so a failure in a thread fails the test
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.notes(h.id)) == 100
    assert store.get_household(h.id).version == h.version + 100
