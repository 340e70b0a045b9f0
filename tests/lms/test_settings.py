"""Production settings, checked in real subprocesses with a clean environment."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "x7!kQ2v#pL9zR4m@W8n$T3b&Y6c*H1d^J5f(K0g)M2h_N4j+P6k=S8l",
    "ALLOWED_HOSTS": "academy.example.com",
    "DATABASE_URL": "sqlite:////tmp/lms-deploy-check.sqlite3",
}


def run_manage(*args, env):
    dropped = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE", "LMS_VAR_DIR", "BASE_URL", "PORT"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_dev_keeps_a_generated_secret_key_under_var(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "lms.settings.dev", "LMS_VAR_DIR": str(tmp_path)}
    code = "from django.conf import settings; print(settings.SECRET_KEY)"
    first = run_manage("shell", "-c", code, env=env)
    second = run_manage("shell", "-c", code, env=env)
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip().splitlines()[-1]
    assert len(key) >= 50
    assert key == second.stdout.strip().splitlines()[-1]
    assert (tmp_path / "secret_key").read_text().strip() == key


def test_in_development_the_base_url_follows_the_port_unless_it_is_set(tmp_path):
    env = {"DJANGO_SETTINGS_MODULE": "lms.settings.dev", "LMS_VAR_DIR": str(tmp_path)}
    code = (
        "from django.conf import settings; print(settings.BASE_URL, settings.WAGTAILADMIN_BASE_URL)"
    )

    def base_urls(**more):
        result = run_manage("shell", "-c", code, env={**env, **more})
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    assert base_urls() == "http://127.0.0.1:8000 http://127.0.0.1:8000"
    assert base_urls(PORT="8080") == "http://127.0.0.1:8080 http://127.0.0.1:8080"
    assert (
        base_urls(PORT="8080", BASE_URL="https://academy.example.com")
        == "https://academy.example.com https://academy.example.com"
    )


def test_a_protected_files_prefix_without_slashes_is_refused_at_start():
    env = {**PRODUCTION_ENV, "PRIVATE_FILES_ACCEL_REDIRECT": "protected"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "PRIVATE_FILES_ACCEL_REDIRECT must start and end with a slash" in result.stderr
    result = run_manage("check", env={**env, "PRIVATE_FILES_ACCEL_REDIRECT": "/protected/"})
    assert result.returncode == 0, result.stderr


def test_production_logs_json_and_shares_sessions_through_redis_when_it_is_the_cache():
    code = (
        "from django.conf import settings as s;"
        "print(s.LOGGING['handlers']['console']['formatter'], s.CACHES['default']['BACKEND'],"
        " s.SESSION_ENGINE, s.CACHES.get('fallback', {}).get('BACKEND'))"
    )

    def answer(**more):
        result = run_manage("shell", "-c", code, env={**PRODUCTION_ENV, **more})
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1].split()

    assert answer() == [
        "json",
        "django.core.cache.backends.db.DatabaseCache",
        "django.contrib.sessions.backends.db",
        "None",
    ]
    # Django's Redis cache, with the database cache serving while Redis is down (lms.cache).
    assert answer(CACHE_URL="redis://127.0.0.1:6379/0", LOG_FORMAT="text") == [
        "text",
        "lms.cache.RedisCache",
        "django.contrib.sessions.backends.cached_db",
        "django.core.cache.backends.db.DatabaseCache",
    ]


def test_a_metrics_address_that_is_not_one_is_refused_at_start():
    result = run_manage(
        "check", env={**PRODUCTION_ENV, "METRICS_ALLOWED_IPS": "10.0.0.0/8,intranet"}
    )
    assert result.returncode != 0
    assert "METRICS_ALLOWED_IPS: 'intranet' is not an address or a network" in result.stderr
