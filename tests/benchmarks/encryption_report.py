"""Encryption at rest, measured turn about (issue 12: list, search and save on the encrypted store
within 25% of the unencrypted one; unlocking within 1 s).

    python tests/benchmarks/encryption_report.py [--households 5000] [--rounds 15]
    (or: make bench-encryption)

The same 5,000 households are in two files, one unencrypted and one encrypted (SQLCipher 4, the key
from Argon2id at the shipped cost). Each operation is timed on the unencrypted store, then on the
encrypted one, round after round, so that the load of a shared machine falls on both alike; the
medians and their ratio are printed, in CPU time of this process (what encryption costs: AES and
HMAC work) and in wall time (what a person waits, fsync included). Prints figures and never fails
on one: no test asserts a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PASS = "benchmark passphrase here"
FIRST = ["Margaret", "Siân", "Priya", "Joan", "Dai", "Aisha", "Zoë", "Wojciech", "Chinwe", "Eilidh"]
LAST = ["Ellis", "Patel", "O'Brien", "Kowalski", "Jones", "Okafor", "Ward", "Hughes", "Begum", "Nowak"]
FACTS = {"child": {"age": 9}, "carer": {"relationship": "grandparent"}, "arrangement": {"days_so_far": 400}}


def _clock() -> dt.datetime:
    return dt.datetime(2026, 11, 22, 9, tzinfo=dt.timezone.utc)


def make_stores(folder: Path, households: int) -> dict[str, Path]:
    """``households`` households in an unencrypted file and the same file encrypted (converted on
    first unlock with the shipped key-derivation cost, as a real carer's file would be)."""
    from sqlalchemy.orm import Session

    from kinship_app.store import Store, crypto
    from kinship_app.store.models import CarerRow, ChildRow, HouseholdRow
    from kinship_app.store.service import _search_text

    plain = folder / "plain" / "households.sqlite"
    plain.parent.mkdir(parents=True)
    rng = random.Random(households)
    start = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    with Store(f"sqlite:///{plain}", clock=_clock) as store:
        with Session(store.engine) as session, session.begin():
            for i in range(1, households + 1):
                surname = rng.choice(LAST)
                moment = start + dt.timedelta(minutes=97 * i)
                row = HouseholdRow(reference=f"KC-{moment.year}-{i:04d}", label=f"{surname} family", council=None,
                                   version=1, created_at=moment, updated_at=moment, search_text="")
                row.carers = [CarerRow(position=0, name=f"{rng.choice(FIRST)} {surname}", address=["1 Road"],
                                       phone="", email="")]
                row.children = [ChildRow(position=0, name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                                         date_of_birth=dt.date(2014, 5, 1), facts=FACTS, people={})]
                row.search_text = _search_text(row)
                session.add(row)
    encrypted = folder / "encrypted" / "households.sqlite"
    encrypted.parent.mkdir()
    shutil.copy(plain, encrypted)
    Store(f"sqlite:///{encrypted}", clock=_clock, passphrase=PASS).close()
    assert crypto.file_kind(encrypted) == "encrypted"
    return {"plain": plain, "encrypted": encrypted}


def _time(fn: Callable[[], object]) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) for one call; the garbage collector is run before,
    not during, so that its pauses (the ORM makes thousands of objects) fall on neither side."""
    gc.collect()
    gc.disable()
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        fn()
        return time.process_time() - cpu, time.perf_counter() - wall
    finally:
        gc.enable()


def operations(store, household_id: int) -> dict[str, Callable[[], object]]:
    state = {"version": store.get_household(household_id).version}

    def save() -> None:
        record = store.update_household(household_id, label=f"Family {state['version']}",
                                        expected_version=state["version"])
        state["version"] = record.version

    return {
        "list the 50 most recent": lambda: store.list_households(limit=50),
        "list all, with names": lambda: store.list_households(),
        "search by name": lambda: store.search("sian o'brien", limit=None),
        "open one household": lambda: store.get_household(household_id),
        "save a change (fsync)": save,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--folder", type=Path, default=None, help="reuse the files made here before")
    args = parser.parse_args(argv)
    from kinship_app.store import Store

    folder = args.folder or Path(tempfile.mkdtemp(prefix="kinship-encbench-"))
    if not (folder / "encrypted" / "households.sqlite").exists():
        print(f"making {args.households} households in {folder} …", flush=True)
        make_stores(folder, args.households)
    files = {"plain": folder / "plain" / "households.sqlite", "encrypted": folder / "encrypted" / "households.sqlite"}

    unlock = {kind: [] for kind in files}
    cold = {kind: [] for kind in files}
    for r in range(11):
        for kind in (("plain", "encrypted") if r % 2 == 0 else ("encrypted", "plain")):
            path = files[kind]
            unlock[kind].append(_time(lambda: Store(f"sqlite:///{path}", clock=_clock,
                                                    passphrase=PASS if kind == "encrypted" else None).close())[1])
            # the first list after opening: every page read (and, encrypted, decrypted) for the first time
            store = Store(f"sqlite:///{path}", clock=_clock, passphrase=PASS if kind == "encrypted" else None)
            try:
                cold[kind].append(_time(lambda: store.list_households()))
            finally:
                store.close()

    stores = {kind: Store(f"sqlite:///{path}", clock=_clock, passphrase=PASS if kind == "encrypted" else None)
              for kind, path in files.items()}
    try:
        first = {kind: s.list_households(limit=1)[0].id for kind, s in stores.items()}
        ops = {kind: operations(s, first[kind]) for kind, s in stores.items()}
        names = list(ops["plain"])
        samples = {(name, kind): [] for name in names for kind in files}
        for name in names:  # warm both caches first, as a session's first screen would
            for kind in files:
                ops[kind][name]()
        for r in range(args.rounds):
            for name in names:
                # which goes first alternates, so neither always follows the other's fsync
                for kind in (("plain", "encrypted") if r % 2 == 0 else ("encrypted", "plain")):
                    samples[(name, kind)].append(_time(ops[kind][name]))
    finally:
        for s in stores.values():
            s.close()

    print(f"\nencryption at rest: {args.households} households, {args.rounds} rounds turn about, medians")
    print(f"{'':28} {'CPU unencrypted':>16} {'CPU encrypted':>14} {'ratio':>6}   "
          f"{'wall unencr.':>12} {'wall encr.':>11} {'ratio':>6}   goal")
    for name in names:
        cpu = [statistics.median(t[0] for t in samples[(name, kind)]) * 1000 for kind in files]
        wall = [statistics.median(t[1] for t in samples[(name, kind)]) * 1000 for kind in files]
        print(f"{name:28} {cpu[0]:13.2f} ms {cpu[1]:11.2f} ms {cpu[1] / cpu[0]:5.2f}x   "
              f"{wall[0]:9.2f} ms {wall[1]:8.2f} ms {wall[1] / wall[0]:5.2f}x   <= 1.25x")
    cpu = [statistics.median(t[0] for t in cold[kind]) * 1000 for kind in files]
    wall = [statistics.median(t[1] for t in cold[kind]) * 1000 for kind in files]
    print(f"{'list all, first after open':28} {cpu[0]:13.2f} ms {cpu[1]:11.2f} ms {cpu[1] / cpu[0]:5.2f}x   "
          f"{wall[0]:9.2f} ms {wall[1]:8.2f} ms {wall[1] / wall[0]:5.2f}x   <= 1.25x")
    u = [statistics.median(unlock[kind]) * 1000 for kind in files]
    print(f"{'unlock (Argon2id + open)':28} {'':16} {'':14} {'':6}   {u[0]:9.0f} ms {u[1]:8.0f} ms {'':6}   "
          f"encrypted <= 1000 ms")
    if args.folder is None:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
