"""The Dagster UI in a real headless Chromium (Debian's chromium + chromium-driver).

One batch is materialized through `concepts` on a fresh home, `dagster dev` serves it, and the
browser must show the stage assets on the asset graph and the partition's materialization with
its metadata preview. Screenshots land in `.artifacts/ui/` (ignored by git).
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from vcot_assets_tests.live.dagster_dev import REPO, DagsterDev, make_live_dir

pytestmark = pytest.mark.slow

CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER) and not os.environ.get("VCOT_REQUIRE_BROWSER"):
    pytest.skip(
        "Debian chromium and chromium-driver are not installed (.ci/services.sh installs them)", allow_module_level=True
    )

SHOTS = REPO / ".artifacts" / "ui"
BATCH = "heapq-000"


def materialize_one_batch(home: Path, docs: Path) -> None:
    """Through `concepts` in a child process (the definitions read the home at import)."""
    import subprocess
    import sys

    from vcot_assets.instance_config import write_instance_yaml

    write_instance_yaml(home, {})
    script = (
        "from dagster import AssetSelection, DagsterInstance, materialize\n"
        "from vcot_assets.definitions import defs\n"
        "instance = DagsterInstance.get()\n"
        f"instance.add_dynamic_partitions('concept_batches', ['{BATCH}'])\n"
        "result = materialize(list(defs.assets), instance=instance, partition_key='" + BATCH + "',\n"
        "    resources=defs.resources, selection=AssetSelection.assets('concepts').upstream())\n"
        "assert result.success\n"
    )
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "VCOT_HOME": str(home),
        "VCOT_DOCS": str(docs),
        "PYTHONPATH": str(REPO),
        "VCOT_CONCEPTS_PER_BATCH": "3",
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = make_live_dir()
    # Headless as root; no background traffic: this machine has no network beyond loopback.
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1600,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def wait_for_text(driver, texts: list[str], timeout_s: float = 90) -> str:
    deadline = time.monotonic() + timeout_s
    body = ""
    while time.monotonic() < deadline:
        body = driver.execute_script("return document.body ? document.body.innerText : ''") or ""
        if all(text in body for text in texts):
            return body
        time.sleep(1.0)
    missing = [text for text in texts if text not in body]
    raise AssertionError(f"page never showed {missing}; it shows:\n{body[:3000]}")


def dismiss_newsletter_dialog(driver) -> None:
    """A first visit shows a 'Join the Dagster community' dialog over the page."""
    from selenium.webdriver.common.by import By

    for button in driver.find_elements(By.XPATH, "//button[normalize-space()='Skip']"):
        button.click()
        time.sleep(1.0)


def test_asset_graph_and_partition_metadata_in_chromium(browser):
    live = make_live_dir()
    home, docs = live / "home", live / "docs"
    docs.mkdir(parents=True)
    from vcot_assets.core.documents.corpus import stdlib_text

    (docs / "heapq.md").write_text(stdlib_text("heapq")[:3000], encoding="utf-8")
    SHOTS.mkdir(parents=True, exist_ok=True)
    dev = DagsterDev(home, env={"VCOT_DOCS": str(docs), "VCOT_CONCEPTS_PER_BATCH": "3"})
    try:
        materialize_one_batch(home, docs)
        dev.start()
        browser.get(f"{dev.url}/locations/__repository__@vcot/asset-groups/stage_a_synthesis")
        wait_for_text(browser, ["source_docs", "concepts", "instructions", "candidate_code", "candidate_tests"])
        dismiss_newsletter_dialog(browser)
        browser.save_screenshot(str(SHOTS / "asset_graph.png"))

        browser.get(f"{dev.url}/assets/concepts?view=partitions&partition={BATCH}")
        dismiss_newsletter_dialog(browser)
        body = wait_for_text(browser, [BATCH, "preview", "dagster/row_count", "concept_id"])
        assert "rejections_by_reason" in body
        browser.save_screenshot(str(SHOTS / "partition_materialization.png"))
    finally:
        dev.stop()
        shutil.rmtree(live, ignore_errors=True)
    assert (SHOTS / "partition_materialization.png").stat().st_size > 10_000
