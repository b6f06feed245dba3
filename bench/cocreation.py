"""Co-creation at national scale: 100,000 proposals, 1,000,000 people, 3,000,000 supports, 300,000 comments.

    .venv/bin/python -m bench.cocreation [--db sqlite|postgresql|both] [--fresh] [--size national|small]

For each database:

1. The data: ``manage.py generate_scale --cocreation national`` into ``var/bench/cocreation.sqlite3`` or the
   PostgreSQL database ``abierto_bench_cocreation``; reused when it is there and complete (``--fresh`` rebuilds).
2. In a child process with ``django.test.Client`` (server time, no network, DEBUG off, page cache off): the
   proposal list filtered by theme and by region, sorted by supports, several pages; the proposal page; the
   similar-proposals lookup for a stored proposal and for a text being typed (the selector, and the endpoint the
   form calls). p50/p95/max and queries per request.
3. Supports over HTTP: gunicorn (``CPUs + 1`` sync workers: the database shares the CPUs) and wrk
   (``bench/load.lua``) with 64 connections for ``--duration`` seconds, each line a support of a distinct
   signed-in person (sessions written in bulk); one person in ten repeats a support, which must be refused (409).
   Accepted (302), refused (4xx) and errors.
4. The integrity check: for every proposal ``support_count`` equals its rows, nobody above the limit of 7, every
   participation counter equals its rows, no pair twice, and the rows added equal the supports the server
   accepted (wrk cannot see the answers still in flight when it stops: at most one per connection).

Writes ``bench/results/cocreation-<db>.json`` and prints a table with the targets. Every step is bounded in time.
A measurement, not a test: the exit code says whether the harness ran, not whether the targets were met.
"""

import argparse
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench import load

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
WORK_DIR = ROOT / "var" / "bench" / "cocreation"
PG_SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "abierto_bench_cocreation"
SQLITE_PATH = ROOT / "var" / "bench" / "cocreation.sqlite3"
APP_PORT = 8110
PROCESS_SLUG = "consulta-nacional"

TARGETS = {
    "page_p95_ms": 50.0,
    "similar_p95_ms": 200.0,
    "queries": 15,
    "supports_per_s": {"postgresql": 500.0, "sqlite": 200.0},
}
STEP_TIMEOUT = 3600  # seconds: generation of the national data on a slow machine
MEASURE_TIMEOUT = 900


class HarnessError(Exception):
    pass


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- orchestration (parent process)


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "DATABASE_URL", "ABIERTO_SQLITE_PATH"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "abierto.settings",
            "DJANGO_SECRET_KEY": "bench-only",
            "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "DJANGO_SECURE_COOKIES": "0",
            "ABIERTO_REQUIRE_STAFF_MFA": "0",
            "ABIERTO_PAGE_CACHE_SECONDS": "0",
            "ABIERTO_MEDIA_ROOT": str(WORK_DIR / "media"),
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
            # Every simulated person comes from 127.0.0.1: the per-address limits are lifted, the per-account
            # ones stay as in production (as in bench/load.py).
            "ABIERTO_COCREATION_RATES": json.dumps(
                {
                    "proposal": [5, 10**6, 3600],
                    "support": [30, 10**6, 600],
                    "comment": [10, 10**6, 600],
                    "similar": [10**6, 10**6, 600],  # measured for speed; its limits have their tests
                }
            ),
        }
    )
    if load.redis_available():
        env["REDIS_URL"] = "redis://127.0.0.1:6379/14"
    return env


def database_env(db: str, fresh: bool) -> dict[str, str] | None:
    if db == "sqlite":
        SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        return {"ABIERTO_SQLITE_PATH": str(SQLITE_PATH)}
    import psycopg
    from psycopg import sql

    try:
        with psycopg.connect(PG_SERVER_URL, autocommit=True, connect_timeout=5) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]).fetchone()
            if exists and fresh:
                conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(PG_DATABASE)))
                exists = None
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(PG_DATABASE)))
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL unreachable at {PG_SERVER_URL} ({str(exc).strip()[:120]}): skipped.", flush=True)
        return None
    return {"DATABASE_URL": f"{PG_SERVER_URL.rsplit('/', 1)[0]}/{PG_DATABASE}"}


def run_step(label: str, argv: list[str], env: dict[str, str], timeout: int = STEP_TIMEOUT) -> tuple[float, str]:
    log(f"  {label}…")
    started = time.perf_counter()
    try:
        done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise HarnessError(f"{label} took more than {timeout} s") from exc
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
        raise HarnessError(f"{label} failed (exit {done.returncode}):\n{tail}")
    log(f"  {label}: {elapsed:.1f} s")
    return elapsed, done.stdout


def worker(command: str, env: dict[str, str], *extra: str, timeout: int = MEASURE_TIMEOUT) -> dict:
    _elapsed, out = run_step(
        f"worker {command}", [sys.executable, "-m", "bench.cocreation", "--worker", command, *extra], env, timeout
    )
    return json.loads(out.strip().splitlines()[-1])


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


def bench_database(db: str, args: argparse.Namespace) -> dict | None:
    log(f"== co-creation at scale: {db}")
    db_env = database_env(db, args.fresh)
    if db_env is None:
        return None
    env = {**base_env(), **db_env}
    python = sys.executable
    result: dict = {
        "database": db,
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average_before": load_average(),
        },
        "size": args.size,
        "targets": TARGETS,
    }
    run_step("migrate", [python, "manage.py", "migrate", "--noinput"], env)
    status = worker("status", env, "--size", args.size)
    stamp = WORK_DIR / f"generation-{db}.json"
    if status["complete"]:
        log("  data present and complete: reused")
        generation = json.loads(stamp.read_text()) if stamp.exists() else {"seconds": None}
        generation["reused"] = True
    else:
        seconds, out = run_step(
            f"generate_scale --cocreation {args.size}",
            [python, "manage.py", "generate_scale", "--cocreation", args.size],
            env,
        )
        generation = {"seconds": round(seconds, 1), "output": out.strip().splitlines()[-12:], "reused": False}
        WORK_DIR.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps(generation, ensure_ascii=False))
    result["generation"] = generation
    result["dataset"] = worker("status", env, "--size", args.size)["counts"]

    result["pages"] = worker("measure", env, "--requests", str(args.requests), "--warmup", str(args.warmup))
    result["machine"]["load_average_after_pages"] = load_average()
    result["supports"] = supports_over_http(db, env, args)
    result["machine"]["load_average_after"] = load_average()
    return result


def supports_over_http(db: str, env: dict[str, str], args: argparse.Namespace) -> dict:
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    writes_file = WORK_DIR / f"writes-{db}.txt"
    reads_file = WORK_DIR / "reads.txt"
    reads_file.write_text("/salud/\n")
    people = max(1000, int(args.duration * args.expected_rate / 1.9))
    prepared = worker("prepare", env, "--out", str(writes_file), "--people", str(people))
    before = prepared["before"]
    load.WORK_DIR = WORK_DIR  # gunicorn's log goes here
    old_port = load.APP_PORT
    load.APP_PORT = APP_PORT
    gunicorn = None
    try:
        run_step("collectstatic", [sys.executable, "manage.py", "collectstatic", "--noinput"], env)
        gunicorn = load.start_gunicorn(env, args.workers)
        log(f"  supports over HTTP: {args.connections} connections, {args.duration} s…")
        raw = load.run_wrk(APP_PORT, reads_file, args.duration, args.connections, args.threads, writes_file, 1.0)
    finally:
        load.stop(gunicorn)
        load.APP_PORT = old_port
    seconds = raw["seconds"]
    check = worker("integrity", env, "--before", json.dumps(before))
    added = check["rows"] - before["rows"]
    in_flight = added - raw["writes_accepted"]
    integrity_ok = (
        check["count_mismatches"] == 0
        and check["participation_mismatches"] == 0
        and check["over_limit"] == 0
        and check["duplicates"] == 0
        and 0 <= in_flight <= args.connections
    )
    return {
        "method": f"gunicorn {args.workers} sync workers; wrk {args.threads} threads, {args.connections} connections, "
        f"{args.duration} s; each POST a support of a signed-in person (302 accepted, 409 refused)",
        "people_prepared": prepared["people"],
        "writes_prepared": prepared["writes"],
        "repeats_prepared": prepared["repeats"],
        "seconds": seconds,
        "sent": raw["writes_sent"],
        "accepted": raw["writes_accepted"],
        "refused": raw["writes_refused"],
        "server_errors": raw["server_errors"],
        "socket_errors": sum(v for k, v in raw["error_kinds"].items() if k != "status"),
        "accepted_per_s": round(raw["writes_accepted"] / seconds, 1) if seconds else 0.0,
        "handled_per_s": round((raw["writes_accepted"] + raw["writes_refused"]) / seconds, 1) if seconds else 0.0,
        "p50_ms": raw["p50_ms"],
        "p95_ms": raw["p95_ms"],
        "p99_ms": raw["p99_ms"],
        "ran_out_of_writes": raw["writes_sent"] >= prepared["writes"],
        "integrity": {
            **check,
            "rows_before": before["rows"],
            "rows_added": added,
            "accepted_seen_by_client": raw["writes_accepted"],
            "answered_after_the_client_stopped": in_flight,
            "ok": integrity_ok,
        },
        "target_per_s": TARGETS["supports_per_s"][db],
    }


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def summarize(result: dict) -> list[tuple[str, str, str, str]]:
    rows = []
    for record in result["pages"]["records"]:
        target = TARGETS["similar_p95_ms"] if record["kind"] == "similar" else TARGETS["page_p95_ms"]
        queries_ok = record["kind"] == "similar" or record["queries_max"] <= TARGETS["queries"]
        ok = record["p95_ms"] <= target and queries_ok and not record["errors"]
        rows.append(
            (
                record["label"],
                f"p50 {record['p50_ms']:.1f} · p95 {record['p95_ms']:.1f} ms · {record['queries_min']}–"
                f"{record['queries_max']} q",
                f"≤ {target:.0f} ms",
                verdict(ok),
            )
        )
    supports = result["supports"]
    if "skipped" in supports:
        rows.append(("Supports over HTTP", supports["skipped"], "", "SKIP"))
    else:
        target = supports["target_per_s"]
        ok = supports["accepted_per_s"] >= target and supports["server_errors"] == 0 and supports["socket_errors"] == 0
        rows.append(
            (
                "Supports over HTTP (accepted/s)",
                f"{supports['accepted_per_s']:.0f}/s · {supports['accepted']} ok, {supports['refused']} refused, "
                f"{supports['server_errors'] + supports['socket_errors']} errors · p95 {supports['p95_ms']:.0f} ms",
                f"≥ {target:.0f}/s",
                verdict(ok),
            )
        )
        integrity = supports["integrity"]
        rows.append(
            (
                "Integrity after the run",
                f"{integrity['count_mismatches']} counts ≠ rows, {integrity['over_limit']} people > 7, "
                f"{integrity['duplicates']} duplicates, +{integrity['rows_added']} rows vs "
                f"{integrity['accepted_seen_by_client']} accepted",
                "all exact",
                verdict(integrity["ok"]),
            )
        )
    return rows


def print_table(results: list[dict]) -> None:
    for result in results:
        generation = result["generation"]
        seconds = generation.get("seconds")
        took = f"{seconds:.0f} s" if seconds is not None else "unknown"
        print(
            f"\nCo-creation at scale, {result['database']} (data: "
            f"{', '.join(f'{k} {v:,}' for k, v in result['dataset'].items())}; generation "
            f"{took}{', reused' if generation['reused'] else ''}; "
            f"load average {result['machine']['load_average_before']} → {result['machine']['load_average_after']} "
            f"on {result['machine']['cpus']} CPUs)"
        )
        rows = [("what", "measured", "target", ""), *summarize(result)]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            print("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--size", choices=["national", "small"], default="national")
    parser.add_argument("--fresh", action="store_true", help="rebuild the data even when it is there")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--expected-rate", type=float, default=1500.0, help=argparse.SUPPRESS)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--people", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--before", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return run_worker(args)

    started = time.perf_counter()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    results = []
    broken = False
    for db in databases:
        try:
            result = bench_database(db, args)
        except (HarnessError, load.HarnessError) as exc:
            print(f"bench.cocreation ({db}): {exc}", flush=True)
            broken = True
            continue
        if result is None:
            continue
        out = RESULTS_DIR / f"cocreation-{db}.json"
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        log(f"  wrote {out.relative_to(ROOT)}")
        results.append(result)
    print_table(results)
    log(f"bench.cocreation: {time.perf_counter() - started:.0f} s in all")
    return 1 if broken else 0


# ---------------------------------------------------------------- workers (child processes, Django set up)


def run_worker(args: argparse.Namespace) -> int:
    import django

    django.setup()
    if args.worker == "status":
        output = worker_status(args.size)
    elif args.worker == "measure":
        output = worker_measure(args.requests, args.warmup)
    elif args.worker == "prepare":
        output = worker_prepare(Path(args.out), args.people)
    elif args.worker == "integrity":
        output = worker_integrity(json.loads(args.before))
    else:
        raise SystemExit(f"unknown worker {args.worker}")
    print(json.dumps(output))
    return 0


def worker_status(size_name: str) -> dict:
    from abierto.cocreation import scale

    process = scale.existing()
    counts = scale.counts(process)
    size = scale.SIZES[size_name]
    complete = bool(
        counts
        and counts["proposals"] == size.proposals
        and counts["people"] == size.people
        and counts["supports"] >= size.supports
        and counts["comments"] == size.comments
        and counts["similarity_postings"] > 0
    )
    return {"complete": complete, "counts": counts}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


TYPED = [
    "Calidad del aire en Temuco",
    "Datos abiertos de las listas de espera en hospitales de Valparaíso",
    "Quiero que se publiquen las compras públicas por trato directo de mi municipio",
    "Presupuestos participativos comunales en Puente Alto",
    "Transparencia en las audiencias de lobby de los alcaldes",
    "violencia de genero denuncias comisarias",
    "Reciclaje domiciliario y gestión de residuos en Antofagasta",
    "Becas de educación superior",
    "pesca artesanal cuotas",
    "Acceso a la información judicial: publicar las sentencias",
]


def worker_measure(requests: int, warmup: int) -> dict:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from abierto.cocreation import selectors, territory
    from abierto.cocreation.models import CoCreationProcess, Proposal, Theme

    rng = random.Random(11)
    process = CoCreationProcess.objects.get(slug=PROCESS_SLUG)
    themes = list(Theme.objects.filter(process=process).values_list("slug", flat=True))
    regions = [code for code, _name in territory.REGION_CHOICES]
    visible = process.proposals.visible().filter(merged_into__isnull=True)
    top = visible.order_by("-id").values_list("pk", flat=True)
    sample = list(top[:50000:97])  # spread over the process
    base = f"/cocreacion/{PROCESS_SLUG}/propuestas/"
    sorts = ["apoyos"]
    pages = [1, 2, 3, 5, 10]
    list_theme = [f"{base}?tema={t}&orden={s}&pagina={p}" for t in themes for s in sorts for p in pages]
    list_region = [f"{base}?region={r}&orden={s}&pagina={p}" for r in regions for s in sorts for p in pages]
    list_plain = [f"{base}?orden=apoyos&pagina={p}" for p in pages] + [f"{base}?orden=recientes&pagina=1"]
    detail = [f"{base}{pk}/" for pk in sample]
    typed_urls = [f"/cocreacion/{PROCESS_SLUG}/propuestas/parecidas/?{_qs(text)}" for text in TYPED]
    stored = list(Proposal.objects.filter(pk__in=sample[:200]))

    client = Client()
    records = []

    def measure(kind: str, label: str, call) -> None:
        times, cpu, queries, errors = [], [], [], []
        for i in range(warmup + requests):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                started, cpu_started = time.perf_counter(), time.process_time()
                try:
                    ok = call(i)
                except Exception as exc:  # a measurement, not a test: record and go on
                    ok = f"{type(exc).__name__}: {exc}"
                elapsed, cpu_elapsed = time.perf_counter() - started, time.process_time() - cpu_started
            if ok is not True:
                errors.append(str(ok)[:300])
            if i >= warmup:
                times.append(elapsed * 1000)
                cpu.append(cpu_elapsed * 1000)
                queries.append(len(captured.captured_queries))
        records.append(
            {
                "kind": kind,
                "label": label,
                "requests": requests,
                "p50_ms": round(percentile(times, 0.50), 2),
                "p95_ms": round(percentile(times, 0.95), 2),
                "max_ms": round(max(times), 2),
                "cpu_p95_ms": round(percentile(cpu, 0.95), 2),
                "queries_min": min(queries),
                "queries_max": max(queries),
                "errors": len(errors),
                "first_error": errors[0] if errors else None,
            }
        )
        log(f"    {label}: p95 {records[-1]['p95_ms']} ms, {min(queries)}–{max(queries)} queries")

    def get(urls: list[str]):
        def call(i: int):
            response = client.get(urls[i % len(urls)])
            return True if response.status_code == 200 else f"{urls[i % len(urls)]} → {response.status_code}"

        return call

    rng.shuffle(list_theme)
    rng.shuffle(list_region)
    measure("page", "List by theme, by supports", get(list_theme))
    measure("page", "List by region, by supports", get(list_region))
    measure("page", "List, all, by supports", get(list_plain))
    measure("page", "Proposal page (with similar)", get(detail))

    def similar_stored(i: int):
        proposal = stored[i % len(stored)]
        selectors.similar_proposals(process, proposal.similarity_text(), exclude_id=proposal.pk)
        return True

    def similar_typed(i: int):
        selectors.similar_proposals(process, TYPED[i % len(TYPED)])
        return True

    measure("similar", "Similar: a stored proposal", similar_stored)
    measure("similar", "Similar: a typed text", similar_typed)
    from django.contrib.auth import get_user_model

    person = get_user_model().objects.filter(username__startswith="consulta-").order_by("pk").first()
    client.force_login(person)
    measure("similar", "Similar while typing (endpoint)", get(typed_urls))
    return {
        "method": "django.test.Client in one process: whole stack, no network; DEBUG off; page cache off",
        "warmup": warmup,
        "records": records,
        "explain": explain(process),
    }


def _qs(text: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"title": text, "texto": text})


def explain(process) -> dict:
    """The plans of the list queries (to show the indexes in use)."""
    from django.db import connection

    from abierto.cocreation import selectors
    from abierto.cocreation.models import Theme

    theme = Theme.objects.filter(process=process).order_by("position").first()
    plans = {}
    for label, filters in [
        ("by_theme", selectors.ProposalFilters(theme=theme.slug if theme else "")),
        ("by_region", selectors.ProposalFilters(region="RM")),
    ]:
        page = selectors.proposal_list(process, filters, 1)
        queryset = page.object_list
        sql, params = queryset.query.sql_with_params()
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            plans[label] = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
    return plans


def worker_prepare(out: Path, people: int) -> dict:
    """Sessions for ``people`` persons who have not supported anything yet, and their write lines: two supports
    each, on proposals open for supports; one person in ten repeats the first one (refused)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef
    from django.utils.crypto import get_random_string

    from abierto.cocreation.models import CoCreationProcess, Participation
    from bench.sessions import sign_in

    rng = random.Random(int(time.time()))
    process = CoCreationProcess.objects.get(slug=PROCESS_SLUG)
    User = get_user_model()
    used = Participation.objects.filter(process=process, user_id=OuterRef("pk"))
    persons = list(
        User.objects.filter(username__startswith="consulta-")
        .filter(~Exists(used))  # an anti-join: NOT IN over 700,000 ids is quadratic on PostgreSQL
        .order_by("pk")
        .values_list("pk", "password")[: people * 3]
    )
    rng.shuffle(persons)
    persons = persons[:people]
    open_ids = list(
        process.proposals.visible().filter(merged_into__isnull=True).values_list("pk", flat=True).order_by("pk")
    )
    lines, repeats = [], 0
    base = f"/cocreacion/{PROCESS_SLUG}/propuestas"
    for key in sign_in(persons):
        csrf = get_random_string(32)
        cookie = f"{settings.SESSION_COOKIE_NAME}={key}; {settings.CSRF_COOKIE_NAME}={csrf}"
        first, second = rng.sample(open_ids, 2)
        if rng.random() < 0.1:
            second = first  # a repeat: must be refused
            repeats += 1
        for target in (first, second):
            lines.append(f"{base}/{target}/apoyo/\t{cookie}\t{csrf}\taccion=apoyar")
    # By groups of 200 people: their first supports, then their second ones (a repeat among them is refused), so
    # a person's two are not sent back to back and the refusals come all along the run.
    ordered = []
    for start in range(0, len(lines), 400):
        group = lines[start : start + 400]
        ordered += group[0::2] + group[1::2]
    out.write_text("\n".join(ordered) + "\n", encoding="utf-8")
    return {"people": len(persons), "writes": len(lines), "repeats": repeats, "before": support_rows(process)}


def support_rows(process) -> dict:
    from abierto.cocreation.models import Support

    return {"rows": Support.objects.filter(proposal__process=process).count()}


def worker_integrity(before: dict) -> dict:
    from django.db import connection

    from abierto.cocreation.models import CoCreationProcess, Participation, Proposal, Support

    process = CoCreationProcess.objects.get(slug=PROCESS_SLUG)
    proposal, support, participation = (
        Proposal._meta.db_table,
        Support._meta.db_table,
        Participation._meta.db_table,
    )
    queries = {
        "count_mismatches": f"""
            SELECT COUNT(*) FROM {proposal} p
            LEFT JOIN (SELECT proposal_id, COUNT(*) AS n FROM {support} GROUP BY proposal_id) s
              ON s.proposal_id = p.id
            WHERE p.process_id = %s AND p.support_count <> COALESCE(s.n, 0)""",
        "over_limit": f"""
            SELECT COUNT(*) FROM (
              SELECT s.user_id FROM {support} s JOIN {proposal} p ON p.id = s.proposal_id
              WHERE p.process_id = %s GROUP BY s.user_id HAVING COUNT(*) > 7) t""",
        "participation_mismatches": f"""
            SELECT COUNT(*) FROM {participation} pa
            LEFT JOIN (
              SELECT s.user_id, COUNT(*) AS n FROM {support} s JOIN {proposal} p ON p.id = s.proposal_id
              WHERE p.process_id = %s GROUP BY s.user_id) t ON t.user_id = pa.user_id
            WHERE pa.process_id = %s AND pa.supports_used <> COALESCE(t.n, 0)""",
        "duplicates": f"""
            SELECT COUNT(*) FROM (
              SELECT s.proposal_id, s.user_id FROM {support} s JOIN {proposal} p ON p.id = s.proposal_id
              WHERE p.process_id = %s GROUP BY s.proposal_id, s.user_id HAVING COUNT(*) > 1) t""",
    }
    result = {}
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            cursor.execute(sql, [process.pk] * sql.count("%s"))
            result[name] = cursor.fetchone()[0]
    result["rows"] = support_rows(process)["rows"]
    return result


if __name__ == "__main__":
    sys.exit(main())
