"""Synthetic portfolio rows in plain Python (no database), for speed measurements."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta

from navdesk.domain.portfolio import YouthRow
from navdesk.domain.text import search_fold

FIRST = ["Øystein", "Bjørn", "Åse", "Kari", "Ola", "Ingrid", "Jonas", "Emma", "Sander", "Nora", "Håkon", "Sølvi",
         "Aksel", "Ida", "Mathias", "Thea", "André", "Máret", "Ærle", "Jørgen"]  # fmt: skip
LAST = ["Hansen", "Johansen", "Olsen", "Larsen", "Ødegård", "Bråten", "Sæther", "Løvås", "Aasen", "Østby",
        "Berg", "Haugen", "Dahl", "Eira", "Somby", "Kjær", "Grønli", "Ås", "Nilsen", "Moen"]  # fmt: skip
WISHES = ["barnehage", "butikk", "lager", "bilverksted", "frisør", "kafé", "IT-støtte", "sagbruk", "kokk"]
PLACES = ["Vinje", "Tokke", "Fyresdal", "Nissedal", "Seljord", "Kviteseid", "Hjartdal", "Tinn"]


def synthetic_rows(n: int = 50_000, seed: int = 7) -> list[YouthRow]:
    rng = random.Random(seed)
    today = date(2025, 11, 24)
    rows = []
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        phone = f"{rng.randint(40_000_000, 99_999_999)}"
        wish = rng.choice(WISHES)
        registered = today - timedelta(days=rng.randint(1, 900))
        contact = None if rng.random() < 0.1 else today - timedelta(days=rng.randint(0, 200))
        rows.append(
            YouthRow(
                id=uuid.UUID(int=i + 1),
                name=f"{first} {last}",
                first_name=first,
                last_name=last,
                birth_date=today - timedelta(days=rng.randint(16 * 365 + 5, 29 * 365)),
                veileder=rng.choice(["KN", "OB", "SL"]),
                phone=phone,
                municipality=rng.choice(PLACES),
                registered=registered,
                last_contact=contact,
                adressesperre=rng.random() < 0.01,
                search=search_fold(f"{first} {last} {phone} {wish} nr{i}"),
            )
        )
    return rows
