"""Write `<home>/dagster.yaml` from the repository's template, switched by the environment.

One template (`dagster.yaml` at the repository root, `vcot_assets/_dagster.yaml` in a wheel)
serves every setup: SQLite under the home by default; PostgreSQL when `VCOT_POSTGRES_URL` or
`DAGSTER_POSTGRES_HOST` is set; the Docker run launcher when `VCOT_RUN_LAUNCHER=docker`. The
written file refers to the environment (`{env: VAR}`) for every secret, so a password never
lands on disk, and the processes that read the instance need the same variables set.
"""

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

POSTGRES_URL_ENV = "VCOT_POSTGRES_URL"
POSTGRES_PART_ENVS = {  # postgres_db field -> variable (the names the Dagster Helm chart uses)
    "hostname": "DAGSTER_POSTGRES_HOST",
    "username": "DAGSTER_POSTGRES_USER",
    "password": "DAGSTER_POSTGRES_PASSWORD",
    "db_name": "DAGSTER_POSTGRES_DB",
    "port": "DAGSTER_POSTGRES_PORT",
}
RUN_LAUNCHER_ENV = "VCOT_RUN_LAUNCHER"
DOCKER_IMAGE_ENV = "VCOT_DOCKER_IMAGE"
DOCKER_NETWORK_ENV = "VCOT_DOCKER_NETWORK"
DOCKER_VOLUMES_ENV = "VCOT_DOCKER_VOLUMES"  # comma-separated `name-or-path:/inside[:mode]` for run containers
MAX_RUNS_ENV = "VCOT_MAX_CONCURRENT_RUNS"

# What a run container needs to reach the instance and find its data.
FORWARDED_TO_RUNS = [
    "DAGSTER_HOME",
    "VCOT_HOME",
    "VCOT_DOCS",
    "VCOT_TEACHER",
    "VCOT_SANDBOX",
    POSTGRES_URL_ENV,
    *POSTGRES_PART_ENVS.values(),
]


class InstanceConfigError(ValueError):
    """The environment asks for a setup that cannot be written (say which variable to fix)."""


def template_path() -> Path:
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "_dagster.yaml"
    return installed if installed.is_file() else package_dir.parent / "dagster.yaml"


def storage_backend(environ: Mapping[str, str]) -> str:
    if environ.get(POSTGRES_URL_ENV) or environ.get(POSTGRES_PART_ENVS["hostname"]):
        return "postgres"
    return "sqlite"


# dagster-postgres 0.29 speaks psycopg2; SQLAlchemy 2.1 maps a bare `postgresql://` to
# psycopg 3, whose parameter style breaks dagster's statements. Name the driver explicitly.
POSTGRES_SCHEME = "postgresql+psycopg2"


def postgres_storage(environ: Mapping[str, str]) -> dict[str, Any]:
    if environ.get(POSTGRES_URL_ENV):
        scheme = environ[POSTGRES_URL_ENV].split("://", 1)[0]
        if scheme != POSTGRES_SCHEME:
            raise InstanceConfigError(
                f"{POSTGRES_URL_ENV} must start with {POSTGRES_SCHEME}:// (found {scheme}://): "
                "dagster-postgres needs the psycopg2 driver named in the URL"
            )
        return {"postgres": {"postgres_url": {"env": POSTGRES_URL_ENV}}}
    missing = [
        var
        for field, var in POSTGRES_PART_ENVS.items()
        if field in ("hostname", "username", "db_name") and not environ.get(var)
    ]
    if missing:
        raise InstanceConfigError(
            f"PostgreSQL storage needs {', '.join(missing)} set "
            f"(or one {POSTGRES_URL_ENV}=postgresql://user:pass@host:5432/db)"
        )
    fields: dict[str, Any] = {field: {"env": var} for field, var in POSTGRES_PART_ENVS.items() if environ.get(var)}
    fields["scheme"] = POSTGRES_SCHEME
    return {"postgres": {"postgres_db": fields}}


def docker_run_launcher(environ: Mapping[str, str]) -> dict[str, Any]:
    image = environ.get(DOCKER_IMAGE_ENV)
    if not image:
        raise InstanceConfigError(
            f"{RUN_LAUNCHER_ENV}=docker needs {DOCKER_IMAGE_ENV} (the code location image, "
            "built by docker/orchestrator/build.sh)"
        )
    config: dict[str, Any] = {"image": image, "env_vars": [v for v in FORWARDED_TO_RUNS if v in environ]}
    if environ.get(DOCKER_NETWORK_ENV):
        config["network"] = environ[DOCKER_NETWORK_ENV]
    # A finished run's container is removed, so exited containers do not pile up (or pin volumes).
    config["container_kwargs"] = {"auto_remove": True}
    volumes = [v.strip() for v in environ.get(DOCKER_VOLUMES_ENV, "").split(",") if v.strip()]
    if volumes:
        config["container_kwargs"]["volumes"] = volumes
    return {"module": "dagster_docker", "class": "DockerRunLauncher", "config": config}


def instance_config(environ: Mapping[str, str] | None = None, template: str | None = None) -> dict[str, Any]:
    """The instance settings for this environment, as a dict ready to dump."""
    environ = os.environ if environ is None else environ
    config = yaml.safe_load(template if template is not None else template_path().read_text(encoding="utf-8"))
    if storage_backend(environ) == "postgres":
        config["storage"] = postgres_storage(environ)
    launcher = environ.get(RUN_LAUNCHER_ENV, "").strip().lower()
    if launcher == "docker":
        config["run_launcher"] = docker_run_launcher(environ)
    elif launcher not in ("", "default"):
        raise InstanceConfigError(f"{RUN_LAUNCHER_ENV}={launcher!r}: use 'docker' or leave it unset")
    if environ.get(MAX_RUNS_ENV):
        config.setdefault("concurrency", {}).setdefault("runs", {})["max_concurrent_runs"] = int(environ[MAX_RUNS_ENV])
    return config


def write_instance_yaml(home: Path, environ: Mapping[str, str] | None = None) -> Path:
    """Write `<home>/dagster.yaml` (atomically) and return its path."""
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    text = "# Written by vcot from its dagster.yaml template; edits are replaced on the next write.\n" + yaml.safe_dump(
        instance_config(environ), sort_keys=False
    )
    target = home / "dagster.yaml"
    tmp = target.with_suffix(f".yaml.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m vcot_assets.instance_config", description="Write <home>/dagster.yaml for this environment."
    )
    parser.add_argument("--home", required=True)
    args = parser.parse_args(argv)
    try:
        path = write_instance_yaml(Path(args.home))
    except InstanceConfigError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"{path} ({storage_backend(os.environ)} storage)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
