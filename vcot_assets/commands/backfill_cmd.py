"""`vcot backfill --from ASSET`: a Dagster asset backfill of ASSET and everything downstream.

Dagster has no command-line asset backfill, so this submits the same `PartitionBackfill` the
UI's "Materialize selected > Backfill" does, and Dagster's backfill daemon executes it: one run
per batch for the per-batch assets, then the cross-batch assets once their batches are done.
It appears under "Overview > Backfills" in the UI like any other.

Two ways in:
- `--url http://127.0.0.1:3000`: through the GraphQL API of a running webserver (`vcot ui`),
  whose daemon runs the backfill and whose code location (reloaded after a prompt edit) plans it.
- otherwise, on the instance at `--home` directly. If no daemon has sent a heartbeat there in
  the last minute, this command starts `dagster-daemon` itself and stops it when the backfill
  is over (it then waits, as if `--wait` were given).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from vcot_assets.commands.home import add_home_argument, prepare_home

TERMINAL = {"COMPLETED", "COMPLETED_SUCCESS", "COMPLETED_FAILED", "FAILED", "CANCELED"}
SUCCESS = {"COMPLETED", "COMPLETED_SUCCESS"}
DAEMON_FRESH_S = 60.0
REPO_ROOT = Path(__file__).resolve().parents[2]

LAUNCH = """
mutation Launch($params: LaunchBackfillParams!) {
  launchPartitionBackfill(backfillParams: $params) {
    __typename
    ... on LaunchBackfillSuccess { backfillId }
    ... on PythonError { message }
    ... on UnauthorizedError { message }
    ... on PartitionSetNotFoundError { message }
    ... on InvalidStepError { invalidStepKey }
    ... on InvalidOutputError { invalidOutputName }
    ... on ConflictingExecutionParamsError { message }
    ... on NoModeProvidedError { message }
    ... on RunConflict { message }
    ... on InvalidSubsetError { message }
  }
}
"""

STATUS = """
query Status($id: String!) {
  partitionBackfillOrError(backfillId: $id) {
    __typename
    ... on PartitionBackfill { id status numPartitions }
    ... on PythonError { message }
    ... on BackfillNotFoundError { message }
  }
}
"""


class BackfillError(RuntimeError):
    """The backfill could not be launched or followed; the message says what to fix."""


def parse_partitions(text: str) -> list[str] | None:
    """`all` -> None (every registered batch); `a,b` -> ["a", "b"]."""
    if text.strip().lower() == "all":
        return None
    keys = [key.strip() for key in text.split(",") if key.strip()]
    if not keys:
        raise BackfillError("--partitions needs `all` or a comma-separated list of batch keys")
    return keys


# --- through a running webserver ----------------------------------------------------------


def graphql(url: str, query: str, variables: dict, timeout_s: float = 60.0) -> dict:
    request = urllib.request.Request(
        url.rstrip("/") + "/graphql",
        method="POST",
        data=json.dumps({"query": query, "variables": variables}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            body = json.loads(response.read())
    except (urllib.error.URLError, OSError) as err:
        raise BackfillError(f"cannot reach the Dagster webserver at {url} ({err}); start it with `vcot ui`") from err
    if body.get("errors"):
        raise BackfillError(f"GraphQL error: {body['errors'][0].get('message')}")
    return body["data"]


def launch_over_graphql(url: str, asset_keys: list[list[str]], partitions: list[str] | None, title: str) -> str:
    params = {
        "assetSelection": [{"path": key} for key in asset_keys],
        "title": title,
        "tags": [{"key": "vcot/backfill_from", "value": "/".join(asset_keys[0])}],
    }
    if partitions is None:
        params["allPartitions"] = True
    else:
        params["partitionNames"] = partitions
    result = graphql(url, LAUNCH, {"params": params})["launchPartitionBackfill"]
    if result["__typename"] != "LaunchBackfillSuccess":
        raise BackfillError(f"the webserver refused the backfill: {result}")
    return result["backfillId"]


def _reachable(start: tuple, edges: dict) -> list[tuple]:
    found, frontier = [start], [start]
    while frontier:
        for nxt in edges.get(frontier.pop(), []):
            if nxt not in found:
                found.append(nxt)
                frontier.append(nxt)
    return found


def downstream_keys_over_graphql(url: str, asset: str, through: str | None = None) -> list[list[str]]:
    """ASSET and everything downstream (up to THROUGH), as the webserver's code location sees it."""
    nodes = graphql(url, "{ assetNodes { assetKey { path } dependedByKeys { path } dependencyKeys { path } } }", {})[
        "assetNodes"
    ]
    children = {tuple(n["assetKey"]["path"]): [tuple(c["path"]) for c in n["dependedByKeys"]] for n in nodes}
    parents = {tuple(n["assetKey"]["path"]): [tuple(c["path"]) for c in n["dependencyKeys"]] for n in nodes}
    for name in filter(None, (asset, through)):
        if (name,) not in children:
            raise BackfillError(f"no asset named {name!r} in the webserver's code location")
    found = _reachable((asset,), children)
    if through:
        upstream = set(_reachable((through,), parents))
        found = [key for key in found if key in upstream]
        if not found:
            raise BackfillError(f"{through!r} is not downstream of {asset!r}")
    return [list(key) for key in found]


def status_over_graphql(url: str, backfill_id: str) -> str:
    result = graphql(url, STATUS, {"id": backfill_id})["partitionBackfillOrError"]
    if result["__typename"] != "PartitionBackfill":
        raise BackfillError(f"backfill {backfill_id}: {result.get('message', result['__typename'])}")
    return result["status"]


# --- on the instance directly -------------------------------------------------------------


def launch_on_instance(
    instance, asset: str, partitions: list[str] | None, title: str, through: str | None = None
) -> tuple[str, list]:
    from dagster import AssetKey, AssetSelection
    from dagster._core.execution.backfill import PartitionBackfill
    from dagster._core.utils import make_new_backfill_id

    from vcot_assets.definitions import defs
    from vcot_assets.partitions import concept_batches

    asset_graph = defs.resolve_asset_graph()
    known = {key.to_user_string() for key in asset_graph.get_all_asset_keys()}
    for name in filter(None, (asset, through)):
        if name not in known:
            raise BackfillError(f"no asset named {name!r}; known assets: {', '.join(sorted(known))}")
    wanted = AssetSelection.assets(asset).downstream()
    if through:
        wanted = wanted & AssetSelection.assets(through).upstream()
    selection = sorted(wanted.resolve(asset_graph), key=lambda k: k.to_user_string())
    if not selection:
        raise BackfillError(f"{through!r} is not downstream of {asset!r}")
    registered = set(instance.get_dynamic_partitions(concept_batches.name))
    if not registered:
        raise BackfillError("no concept batches are registered yet: run `vcot run` or turn on the documents sensor")
    unknown = sorted(set(partitions or ()) - registered)
    if unknown:
        raise BackfillError(f"not registered concept batches: {', '.join(unknown[:10])}")
    backfill = PartitionBackfill.from_asset_partitions(
        backfill_id=make_new_backfill_id(),
        asset_graph=asset_graph,
        partition_names=partitions,
        asset_selection=selection,
        backfill_timestamp=time.time(),
        tags={"vcot/backfill_from": asset},
        dynamic_partitions_store=instance,
        all_partitions=partitions is None,
        title=title,
        description=f"{asset} and everything downstream",
        run_config=None,
    )
    instance.add_backfill(backfill)
    return backfill.backfill_id, [AssetKey(k.path) for k in selection]


def daemon_alive(instance) -> bool:
    heartbeats = instance.get_daemon_heartbeats()
    beat = heartbeats.get("BACKFILL")
    return beat is not None and time.time() - beat.timestamp < DAEMON_FRESH_S


def start_daemon(home: Path) -> subprocess.Popen:
    """`dagster-daemon run` on this home's code location, in its own process group."""
    env = dict(os.environ, DAGSTER_HOME=str(home), VCOT_HOME=str(home))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
    log = open(home / "backfill-daemon.log", "ab")
    return subprocess.Popen(
        [sys.executable, "-m", "dagster._daemon", "run", "-m", "vcot_assets.definitions"],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop_daemon(process: subprocess.Popen) -> None:
    """Stop the daemon and what it started in its process group; returns once they are gone
    (SIGKILL for whatever is left after 30 s)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    deadline = time.monotonic() + 30
    while True:  # the daemon's children (code server, sensors) leave a moment after it
        try:
            os.killpg(process.pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        if time.monotonic() > deadline:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            return
        time.sleep(0.2)


def wait_for(status_of, backfill_id: str, timeout_s: float, interval_s: float = 2.0) -> str:
    deadline = time.monotonic() + timeout_s
    status = status_of(backfill_id)
    while status not in TERMINAL:
        if time.monotonic() > deadline:
            raise BackfillError(f"backfill {backfill_id} still {status} after {timeout_s:.0f} s")
        time.sleep(interval_s)
        status = status_of(backfill_id)
    return status


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="vcot backfill", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--from", dest="asset", required=True, help="asset to re-materialize, with all downstream")
    parser.add_argument("--partitions", default="all", help="`all` (default) or comma-separated batch keys")
    parser.add_argument(
        "--through", default=None, help="stop at this asset (e.g. training_sets: leave checkpoints and scores alone)"
    )
    parser.add_argument("--url", default=None, help="a running webserver (vcot ui), e.g. http://127.0.0.1:3000")
    parser.add_argument("--wait", action="store_true", help="follow the backfill until it ends")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds to wait (default 3600)")
    add_home_argument(parser)
    args = parser.parse_args(argv)
    title = f"vcot backfill from {args.asset}"
    daemon = None
    try:
        partitions = parse_partitions(args.partitions)
        if args.url:
            keys = downstream_keys_over_graphql(args.url, args.asset, args.through)
            backfill_id = launch_over_graphql(args.url, keys, partitions, title)
            status_of = lambda bid: status_over_graphql(args.url, bid)  # noqa: E731
            print(
                f"backfill {backfill_id}: {len(keys)} assets from {args.asset}, "
                f"{'all batches' if partitions is None else len(partitions)} (see {args.url}/overview/backfills)"
            )
        else:
            home = prepare_home(args.home)
            from dagster import DagsterInstance

            instance = DagsterInstance.get()
            backfill_id, keys = launch_on_instance(instance, args.asset, partitions, title, args.through)
            status_of = lambda bid: instance.get_backfill(bid).status.value  # noqa: E731
            print(
                f"backfill {backfill_id}: {len(keys)} assets from {args.asset} "
                f"({', '.join(k.to_user_string() for k in keys)}), "
                f"{'all batches' if partitions is None else ', '.join(partitions)}"
            )
            if not daemon_alive(instance):
                print("no Dagster daemon is running on this home: starting one until the backfill ends")
                daemon = start_daemon(home)
                args.wait = True
        if not args.wait:
            return 0
        status = wait_for(status_of, backfill_id, args.timeout)
        print(f"backfill {backfill_id}: {status}")
        return 0 if status in SUCCESS else 1
    except BackfillError as err:
        print(f"vcot backfill: {err}", file=sys.stderr)
        return 2
    finally:
        if daemon is not None:
            stop_daemon(daemon)
