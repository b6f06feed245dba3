"""Builders of a small forum for the tests and for trying the pages by hand (not used by the site)."""

import datetime

from abierto.forum import services
from abierto.forum.models import Forum, Right, Seat, SeatTerm, Sector


def make_forum(
    *,
    voting: int = 4,
    voice_only: int = 1,
    observers: int = 1,
    quorum_rule: str = "majority",
    majority: str = "simple",
    base: str = "present",
    horizon: int | None = 15,
    slug: str = "mesa-prueba",
) -> Forum:
    """A current forum with ``voting`` seats with voice and vote (the first one chairs), then the rest."""
    forum = services.save(
        Forum(
            name="Mesa de prueba",
            slug=slug,
            legal_basis="Resolución de prueba",
            established_on=datetime.date(2023, 5, 19),
            is_current=True,
            protocol_text="Funciones, deberes y votaciones de la Mesa de prueba.",
            quorum_rule=quorum_rule,
            default_majority=majority,
            majority_base=base,
            ordinary_every_months=3,
            asap_horizon_days=horizon,
        ),
        actor=None,
    )
    order = 0
    for right, count, sector, label in (
        (Right.VOICE_VOTE, voting, Sector.EXECUTIVE, "Voto"),
        (Right.VOICE_ONLY, voice_only, Sector.ACADEMIA, "Solo voz"),
        (Right.OBSERVER, observers, Sector.INTERNATIONAL, "Observador"),
    ):
        for n in range(1, count + 1):
            order += 1
            services.save(
                Seat(
                    forum=forum,
                    name=f"{label} {n}",
                    sector=sector,
                    right=right,
                    order=order,
                    is_chair=(right == Right.VOICE_VOTE and n == 1),
                ),
                actor=None,
            )
    return forum


def seat(forum: Forum, name: str) -> Seat:
    return forum.seats.get(name=name)


def give_seat(seat_: Seat, user=None, *, alternate=None, name: str = "", start=None, end=None) -> SeatTerm:
    return services.save(
        SeatTerm(
            seat=seat_,
            holder_user=user,
            holder_name=name,
            alternate_user=alternate,
            start=start,
            end=end,
        ),
        actor=None,
    )
