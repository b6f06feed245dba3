"""The load test: the production setup (gunicorn, PostgreSQL, Redis) under a mixed load, on loopback, bounded
in time; beside it the same pages saved as files and served by nginx, the ceiling.

    .venv/bin/python -m bench.load [--duration 60] [--connections 64] [--faults]

1. Database ``abierto_load`` on the local PostgreSQL (``BENCH_POSTGRES_URL`` for another server), built once with
   ``generate_scale --profile national`` plus the participants, sessions and open proposals the writes need;
   reused by later runs (``--fresh`` rebuilds it).
2. gunicorn (``--workers``, DEBUG off, Redis cache when it answers on 127.0.0.1:6379) on 127.0.0.1:8100.
3. wrk (Debian's package) with ``bench/load.lua``: ``--connections`` concurrent clients for ``--duration`` seconds,
   90 % GETs over every public page type, 10 % POSTs (supports and comments) when the co-creation app can take
   them. Throughput, p50/p95/p99, errors. Twice through nginx: saturating (as fast as answers come back: the
   capacity) and paced at the target's 500 requests per second (its latency at that rate).
4. The same pages (as anonymous visitors get them) saved to disk and served by nginx on 127.0.0.1:8101 with the
   same wrk read load: the ratio of the app's cached throughput to nginx's.
5. ``--faults``: another run during which PostgreSQL is restarted and a gunicorn worker is killed; the site must
   recover by itself, and every write the server accepted must be in the database afterwards.

Needs wrk and nginx (``apt-get install wrk nginx-light``); writes ``bench/results/load-postgresql.json``.
A measurement, not a test: the exit code says whether the harness ran, not whether the targets were met.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
WORK_DIR = ROOT / "var" / "bench" / "load"
PG_SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "abierto_load"
APP_PORT = 8100
NGINX_PORT = 8101  # the saved pages as static files: the ceiling
PROXY_PORT = 8102  # nginx in front of gunicorn, as deployed (docs/deploy.md): 30 s copies revalidated by ETag
REDIS_URL = "redis://127.0.0.1:6379/15"

TARGET_RPS = 500.0
TARGET_P95_MS = 100.0
TARGET_NGINX_RATIO = 0.30
# A paced run delivers slightly less than it offers (the first slots of each connection, the last second).
PACED_TOLERANCE = 0.98


class HarnessError(Exception):
    pass


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- environment


def redis_available() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def app_env() -> dict[str, str]:
    server = PG_SERVER_URL.rsplit("/", 1)[0]
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_DEBUG", "ABIERTO_SQLITE_PATH"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "abierto.settings",
            "DJANGO_SECRET_KEY": "load-test-only",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_COOKIES": "0",
            "DATABASE_URL": f"{server}/{PG_DATABASE}",
            "ABIERTO_MEDIA_ROOT": str(WORK_DIR / "media"),
            "ABIERTO_REQUIRE_STAFF_MFA": "0",
            "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
        }
    )
    if redis_available():
        env["REDIS_URL"] = REDIS_URL
    # Every simulated person comes from 127.0.0.1: the per-address limits would stop them all together, so they
    # are lifted here; the per-account limits stay as in production.
    env["ABIERTO_COCREATION_RATES"] = json.dumps(
        {"proposal": [5, 10**6, 3600], "support": [30, 10**6, 600], "comment": [10, 10**6, 600]}
    )
    return env


def run(label: str, argv: list[str], env: dict[str, str]) -> float:
    log(f"  {label}…")
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
        raise HarnessError(f"{label} failed (exit {done.returncode}):\n{tail}")
    elapsed = time.perf_counter() - started
    log(f"  {label}: {elapsed:.1f} s")
    return elapsed


def prepare_database(fresh: bool) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_SERVER_URL, autocommit=True, connect_timeout=5) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_DATABASE]).fetchone()
        if exists and fresh:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(PG_DATABASE)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(PG_DATABASE)))
    env = app_env()
    python = sys.executable
    run("migrate", [python, "manage.py", "migrate", "--noinput"], env)
    if not exists:
        run("generate_scale --profile national", [python, "manage.py", "generate_scale", "--profile", "national"], env)
    run("collectstatic", [python, "manage.py", "collectstatic", "--noinput"], env)


# ---------------------------------------------------------------- request lists (inside Django)


def build_lists(out: Path) -> dict:
    """Write reads.txt and writes.txt for wrk; return what they hold. Runs with Django set up."""
    import random
    from urllib.parse import quote_plus

    import django

    django.setup()
    from django.apps import apps

    from abierto.institutions.models import Institution
    from abierto.plans.models import ActionPlan, Commitment

    rng = random.Random(11)
    reads: list[str] = ["/", "/planes/", "/instituciones/", "/metodologia/", "/datos-abiertos/", "/api/v1/"]
    plans = list(ActionPlan.objects.order_by("pk").values_list("slug", flat=True))
    reads += [f"/planes/{slug}/" for slug in plans]
    commitments = list(Commitment.objects.order_by("pk").values_list("plan__slug", "code", "pk"))
    rng.shuffle(commitments)
    reads += [f"/planes/{slug}/compromisos/{code}/" for slug, code, _pk in commitments[:1500]]
    reads += [f"/api/v1/commitments/{pk}/" for _slug, _code, pk in commitments[:300]]
    reads += [f"/api/v1/commitments/?plan={slug}" for slug in plans]
    institutions = list(Institution.objects.order_by("pk").values_list("slug", flat=True))
    reads += [f"/instituciones/{slug}/" for slug in institutions[:300]]
    reads += [f"/buscar/?q={quote_plus(q)}" for q in ("participación", "transparencia", "municipal", "datos")]
    if apps.is_installed("abierto.forum"):
        reads += ["/mesa/"]
    writes: list[str] = []
    if apps.is_installed("abierto.cocreation"):
        from bench import load_writes

        extra_reads, writes = load_writes.prepare()
        reads += extra_reads
    out.mkdir(parents=True, exist_ok=True)
    (out / "reads.txt").write_text("\n".join(reads) + "\n", encoding="utf-8")
    tenth = (len(writes) // 30) * 3  # whole people (three writes each) in each tenth
    parts = {
        # The saturating run goes as fast as the app answers: half of the people; the paced run offers a tenth of
        # 500 writes/s (3,000 a minute), the app alone is slower, the fault run is saturating too.
        "writes-proxy.txt": writes[: 5 * tenth],
        "writes-paced.txt": writes[5 * tenth : 7 * tenth],
        "writes-direct.txt": writes[7 * tenth : 8 * tenth],
        "writes-faults.txt": writes[8 * tenth :],
    }
    for name, part in parts.items():
        (out / name).write_text("\n".join(part) + ("\n" if part else ""), encoding="utf-8")
    return {"reads": len(reads), "writes": len(writes)}


def write_counts() -> dict[str, int]:
    """Rows the writes create, counted in the database (inside Django)."""
    import django

    django.setup()
    from django.apps import apps

    if not apps.is_installed("abierto.cocreation"):
        return {}
    from bench import load_writes

    return load_writes.counts()


# ---------------------------------------------------------------- servers


def start_gunicorn(env: dict[str, str], workers: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proc = subprocess.Popen(
        [
            str(gunicorn),
            "abierto.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{APP_PORT}",
            "--backlog",
            "2048",
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(WORK_DIR / "gunicorn.log", "w"),  # noqa: SIM115 - lives as long as the server
    )
    wait_healthy(f"http://127.0.0.1:{APP_PORT}/salud/", 60)
    return proc


def wait_healthy(url: str, seconds: float) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.perf_counter() - started
        except (urllib.error.URLError, OSError, ConnectionError):
            pass
        time.sleep(0.2)
    raise HarnessError(f"{url} not healthy after {seconds:.0f} s")


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def save_static(reads: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Fetch every read page once from the app (as an anonymous visitor gets it, which also fills the page cache)
    and save it where nginx serves it. Returns the paths that answered 200, their nginx paths in the same order,
    and the paths dropped because they did not answer 200 (reported, never measured)."""
    from concurrent.futures import ThreadPoolExecutor

    root = WORK_DIR / "static"
    shutil.rmtree(root, ignore_errors=True)

    def fetch(path: str) -> tuple[str, bytes | None]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{APP_PORT}{path}", timeout=60) as response:
                return path, response.read()
        except urllib.error.HTTPError:
            return path, None

    unique = list(dict.fromkeys(reads))
    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = dict(pool.map(fetch, unique))
    saved: dict[str, str] = {}
    for path, body in bodies.items():
        if body is None:
            continue
        key = hashlib.sha256(path.encode()).hexdigest()[:24]
        folder = root / "p" / key
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_bytes(body)
        saved[path] = f"/p/{key}/"
    kept = [path for path in reads if path in saved]
    dropped = [path for path in unique if path not in saved]
    return kept, [saved[path] for path in kept], dropped


def start_nginx() -> subprocess.Popen:
    conf = WORK_DIR / "nginx.conf"
    conf.write_text(
        f"""worker_processes auto;
pid {WORK_DIR}/nginx.pid;
error_log {WORK_DIR}/nginx-error.log warn;
daemon off;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    default_type text/html;
    client_body_temp_path {WORK_DIR}/tmp-body;
    proxy_temp_path {WORK_DIR}/tmp-proxy;
    fastcgi_temp_path {WORK_DIR}/tmp-fastcgi;
    uwsgi_temp_path {WORK_DIR}/tmp-uwsgi;
    scgi_temp_path {WORK_DIR}/tmp-scgi;
    server {{
        listen 127.0.0.1:{NGINX_PORT};
        root {WORK_DIR}/static;
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
    # The production front (docs/deploy.md), word for word but for the addresses.
    proxy_cache_path {WORK_DIR}/nginx-cache levels=1:2 keys_zone=abierto_pages:50m max_size=2g inactive=10m
                     use_temp_path=off;
    map $http_cookie $abierto_private {{ default 0; "~*(^|;\\s*)(sessionid|messages)=" 1; }}
    upstream abierto_app {{ server 127.0.0.1:{APP_PORT}; keepalive 32; }}
    server {{
        listen 127.0.0.1:{PROXY_PORT};
        location /salud/ {{ proxy_pass http://abierto_app; }}
        location / {{
            proxy_pass http://abierto_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_cache abierto_pages;
            proxy_cache_key "$scheme$host$request_uri|$cookie_django_language";
            proxy_cache_valid 200 30s;
            proxy_cache_revalidate on;
            proxy_ignore_headers Cache-Control Expires;
            proxy_cache_bypass $abierto_private;
            proxy_no_cache $abierto_private;
            proxy_cache_lock on;
            proxy_cache_use_stale updating error timeout http_500 http_502 http_503;
            proxy_cache_background_update on;
            add_header X-Microcache $upstream_cache_status;
        }}
    }}
}}
""",
        encoding="utf-8",
    )
    proc = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(WORK_DIR)], stderr=subprocess.PIPE)
    time.sleep(0.5)
    if proc.poll() is not None:
        raise HarnessError(f"nginx did not start: {proc.stderr.read().decode()[-500:]}")
    return proc


# ---------------------------------------------------------------- wrk


def run_wrk(
    port: int,
    reads_file: Path,
    duration: int,
    connections: int,
    threads: int,
    writes_file: Path | None,
    ratio: float,
    rate: float = 0,
) -> dict:
    env = {
        "LOAD_RATE": str(rate),
        **os.environ,
        "LOAD_READS": str(reads_file),
        "LOAD_WRITES": str(writes_file or ""),
        "LOAD_WRITE_RATIO": str(ratio if writes_file else 0),
        "LOAD_THREADS": str(threads),
        "LOAD_HOST": f"127.0.0.1:{port}",
    }
    argv = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--timeout=10s",
        f"--script={ROOT / 'bench' / 'load.lua'}",
        f"http://127.0.0.1:{port}/",
    ]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=duration + 60)
    found = re.search(r"^LOADRESULT (\{.*\})$", done.stdout, re.MULTILINE)
    if not found:
        raise HarnessError(f"wrk gave no result (exit {done.returncode}): {done.stdout[-500:]} {done.stderr[-500:]}")
    raw = json.loads(found.group(1))
    seconds = raw["duration_us"] / 1e6
    errors = sum(raw["errors"].values())
    prepared = len(writes_file.read_text(encoding="utf-8").splitlines()) if writes_file else 0
    return {
        # A run whose writes ran out went on with reads alone: its throughput is not the mixed load's.
        "write_share": round(raw["writes_sent"] / raw["requests"], 4) if raw["requests"] else 0.0,
        "writes_prepared": prepared,
        "ran_out_of_writes": bool(writes_file) and raw["writes_sent"] >= prepared,
        "requests": raw["requests"],
        "seconds": round(seconds, 2),
        "rps": round(raw["requests"] / seconds, 1),
        "mb_per_s": round(raw["bytes"] / seconds / 1e6, 2),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p90_ms": round(raw["p90_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": errors,
        "error_kinds": raw["errors"],
        "writes_sent": raw["writes_sent"],
        "writes_accepted": raw["writes_accepted"],
        "writes_refused": raw["refused"],
        "server_errors": raw["server_errors"],
    }


# ---------------------------------------------------------------- faults


def gunicorn_workers(master: int) -> list[int]:
    done = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
    return [int(pid) for pid in done.stdout.split()]


def restart_postgresql() -> None:
    clusters = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if not clusters:
        raise HarnessError("no local PostgreSQL cluster to restart")
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", clusters[-1], "main", "restart"],
        check=True,
        capture_output=True,
    )


def fault_run(args, gunicorn: subprocess.Popen, reads_file: Path, writes_file: Path | None, env: dict) -> dict:
    import threading

    before = counts_in_subprocess(env)
    events: list[str] = []

    def inject() -> None:
        time.sleep(args.duration * 0.25)
        restart_postgresql()
        events.append(f"{args.duration * 0.25:.0f} s: PostgreSQL restarted")
        time.sleep(args.duration * 0.25)
        workers = gunicorn_workers(gunicorn.pid)
        if workers:
            os.kill(workers[0], signal.SIGKILL)
            events.append(f"{args.duration * 0.5:.0f} s: gunicorn worker {workers[0]} killed (SIGKILL)")

    injector = threading.Thread(target=inject)
    injector.start()
    result = run_wrk(PROXY_PORT, reads_file, args.duration, args.connections, args.threads, writes_file, 0.10)
    injector.join()
    recovery = wait_healthy(f"http://127.0.0.1:{APP_PORT}/salud/", 60)
    after = counts_in_subprocess(env)
    stored = {key: after.get(key, 0) - before.get(key, 0) for key in after}
    result.update(
        events=events,
        recovered_in_s=round(recovery, 2),
        rows_created=stored,
        # Accepted (302) but not in the database: lost. The other way round (stored, but the answer never
        # reached the client: a worker killed after its commit, a 5xx while PostgreSQL restarted) is counted
        # apart: a person would see an error for a write that was kept.
        lost_writes=max(0, result["writes_accepted"] - sum(stored.values())),
        stored_without_answer=max(0, sum(stored.values()) - result["writes_accepted"]),
    )
    return result


def counts_in_subprocess(env: dict[str, str]) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.load", "--counts"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise HarnessError(f"counting failed: {done.stderr[-500:]}")
    return json.loads(done.stdout)


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2) + 1)
    parser.add_argument("--fresh", action="store_true", help="rebuild the load database")
    parser.add_argument("--faults", action="store_true", help="also run with PostgreSQL restarted and a worker killed")
    parser.add_argument("--lists", help=argparse.SUPPRESS)
    parser.add_argument("--counts", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.lists:
        print(json.dumps(build_lists(Path(args.lists))))
        return 0
    if args.counts:
        print(json.dumps(write_counts()))
        return 0
    for tool in ("wrk", "nginx"):
        if shutil.which(tool) is None:
            print(f"bench.load: {tool} is not installed (apt-get install wrk nginx-light): skipped.")
            return 0

    WORK_DIR.mkdir(parents=True, exist_ok=True)
    gunicorn = nginx = None
    result: dict = {"benchmark": "load", "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    try:
        log("== load test (PostgreSQL, gunicorn)")
        prepare_database(args.fresh)
        env = app_env()
        listing = subprocess.run(
            [sys.executable, "-m", "bench.load", "--lists", str(WORK_DIR)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if listing.returncode != 0:
            raise HarnessError(f"preparing the requests failed:\n{listing.stderr[-3000:]}")
        lists = json.loads(listing.stdout)
        reads_file = WORK_DIR / "reads.txt"
        has_writes = lists["writes"] > 0
        gunicorn = start_gunicorn(env, args.workers)
        reads = reads_file.read_text(encoding="utf-8").split()
        log(f"  {len(reads)} read paths, {lists['writes']} prepared writes; warming the page cache…")
        reads, nginx_paths, dropped = save_static(reads)  # also warms the app's cache with every page
        if dropped:
            log(f"  dropped (not 200): {', '.join(dropped[:10])}{' …' if len(dropped) > 10 else ''}")
        reads_file.write_text("\n".join(reads) + "\n", encoding="utf-8")
        (WORK_DIR / "nginx-reads.txt").write_text("\n".join(nginx_paths) + "\n", encoding="utf-8")

        nginx = start_nginx()
        writes = {
            name: WORK_DIR / f"writes-{name}.txt" if has_writes else None
            for name in ("proxy", "paced", "direct", "faults")
        }
        log(f"  mixed load through nginx (as deployed): {args.connections} connections, {args.duration} s…")
        mixed = run_wrk(PROXY_PORT, reads_file, args.duration, args.connections, args.threads, writes["proxy"], 0.10)
        log(f"  mixed load through nginx, paced at {TARGET_RPS:.0f} req/s: {args.duration} s…")
        paced = run_wrk(
            PROXY_PORT,
            reads_file,
            args.duration,
            args.connections,
            args.threads,
            writes["paced"],
            0.10,
            rate=TARGET_RPS,
        )
        log(f"  mixed load on gunicorn alone: {args.duration} s…")
        direct = run_wrk(APP_PORT, reads_file, args.duration, args.connections, args.threads, writes["direct"], 0.10)
        log(f"  reads only through nginx: {args.duration} s…")
        app_reads = run_wrk(PROXY_PORT, reads_file, args.duration, args.connections, args.threads, None, 0)
        log(f"  reads only, gunicorn alone (Django's page cache): {args.duration} s…")
        direct_reads = run_wrk(APP_PORT, reads_file, args.duration, args.connections, args.threads, None, 0)
        log(f"  reads only, nginx serving the same bytes as files: {args.duration} s…")
        nginx_reads = run_wrk(
            NGINX_PORT, WORK_DIR / "nginx-reads.txt", args.duration, args.connections, args.threads, None, 0
        )
        faults = None
        if args.faults:
            log(f"  faults: PostgreSQL restart and a killed worker under load, {args.duration} s…")
            faults = fault_run(args, gunicorn, reads_file, writes["faults"], env)
        stop(nginx)
        nginx = None
        ratio = app_reads["rps"] / nginx_reads["rps"] if nginx_reads["rps"] else 0.0
        result.update(
            {
                "machine": {"cpu_count": os.cpu_count(), "load_average_1m": round(os.getloadavg()[0], 2)},
                "setup": {
                    "server": f"nginx (30 s copies revalidated by ETag) before gunicorn, {args.workers} sync workers",
                    "database": "PostgreSQL (abierto_load, generate_scale --profile national)",
                    "cache": "Redis" if "REDIS_URL" in env else "process memory",
                    "client": f"wrk, {args.threads} threads, {args.connections} connections, {args.duration} s",
                    "read_paths": len(set(reads)),
                    "dropped_paths": dropped,
                    "prepared_writes": lists["writes"],
                },
                "mixed": mixed,
                "mixed_paced": paced,
                "mixed_direct": direct,
                "app_reads": app_reads,
                "direct_reads": direct_reads,
                "nginx_reads": nginx_reads,
                "app_to_nginx_ratio": round(ratio, 3),
                "faults": faults,
                "targets": {"rps": TARGET_RPS, "p95_ms": TARGET_P95_MS, "nginx_ratio": TARGET_NGINX_RATIO},
            }
        )
    except (HarnessError, subprocess.CalledProcessError) as exc:
        print(f"bench.load: {exc}", file=sys.stderr)
        return 2
    finally:
        stop(nginx)
        stop(gunicorn)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / "load-postgresql.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_summary(result, out)
    return 0


def failures(row: dict) -> int:
    """Socket errors and timeouts, plus 5xx answers (wrk's own "status" errors also count refused 4xx writes,
    which are answers, and the 5xx again)."""
    kinds = row.get("error_kinds", {})
    return sum(n for kind, n in kinds.items() if kind != "status") + row["server_errors"]


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_summary(result: dict, out: Path) -> None:
    mixed, app, ceiling = result["mixed"], result["app_reads"], result["nginx_reads"]
    paced = result["mixed_paced"]
    rows = [
        # As fast as answers come back: the capacity. Its latency is mostly queueing behind the writes.
        (
            "Mixed, saturating (nginx + app)",
            mixed,
            verdict(
                mixed["rps"] >= TARGET_RPS
                and mixed["errors"] == 0
                and mixed["server_errors"] == 0
                and not mixed.get("ran_out_of_writes")
            )
            + (" (its writes ran out: not a mixed load)" if mixed.get("ran_out_of_writes") else ""),
        ),
        # The target's own terms: 500 req/s offered, their latency and errors.
        (
            f"Mixed, paced at {TARGET_RPS:g}/s (nginx+app)",
            paced,
            verdict(
                paced["rps"] >= TARGET_RPS * PACED_TOLERANCE
                and paced["p95_ms"] <= TARGET_P95_MS
                and paced["errors"] == 0
                and paced["server_errors"] == 0
                and not paced.get("ran_out_of_writes")
            )
            + (" (its writes ran out: not a mixed load)" if paced.get("ran_out_of_writes") else ""),
        ),
        ("Mixed load (gunicorn alone)", result["mixed_direct"], ""),
        ("Reads, cached (nginx + app)", app, ""),
        ("Reads, cached (gunicorn alone)", result["direct_reads"], ""),
        ("Reads, same bytes (nginx files)", ceiling, ""),
    ]
    if result.get("faults"):
        faults = result["faults"]
        rows.append(("Mixed load with faults (nginx)", faults, verdict(faults["lost_writes"] == 0)))
    print()
    print(
        f"{'Run':32} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'writes ok':>10} "
        f"{'writes %':>9}  Result"
    )
    for label, row, outcome in rows:
        share = f"{row['write_share']:.1%}" if row.get("writes_prepared") else "—"
        print(
            f"{label:32} {row['rps']:>9.1f} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['p99_ms']:>8.1f} "
            f"{failures(row):>7} {row['writes_accepted']:>10} {share:>9}  {outcome}"
        )
    ratio = result["app_to_nginx_ratio"]
    print(
        f"App cached reads / nginx: {ratio:.0%} "
        f"(target ≥{TARGET_NGINX_RATIO:.0%}): {verdict(ratio >= TARGET_NGINX_RATIO)}"
    )
    if result.get("faults"):
        faults = result["faults"]
        print(f"Faults: {'; '.join(faults['events'])}; healthy again {faults['recovered_in_s']} s after the run;")
        print(
            f"  writes accepted {faults['writes_accepted']}, rows stored {faults['rows_created']}, "
            f"lost {faults['lost_writes']}, stored without a 302 reaching the client "
            f"{faults.get('stored_without_answer', 0)}"
        )
    print(
        f"Targets: ≥{TARGET_RPS:g} req/s (saturating run), p95 ≤{TARGET_P95_MS:g} ms at {TARGET_RPS:g} req/s "
        f"(paced run), zero errors. {out.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    sys.exit(main())
