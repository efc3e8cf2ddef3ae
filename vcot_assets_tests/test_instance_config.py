import pytest
import yaml

from vcot_assets.instance_config import InstanceConfigError, instance_config, write_instance_yaml


def test_sqlite_by_default_with_pools_and_queue(tmp_path):
    config = yaml.safe_load(write_instance_yaml(tmp_path, {}).read_text())
    assert config["storage"] == {"sqlite": {"base_dir": {"env": "DAGSTER_HOME"}}}
    assert config["concurrency"]["pools"]["granularity"] == "op"
    assert "run_launcher" not in config


def test_postgres_url_switch_keeps_the_secret_out():
    config = instance_config({"VCOT_POSTGRES_URL": "postgresql+psycopg2://u:secret@db:5432/vcot"})
    assert config["storage"] == {"postgres": {"postgres_url": {"env": "VCOT_POSTGRES_URL"}}}
    assert "secret" not in yaml.safe_dump(config)
    with pytest.raises(InstanceConfigError, match="psycopg2"):
        instance_config({"VCOT_POSTGRES_URL": "postgresql://u:secret@db:5432/vcot"})


def test_postgres_parts_switch_and_missing_parts():
    config = instance_config(
        {
            "DAGSTER_POSTGRES_HOST": "db",
            "DAGSTER_POSTGRES_USER": "u",
            "DAGSTER_POSTGRES_PASSWORD": "p",
            "DAGSTER_POSTGRES_DB": "vcot",
        }
    )
    assert config["storage"]["postgres"]["postgres_db"]["password"] == {"env": "DAGSTER_POSTGRES_PASSWORD"}
    assert "port" not in config["storage"]["postgres"]["postgres_db"]
    assert config["storage"]["postgres"]["postgres_db"]["scheme"] == "postgresql+psycopg2"
    with pytest.raises(InstanceConfigError, match="DAGSTER_POSTGRES_USER"):
        instance_config({"DAGSTER_POSTGRES_HOST": "db", "DAGSTER_POSTGRES_DB": "vcot"})


def test_docker_run_launcher_switch():
    env = {
        "VCOT_RUN_LAUNCHER": "docker",
        "VCOT_DOCKER_IMAGE": "vcot-code:latest",
        "VCOT_DOCKER_NETWORK": "vcot",
        "VCOT_DOCKER_VOLUMES": "vcot-home:/opt/dagster/home, /var/run/docker.sock:/var/run/docker.sock",
        "DAGSTER_POSTGRES_HOST": "postgres",
        "DAGSTER_POSTGRES_USER": "u",
        "DAGSTER_POSTGRES_DB": "d",
    }
    launcher = instance_config(env)["run_launcher"]
    assert launcher["class"] == "DockerRunLauncher" and launcher["config"]["network"] == "vcot"
    assert "DAGSTER_POSTGRES_HOST" in launcher["config"]["env_vars"]
    assert launcher["config"]["container_kwargs"]["volumes"] == [
        "vcot-home:/opt/dagster/home",
        "/var/run/docker.sock:/var/run/docker.sock",
    ]
    with pytest.raises(InstanceConfigError, match="VCOT_DOCKER_IMAGE"):
        instance_config({"VCOT_RUN_LAUNCHER": "docker"})
    with pytest.raises(InstanceConfigError):
        instance_config({"VCOT_RUN_LAUNCHER": "kubernetes"})
