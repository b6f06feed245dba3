"""``make bench``: server time and queries of the public pages on a national-scale registry.

For each database (SQLite in a fresh file under var/bench/, PostgreSQL in a recreated database
``abierto_bench``), a subprocess migrates and runs ``generate_scale``; a second subprocess then drives
Django's test client in-process (full request/response: middleware, view, templates) and measures
every page type. Results go to bench/results/registry-<db>.json and one summary table is printed.

A measurement, not a test: the exit code is 0 whether targets pass or fail, non-zero only when the
harness itself breaks (a setup step or the measuring process fails).

    python -m bench.run                  # both databases
    python -m bench.run --db sqlite      # one database
"""

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
WORK_DIR = ROOT / "var" / "bench"
DATABASES = ("sqlite", "postgresql")
PG_DATABASE = "abierto_bench"
# Server holding abierto_bench; override with BENCH_POSTGRES_URL (its path names the maintenance database).
PG_SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")

TARGET_P95_MS = 50.0
TARGET_SEARCH_P95_MS = 30.0
TARGET_QUERIES = 15
# Monitoring (signed-in pages and the daily reminder job), at national scale.
TARGET_MONITORING_P95_MS = 100.0
TARGET_REMINDER_SECONDS = 10.0
TARGET_EXPORT_SECONDS = 60.0
TARGET_EXPORT_MB = 200.0
DEFAULT_REQUESTS = 200
DEFAULT_WARMUP = 20
# A page that is pathologically slow stops after this many seconds instead of holding the run hostage.
PAGE_BUDGET_SECONDS = 120.0

# Realistic searches: accents present and missing, one and several words, a code.
SEARCH_QUERIES = [
    "transparencia",
    "participacion ciudadana",
    "participación ciudadana",
    "datos abiertos",
    "compras públicas",
    "compras publicas",
    "acceso a la informacion",
    "lobby",
    "rendición de cuentas",
    "rendicion de cuentas municipios",
    "presupuesto participativo",
    "genero",
    "igualdad de género",
    "salud listas de espera",
    "educacion publica",
    "medio ambiente",
    "agua",
    "justicia abierta",
    "integridad",
    "beneficiarios finales",
    "consejo para la transparencia",
    "municipalidad",
    "plataforma en linea",
    "diagnóstico participativo",
    "pueblos indigenas",
    "discapacidad",
    "juventudes",
    "congreso abierto",
    "industrias extractivas",
    "CL0046",
]
PLAN_QUERIES = [
    "",
    "?estado=substantial&orden=-avance",
    "",
    "?orden=titulo",
    "?estado=limited&orden=institucion",
    "",
    "?estado=complete&orden=termino",
    "?valor=access_to_information&orden=avance",
]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- orchestration (parent process)


class HarnessError(Exception):
    pass


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "DATABASE_URL", "ABIERTO_SQLITE_PATH"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "abierto.settings",
            "DJANGO_SECRET_KEY": "bench-only",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            # The pages' own server time is measured here, so the anonymous page cache is off.
            "ABIERTO_PAGE_CACHE_SECONDS": "0",
            "ABIERTO_MEDIA_ROOT": str(WORK_DIR / "media"),
            "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        }
    )
    return env


def prepare_sqlite() -> dict[str, str]:
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    path = WORK_DIR / "registry.sqlite3"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return {"ABIERTO_SQLITE_PATH": str(path)}


def prepare_postgresql() -> dict[str, str] | None:
    """Recreate abierto_bench; None (with a notice) when the server cannot be reached."""
    import psycopg
    from psycopg import sql

    try:
        with psycopg.connect(PG_SERVER_URL, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(PG_DATABASE)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(PG_DATABASE)))
    except psycopg.OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"PostgreSQL unreachable at {PG_SERVER_URL} ({first_line}): skipped.", flush=True)
        return None
    server = PG_SERVER_URL.rsplit("/", 1)[0]
    return {"DATABASE_URL": f"{server}/{PG_DATABASE}"}


def run_step(label: str, argv: list[str], env: dict[str, str]) -> float:
    log(f"  {label}…")
    started = time.perf_counter()
    completed = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-25:])
        raise HarnessError(f"{label} failed (exit {completed.returncode}):\n{tail}")
    log(f"  {label}: {elapsed:.1f} s")
    return elapsed


def bench_database(db: str, args: argparse.Namespace) -> dict | None:
    log(f"== {db}")
    db_env = prepare_sqlite() if db == "sqlite" else prepare_postgresql()
    if db_env is None:
        return None
    env = {**base_env(), **db_env}
    python = sys.executable
    migrate_s = run_step("migrate", [python, "manage.py", "migrate", "--noinput"], env)
    generate_s = run_step(
        f"generate_scale --profile {args.profile}",
        [python, "manage.py", "generate_scale", "--profile", args.profile],
        env,
    )
    out = RESULTS_DIR / f"registry-{db}.json"
    tmp = out.with_suffix(".json.tmp")
    tmp.unlink(missing_ok=True)
    argv = [
        python,
        "-m",
        "bench.run",
        "--worker",
        "--db",
        db,
        "--out",
        str(tmp),
        "--requests",
        str(args.requests),
        "--warmup",
        str(args.warmup),
        "--profile",
        args.profile,
        "--migrate-seconds",
        f"{migrate_s:.2f}",
        "--generate-seconds",
        f"{generate_s:.2f}",
    ]
    log("  measuring…")
    started = time.perf_counter()
    completed = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    if completed.returncode != 0 or not tmp.exists():
        tail = "\n".join((completed.stdout + completed.stderr).strip().splitlines()[-25:])
        raise HarnessError(f"measuring process failed (exit {completed.returncode}):\n{tail}")
    log(f"  measuring: {time.perf_counter() - started:.1f} s")
    tmp.replace(out)
    result = json.loads(out.read_text(encoding="utf-8"))
    result["_path"] = str(out.relative_to(ROOT))
    return result


def collect_static(args: argparse.Namespace) -> None:
    # DEBUG is off, so templates resolve static files through the manifest, as in production.
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    env = {**base_env(), "ABIERTO_SQLITE_PATH": str(WORK_DIR / "registry.sqlite3")}
    run_step("collectstatic", [sys.executable, "manage.py", "collectstatic", "--noinput"], env)


def print_table(results: list[dict]) -> None:
    headers = ["DB", "Page", "Req", "Median ms", "p95 ms", "Max ms", "CPU p95", "Queries", "Status", "Target", "Result"]
    rows = []
    for result in results:
        for page in result["pages"]:
            statuses = " ".join(f"{code}×{n}" for code, n in sorted(page["status_counts"].items()))
            queries = "–" if page["queries_min"] is None else f"{page['queries_min']}–{page['queries_max']}"
            rows.append(
                [
                    result["database"]["label"],
                    page["label"],
                    str(page["requests"]),
                    fmt(page["median_ms"]),
                    fmt(page["p95_ms"]),
                    fmt(page["max_ms"]),
                    fmt(page.get("cpu_p95_ms")),
                    queries,
                    statuses or "–",
                    page.get("target_label") or f"p95≤{page['target_p95_ms']:g} q≤{page['target_queries']}",
                    page["result"],
                ]
            )
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    numeric = {2, 3, 4, 5, 6}

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    print()
    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))
    print("Server time in ms, wall clock; CPU p95: the Python process's CPU time alone (no database server).")
    print()
    for result in results:
        counts = result["dataset"]
        load = result["machine"]["load_average_1m"]
        busy = " (busy machine: wall times inflated)" if max(load) > result["machine"]["cpu_count"] else ""
        print(
            f"{result['database']['label']}: {result['database']['version']}; {result['machine']['cpu_count']} "
            f"CPUs, load {load[0]:.1f}→{load[1]:.1f}{busy}; generate_scale "
            f"{result['setup']['generate_seconds']:.1f} s; peak RSS of the measuring process "
            f"{result['peak_rss_mb']:.0f} MB; {counts.get('plans', 0)} plans, {counts.get('commitments', 0)} "
            f"commitments, {counts.get('milestones', 0)} milestones, {counts.get('evidence', 0)} evidence; "
            f"{result['_path']}"
        )
        for page in result["pages"]:
            if page.get("first_error"):
                print(f"  {result['database']['label']} {page['page']}: {page['first_error']}")
            if page.get("note"):
                print(f"  {result['database']['label']} {page['page']}: {page['note']}")


def fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def orchestrate(args: argparse.Namespace) -> int:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    databases = DATABASES if args.db == "all" else (args.db,)
    results = []
    broken = False
    started = time.perf_counter()
    try:
        collect_static(args)
    except HarnessError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    for db in databases:
        try:
            result = bench_database(db, args)
        except HarnessError as exc:
            print(f"bench: {db}: {exc}", file=sys.stderr)
            broken = True
            continue
        if result is not None:
            results.append(result)
    if results:
        print_table(results)
    log(f"bench: {time.perf_counter() - started:.0f} s in all")
    return 1 if broken else 0


# ---------------------------------------------------------------- measuring (worker process)


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def build_page_urls(n: int) -> list[tuple[str, str, list[str]]]:
    """(page type, label, URLs to cycle through) for every page type, from the data in the database."""
    import random

    from django.conf import settings
    from django.db.models import Count

    from abierto.institutions.models import Institution
    from abierto.plans.models import ActionPlan, Commitment

    rng = random.Random(7)
    plans = list(ActionPlan.objects.exclude(kind=ActionPlan.Kind.ROADMAP).order_by("pk").values_list("slug", flat=True))
    roadmaps = list(
        ActionPlan.objects.filter(kind=ActionPlan.Kind.ROADMAP).order_by("pk").values_list("slug", flat=True)
    )
    commitments = list(Commitment.objects.order_by("pk").values_list("plan__slug", "code"))
    rng.shuffle(commitments)
    # The institutions that lead most commitments have the heaviest pages: always include them.
    heavy = list(
        Institution.objects.annotate(n=Count("led_commitments"))
        .order_by("-n", "pk")
        .values_list("slug", flat=True)[:10]
    )
    others = [s for s in Institution.objects.order_by("pk").values_list("slug", flat=True) if s not in set(heavy)]
    rng.shuffle(others)
    institutions = heavy + others

    plan_urls = (
        [f"/planes/{plans[i % len(plans)]}/{PLAN_QUERIES[i % len(PLAN_QUERIES)]}" for i in range(n)] if plans else []
    )
    roadmap_urls = [f"/planes/{roadmaps[i % len(roadmaps)]}/" for i in range(n)] if roadmaps else []
    return [
        ("home", "Home /", ["/"]),
        (
            "plan_index",
            "Plans /planes/",
            ["/planes/", "/planes/", f"/planes/?gobierno={settings.ABIERTO_HOME_GOVERNMENT}"],
        ),
        ("plan", "Plan /planes/<slug>/", plan_urls),
        (
            "commitment",
            "Commitment …/compromisos/<code>/",
            [f"/planes/{slug}/compromisos/{code}/" for slug, code in commitments],
        ),
        (
            "institution_index",
            "Institutions /instituciones/",
            ["/instituciones/", "/instituciones/", "/instituciones/?poder=executive"],
        ),
        ("institution", "Institution /instituciones/<slug>/", [f"/instituciones/{slug}/" for slug in institutions]),
        ("roadmap", "Roadmap (roadmap plan page)", roadmap_urls),
        ("methodology", "Methodology /metodologia/", ["/metodologia/"]),
        ("search", "Search /buscar/?q=…", [f"/buscar/?q={quote_plus(q)}" for q in SEARCH_QUERIES]),
        (
            "api_list",
            "API /api/v1/commitments/?plan=…",
            [f"/api/v1/commitments/?plan={plans[i % len(plans)]}" for i in range(n)] if plans else [],
        ),
        (
            "api_detail",
            "API /api/v1/commitments/<id>/",
            [f"/api/v1/commitments/{pk}/" for pk in Commitment.objects.order_by("?").values_list("pk", flat=True)[:n]],
        ),
    ]


def measure_page(
    client,
    connection,
    page: str,
    label: str,
    urls: list[str],
    args: argparse.Namespace,
    errors: dict,
    *,
    clients: list | None = None,
    target_p95: float | None = None,
) -> dict:
    """``clients``, when given, is parallel to ``urls``: the signed-in client that requests each URL."""
    from django.test.utils import CaptureQueriesContext

    if target_p95 is None:
        target_p95 = TARGET_SEARCH_P95_MS if page == "search" else TARGET_P95_MS
    record: dict = {
        "page": page,
        "label": label,
        "target_p95_ms": target_p95,
        "target_queries": TARGET_QUERIES,
        "distinct_urls": len(set(urls)),
        "sample_urls": list(dict.fromkeys(urls))[:3],
    }
    if not urls:
        record.update(
            requests=0,
            median_ms=None,
            p95_ms=None,
            max_ms=None,
            mean_ms=None,
            queries_min=None,
            queries_max=None,
            queries_median=None,
            status_counts={},
            errors=0,
            result="FAIL",
            fail_reasons=["no object of this type in the data"],
            note="no object of this type in the data",
        )
        return record

    def get(url: str, i: int):
        try:
            status = (clients[i % len(clients)] if clients else client).get(url).status_code
        except Exception as exc:  # The harness counts a crash as an error and goes on.
            errors.setdefault(page, f"{type(exc).__name__}: {exc}"[:300])
            return "exception"
        if status != 200:
            # A 500 already left its exception here (got_request_exception); others leave the URL.
            errors.setdefault(page, f"HTTP {status} at {url}")
        return str(status)

    errors["_current"] = page
    # Warm-up: template loading, URL resolution, first connection, database caches. Not measured.
    for i in range(args.warmup):
        get(urls[-1 - (i % len(urls))], -1 - (i % len(urls)))

    times: list[float] = []
    cpu_times: list[float] = []
    queries: list[int] = []
    statuses: dict[str, int] = {}
    started = time.perf_counter()
    note = ""
    for i in range(args.requests):
        url = urls[i % len(urls)]
        with CaptureQueriesContext(connection) as ctx:
            t0, c0 = time.perf_counter(), time.process_time()
            status = get(url, i % len(urls))
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
        times.append(elapsed * 1000)
        cpu_times.append(cpu * 1000)
        queries.append(len(ctx.captured_queries))
        statuses[status] = statuses.get(status, 0) + 1
        if time.perf_counter() - started > PAGE_BUDGET_SECONDS and i + 1 < args.requests:
            note = f"stopped after {i + 1} requests: over the {PAGE_BUDGET_SECONDS:.0f} s budget for one page type"
            break

    ordered = sorted(times)
    n_errors = sum(n for code, n in statuses.items() if code != "200")
    p95 = percentile(ordered, 0.95)
    reasons = []
    if p95 > target_p95:
        reasons.append(f"p95 {p95:.1f} ms > {target_p95:g} ms")
    if max(queries) > TARGET_QUERIES:
        reasons.append(f"{max(queries)} queries > {TARGET_QUERIES}")
    if n_errors:
        reasons.append(f"{n_errors} non-200 responses")
    if note:
        reasons.append(note)
    record.update(
        requests=len(times),
        median_ms=round(statistics.median(ordered), 2),
        p95_ms=round(p95, 2),
        max_ms=round(ordered[-1], 2),
        mean_ms=round(statistics.fmean(ordered), 2),
        # CPU time of the Python process alone: steadier than wall time on a busy machine, but it leaves
        # out the database server's own work (PostgreSQL runs in another process).
        cpu_median_ms=round(statistics.median(cpu_times), 2),
        cpu_p95_ms=round(percentile(sorted(cpu_times), 0.95), 2),
        queries_min=min(queries),
        queries_max=max(queries),
        queries_median=statistics.median(queries),
        status_counts=statuses,
        errors=n_errors,
        result="FAIL" if reasons else "PASS",
        fail_reasons=reasons,
    )
    if note:
        record["note"] = note
    if page in errors:
        record["first_error"] = errors[page]
    return record


# ---------------------------------------------------------------- monitoring (signed-in pages, reminder job)


def signed_in_client(user):
    """A test client signed in as ``user``. Staff roles must have a second factor in production
    (ABIERTO_REQUIRE_STAFF_MFA), so the account gets a TOTP authenticator first, as a real one would
    have: the middleware's check still runs on every request."""
    from allauth.mfa.models import Authenticator
    from django.test import Client

    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "BENCHONLYBENCHONLYBENCHONLY"}}
    )
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def monitoring_records(connection, args: argparse.Namespace, errors: dict) -> list[dict]:
    """The secretariat's dashboard, the implementer's home and one run of the reminder job."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from abierto.accounts.models import Role
    from abierto.monitoring.models import ReportingPeriod
    from abierto.plans.models import ActionPlan

    n = args.requests
    records = []

    # (a) Dashboard: every period of the five plans with most commitments, one secretariat account.
    largest = list(
        ActionPlan.objects.annotate(n=Count("commitments")).order_by("-n", "pk").values_list("pk", flat=True)[:5]
    )
    periods = list(
        ReportingPeriod.objects.filter(plan__in=largest).order_by("plan", "start").values_list("pk", flat=True)
    )
    secretariat = (
        get_user_model()
        .objects.filter(roles__kind=Role.Kind.SECRETARIAT, roles__revoked_at__isnull=True)
        .order_by("pk")
        .first()
    )
    dashboard_urls = [f"/seguimiento/periodos/{periods[i % len(periods)]}/" for i in range(n)] if periods else []
    if secretariat is None:
        dashboard_urls = []
    secretariat_client = signed_in_client(secretariat) if secretariat is not None else None
    log("    monitoring_dashboard")
    records.append(
        measure_page(
            secretariat_client,
            connection,
            "monitoring_dashboard",
            "Monitoring: dashboard /seguimiento/periodos/<id>/",
            dashboard_urls,
            args,
            errors,
            target_p95=TARGET_MONITORING_P95_MS,
        )
    )

    # (b) Implementer's home: the implementers of the ten institutions that lead most commitments.
    roles = list(
        Role.objects.active()
        .filter(kind=Role.Kind.IMPLEMENTER)
        .annotate(n=Count("institution__led_commitments"))
        .order_by("-n", "pk")
        .select_related("user")[:10]
    )
    clients = [signed_in_client(role.user) for role in roles]
    home_urls = ["/seguimiento/"] * n if clients else []
    home_clients = [clients[i % len(clients)] for i in range(n)] if clients else None
    log("    monitoring_home")
    record = measure_page(
        None,
        connection,
        "monitoring_home",
        "Monitoring: implementer home /seguimiento/",
        home_urls,
        args,
        errors,
        clients=home_clients,
        target_p95=TARGET_MONITORING_P95_MS,
    )
    record["implementers"] = [{"institution_id": r.institution_id, "led_commitments": r.n} for r in roles]
    records.append(record)

    log("    reminder_job")
    records.append(measure_reminder_job(connection, largest[0] if largest else None))
    return records


def measure_reminder_job(connection, plan_id: int | None) -> dict:
    """One run of the daily checks (the functions behind ``send_reminders``) on the day a reminder is
    due for the last reporting period of the largest plan, so every one of its commitments is in
    scope; inside a transaction that is rolled back, so nothing is stored or sent."""
    import datetime

    from django.conf import settings
    from django.db import transaction
    from django.test.utils import CaptureQueriesContext

    from abierto.monitoring.models import ReportingPeriod
    from abierto.notifications import reminders
    from abierto.plans.models import Commitment

    target_ms = TARGET_REMINDER_SECONDS * 1000
    record: dict = {
        "page": "reminder_job",
        "label": "Reminder job (deadlines + overdue milestones)",
        "target_p95_ms": target_ms,
        "target_queries": None,
        "target_label": f"≤{TARGET_REMINDER_SECONDS:g} s",
        "requests": 0,
        "median_ms": None,
        "p95_ms": None,
        "max_ms": None,
        "queries_min": None,
        "queries_max": None,
        "status_counts": {},
        "errors": 0,
    }
    period = ReportingPeriod.objects.filter(plan_id=plan_id).order_by("-deadline", "-pk").first() if plan_id else None
    if period is None:
        record.update(result="FAIL", fail_reasons=["no reporting period in the data"])
        return record
    today = period.deadline - datetime.timedelta(days=max(settings.ABIERTO_REMINDER_DAYS))
    in_scope = ReportingPeriod.objects.filter(deadline=period.deadline)
    scope = {
        "today": today.isoformat(),
        "largest_plan_id": plan_id,
        "largest_plan_commitments": Commitment.objects.filter(plan_id=plan_id).count(),
        "periods_due": in_scope.count(),
        "commitments_in_scope": Commitment.objects.filter(plan__reporting_periods__in=in_scope).count(),
    }
    timings = {}
    try:
        with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
            t0 = time.perf_counter()
            scope["deadline_notices"] = reminders.reporting_deadlines(today)
            timings["reporting_deadlines_ms"] = round((time.perf_counter() - t0) * 1000, 2)
            t1 = time.perf_counter()
            scope["overdue_notices"] = reminders.overdue_milestones(today)
            timings["overdue_milestones_ms"] = round((time.perf_counter() - t1) * 1000, 2)
            elapsed = (time.perf_counter() - t0) * 1000
            transaction.set_rollback(True)
    except Exception as exc:  # The harness reports a crash and goes on.
        record.update(result="FAIL", fail_reasons=[f"{type(exc).__name__}: {exc}"[:300]], errors=1)
        record["first_error"] = record["fail_reasons"][0]
        return record
    reasons = [f"{elapsed / 1000:.1f} s > {TARGET_REMINDER_SECONDS:g} s"] if elapsed > target_ms else []
    record.update(
        requests=1,
        median_ms=round(elapsed, 2),
        p95_ms=round(elapsed, 2),
        max_ms=round(elapsed, 2),
        queries_min=len(ctx.captured_queries),
        queries_max=len(ctx.captured_queries),
        scope=scope,
        timings=timings,
        result="FAIL" if reasons else "PASS",
        fail_reasons=reasons,
    )
    return record


def measure_export() -> dict:
    """``manage.py build_open_data`` in a child process: wall time and the child's peak memory (RSS)."""
    import resource

    target_ms = TARGET_EXPORT_SECONDS * 1000
    record: dict = {
        "page": "open_data_export",
        "label": "Open-data export (zip: CSV, JSON, XLSX)",
        "target_p95_ms": target_ms,
        "target_queries": None,
        "target_label": f"≤{TARGET_EXPORT_SECONDS:g} s, ≤{TARGET_EXPORT_MB:g} MB",
        "requests": 0,
        "median_ms": None,
        "p95_ms": None,
        "max_ms": None,
        "queries_min": None,
        "queries_max": None,
        "status_counts": {},
        "errors": 0,
    }
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "manage.py", "build_open_data"],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
    )
    elapsed = (time.perf_counter() - started) * 1000
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode != 0:
        record.update(result="FAIL", errors=1, fail_reasons=[done.stderr.strip()[-300:]])
        record["first_error"] = record["fail_reasons"][0]
        return record
    reasons = []
    if elapsed > target_ms:
        reasons.append(f"{elapsed / 1000:.1f} s > {TARGET_EXPORT_SECONDS:g} s")
    if peak_mb > TARGET_EXPORT_MB:
        reasons.append(f"{peak_mb:.0f} MB > {TARGET_EXPORT_MB:g} MB")
    record.update(
        requests=1,
        median_ms=round(elapsed, 2),
        p95_ms=round(elapsed, 2),
        max_ms=round(elapsed, 2),
        peak_rss_mb=round(peak_mb, 1),
        note=f"peak RSS {peak_mb:.0f} MB; {done.stdout.strip()}",
        result="FAIL" if reasons else "PASS",
        fail_reasons=reasons,
    )
    return record


def database_info(connection) -> dict:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
        else:
            version = connection.vendor
    return {"vendor": connection.vendor, "version": version}


def dataset_counts() -> dict[str, int]:
    from abierto.assessments.models import Assessment
    from abierto.institutions.models import Government, Institution
    from abierto.plans.models import ActionPlan, Commitment, Evidence, Indicator, Measurement, Milestone

    models = {
        "governments": Government,
        "institutions": Institution,
        "plans": ActionPlan,
        "commitments": Commitment,
        "milestones": Milestone,
        "evidence": Evidence,
        "indicators": Indicator,
        "measurements": Measurement,
        "assessments": Assessment,
    }
    counts = {name: model.objects.count() for name, model in models.items()}
    from abierto.accounts.models import Role
    from abierto.monitoring.models import ProgressReport, ReportingPeriod

    counts["reporting_periods"] = ReportingPeriod.objects.count()
    counts["progress_reports"] = ProgressReport.all_objects.count()
    counts["roles"] = Role.objects.count()
    try:
        from abierto.search.models import SearchDocument

        counts["search_documents"] = SearchDocument.objects.count()
    except ImportError:
        pass
    return counts


def work(args: argparse.Namespace) -> int:
    import logging
    import resource
    import traceback

    import django

    django.setup()
    from django.conf import settings
    from django.core.signals import got_request_exception
    from django.db import connection
    from django.test import Client

    # A 404 or 500 is counted, not printed 200 times.
    for name in ("django.request", "django.server", "django.security"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)

    errors: dict[str, str] = {}

    def on_exception(sender, request=None, **kwargs):
        page = errors.get("_current", "")
        if page and page not in errors:
            exc_type, exc, _tb = sys.exc_info()
            if exc is not None:
                errors[page] = "".join(traceback.format_exception_only(exc_type, exc)).strip()[:300]

    got_request_exception.connect(on_exception, weak=False)

    client = Client(raise_request_exception=False)
    load_before = os.getloadavg()
    started = time.perf_counter()
    records = []
    for page, label, urls in build_page_urls(args.requests):
        log(f"    {page}")
        records.append(measure_page(client, connection, page, label, urls, args, errors))
    monitoring = monitoring_records(connection, args, errors)
    records += monitoring
    log("    open_data_export")
    records.append(measure_export())

    result = {
        "benchmark": "registry",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "machine": platform.machine(),
            "python": platform.python_version(),
            "django": django.get_version(),
            # 1-minute load average at the start and end of the measurements: above cpu_count, other
            # processes were competing for the CPU and wall times are inflated.
            "load_average_1m": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        },
        "database": {"label": args.db, **database_info(connection)},
        "settings": {"debug": settings.DEBUG, "conn_max_age": connection.settings_dict.get("CONN_MAX_AGE")},
        "dataset": {"profile": args.profile, **dataset_counts()},
        "setup": {"migrate_seconds": args.migrate_seconds, "generate_seconds": args.generate_seconds},
        "method": {
            "client": "django.test.Client, in-process (middleware, view, templates; no network, no server)",
            "warmup_requests_per_page": args.warmup,
            "requests_per_page": args.requests,
            "queries": "django.test.utils.CaptureQueriesContext around each request",
            "percentile": "nearest rank",
        },
        "targets": {
            "p95_ms": TARGET_P95_MS,
            "search_p95_ms": TARGET_SEARCH_P95_MS,
            "queries_per_request": TARGET_QUERIES,
            "monitoring_p95_ms": TARGET_MONITORING_P95_MS,
            "reminder_job_seconds": TARGET_REMINDER_SECONDS,
            "export_seconds": TARGET_EXPORT_SECONDS,
            "export_peak_mb": TARGET_EXPORT_MB,
        },
        "measuring_seconds": round(time.perf_counter() - started, 1),
        # Linux reports ru_maxrss in KiB.
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "pages": records,
        # The same records as the last rows of "pages", for readers that look for the scenario by name.
        "monitoring": {r["page"]: r for r in monitoring},
    }
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=[*DATABASES, "all"], default="all", help="Database(s) to measure.")
    parser.add_argument("--requests", type=int, default=DEFAULT_REQUESTS, help="Measured requests per page type.")
    parser.add_argument("--warmup", type=int, default=DEFAULT_WARMUP, help="Unmeasured requests per page type.")
    parser.add_argument("--profile", default="national", help="generate_scale profile (national, small).")
    # Internal: the measuring subprocess.
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--migrate-seconds", type=float, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--generate-seconds", type=float, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.requests < 1 or args.warmup < 0:
        parser.error("--requests must be at least 1 and --warmup at least 0")
    if args.worker:
        if args.db == "all" or not args.out:
            parser.error("--worker needs --db and --out")
        return work(args)
    return orchestrate(args)


if __name__ == "__main__":
    sys.exit(main())
