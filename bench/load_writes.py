"""The writes of the load test: citizens supporting and commenting on proposals of an open co-creation process.

``prepare()`` (inside Django, once per load database) creates a process whose support stage is open today, 300
published proposals and 20,000 participants, each signed in (sessions written in bulk, ``bench/sessions.py``, and
a CSRF token), and returns the read paths of that process and the write lines for wrk (path, cookie, CSRF token,
form body): two supports and one comment per person, so no write is refused as a repeat. ``bench/load.py`` gives
each run with writes its own people, enough that a run at the app's full speed does not run out of them.
``counts()`` counts the rows those writes create.
"""

import datetime
from urllib.parse import urlencode

from bench.sessions import sign_in

PROCESS_SLUG = "carga"
PEOPLE = 20000
PROPOSALS = 300


def _process():
    from abierto.cocreation.models import CoCreationProcess

    return CoCreationProcess.objects.filter(slug=PROCESS_SLUG).first()


def prepare() -> tuple[list[str], list[str]]:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from abierto.cocreation import processcache
    from abierto.cocreation.models import Proposal
    from abierto.cocreation.testing import make_process, make_proposal
    from abierto.plans.models import ActionPlan

    users = get_user_model()
    today = timezone.localdate()
    process = _process()
    if process is None:
        with transaction.atomic():
            plan = ActionPlan.objects.order_by("-start_year", "pk").first()
            # Seven stages of 60 days; the support stage (the third) holds today.
            process = make_process(
                plan, slug=PROCESS_SLUG, title="Consulta de carga", start=today - datetime.timedelta(days=150), days=60
            )
            author = users.objects.create_user("carga-autora", email="carga-autora@example.org")
            for n in range(PROPOSALS):
                make_proposal(process, author, title=f"Propuesta de carga {n}: datos abiertos municipales {n % 17}")
    process.stages.update(allows_support=True, allows_comment=True)  # both open in the stage that holds today
    # An update() sends no signal: drop any copy of the stages kept from an earlier run.
    processcache.processes.invalidate()
    # Each run starts from no participation, so that every prepared write is new and can be accepted.
    from abierto.cocreation.models import Comment, Participation, Support

    Support.objects.filter(proposal__process=process).delete()
    Comment.objects.filter(proposal__process=process).delete()
    Participation.objects.filter(process=process).delete()
    Proposal.objects.filter(process=process).update(support_count=0)
    proposals = list(Proposal.objects.filter(process=process).order_by("pk").values_list("pk", flat=True))

    existing = users.objects.filter(username__startswith="carga-").exclude(username="carga-autora").count()
    if existing < PEOPLE:
        users.objects.bulk_create(
            [
                users(username=f"carga-{n:05d}", email=f"carga-{n:05d}@example.org", password="!")
                for n in range(existing, PEOPLE)
            ],
            batch_size=1000,
        )
    people = list(
        users.objects.filter(username__startswith="carga-")
        .exclude(username="carga-autora")
        .order_by("username")
        .values_list("pk", "password")[:PEOPLE]
    )
    sessions = sign_in(people)
    lines = []
    for i, session_key in enumerate(sessions):
        csrf = get_random_string(32)  # the characters Django accepts in a CSRF cookie
        cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
        first, second, third = (proposals[(i * 3 + k) % len(proposals)] for k in range(3))
        base = f"/cocreacion/{PROCESS_SLUG}/propuestas"
        lines.append(f"{base}/{first}/apoyo/\t{cookie}\t{csrf}\taccion=apoyar")
        lines.append(f"{base}/{second}/apoyo/\t{cookie}\t{csrf}\taccion=apoyar")
        comment = urlencode({"text": f"Comentario de carga {i}: apoyo la publicación de estos datos."})
        lines.append(f"{base}/{third}/comentar/\t{cookie}\t{csrf}\t{comment}")
    reads = [f"/cocreacion/{PROCESS_SLUG}/", f"/cocreacion/{PROCESS_SLUG}/propuestas/"]
    reads += [f"/cocreacion/{PROCESS_SLUG}/propuestas/?orden=apoyos&pagina={n}" for n in range(1, 6)]
    reads += [f"/cocreacion/{PROCESS_SLUG}/propuestas/{pk}/" for pk in proposals[:200]]
    return reads, lines


def counts() -> dict[str, int]:
    from abierto.cocreation.models import Comment, Support

    process = _process()
    if process is None:
        return {"supports": 0, "comments": 0}
    return {
        "supports": Support.objects.filter(proposal__process=process).count(),
        "comments": Comment.objects.filter(proposal__process=process).count(),
    }
