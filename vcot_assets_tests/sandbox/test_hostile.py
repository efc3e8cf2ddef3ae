"""Hostile programs: each must get the right non-pass verdict, the orchestrator must survive, and
nothing may be left running or written on the host. Run against both backends.

Every program is a wrong "solution" of `f()`: a harness it fooled would report `pass`. The
expected values are ones the program cannot know, so only a fooled harness could pass them.
"""

from __future__ import annotations

import ctypes
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from vcot_assets.core.consensus.testcases import parse_test
from vcot_assets.core.sandbox_records import CheckRequest, CoverageRequest, SolutionRun, TraceRequest
from vcot_assets.sandbox import open_sandbox
from vcot_assets.settings import SandboxLimits

from .conftest import BACKENDS, require_docker

LIMITS = SandboxLimits(
    cpu_seconds=0.3, wall_factor=10.0, memory_mb=256, output_bytes=1 << 16, max_processes=16, max_file_bytes=1 << 20
)
SECRET = "sk-vcot-hostile-test-secret-7f3a"
HOST_SECRET = "vcot-host-secret-5b1e-never-visible"
MARKER = "vcot-hostile-marker"
NOT_PASS = {"fail", "error", "timeout", "crash", "resource"}

# name -> (code, expected literal, allowed verdicts). Placeholders: @CANARY@ (a host file),
# @PORT@ (a TCP server on 127.0.0.1), @MARKER@ (a file name that must not appear on the host).
HOSTILE: dict[str, tuple[str, str, set[str]]] = {
    "python_infinite_loop": ("def f():\n    while True:\n        pass\n", "1", {"timeout"}),
    "c_level_loop": ("def f():\n    return sum(range(10**11))\n", "1", {"timeout"}),
    "c_level_regex_backtracking": (
        "import re\ndef f():\n    return bool(re.match(r'(a+)+$', 'a' * 64 + 'b'))\n",
        "True",
        {"timeout"},
    ),
    "swallow_timeout_with_base_exception": (
        "def f():\n    while True:\n        try:\n            while True:\n                pass\n"
        "        except BaseException:\n            pass\n",
        "1",
        {"timeout"},
    ),
    "ignore_sigterm_and_sigxcpu": (
        "import signal\ndef f():\n    for s in (signal.SIGTERM, signal.SIGXCPU, signal.SIGINT):\n"
        "        signal.signal(s, signal.SIG_IGN)\n    while True:\n        pass\n",
        "1",
        {"timeout"},
    ),
    "sleep_forever_wall_backstop": ("import time\ndef f():\n    time.sleep(10**6)\n", "1", {"timeout"}),
    "block_on_stdin": ("def f():\n    return input()\n", "'secret input'", {"error"}),
    "block_on_raw_stdin": ("import os\ndef f():\n    return os.read(0, 10)\n", "b'x'", {"fail", "error"}),
    "memory_bomb_at_once": ("def f():\n    return len([0] * (10**10))\n", "10000000000", {"resource"}),
    "memory_bomb_gradual": (
        "def f():\n    hog = []\n    while True:\n        hog.append(' ' * 10**6)\n",
        "1",
        {"resource"},
    ),
    "os_fork_bomb": (
        "import os\ndef f():\n    while True:\n        try:\n            os.fork()\n        except OSError:\n"
        "            pass\n",
        "1",
        {"timeout", "resource", "crash", "error"},
    ),
    "multiprocessing_bomb": (
        "import multiprocessing, time\ndef f():\n    procs = [multiprocessing.Process(target=time.sleep, args=(600,))"
        " for _ in range(64)]\n    for p in procs:\n        p.start()\n    return 'started'\n",
        "'all 64 children reported back'",
        {"fail", "error", "resource", "timeout"},
    ),
    "subprocess_bomb": (
        "import subprocess\ndef f():\n    procs = [subprocess.Popen(['sleep', '600']) for _ in range(64)]\n"
        "    return len(procs)\n",
        "65",
        {"fail", "error", "resource", "timeout"},
    ),
    "double_fork_daemon": (
        "import os, time\ndef f():\n    if os.fork() == 0:\n        os.setsid()\n        if os.fork() == 0:\n"
        "            time.sleep(2)\n            open('/tmp/@MARKER@-daemon', 'w').write('alive')\n"
        "            time.sleep(600)\n        os._exit(0)\n    return 'daemon started'\n",
        "'no daemon'",
        {"fail"},
    ),
    "never_ending_thread": (
        "import threading\ndef f():\n    threading.Thread(target=lambda: sum(iter(int, 1))).start()\n    return 41\n",
        "42",
        {"fail", "timeout"},
    ),
    "os_exit_before_assert": ("import os\ndef f():\n    os._exit(0)\n", "1", {"crash"}),
    "sys_exit_before_assert": ("import sys\ndef f():\n    sys.exit(0)\n", "1", {"error"}),
    "kill_the_parent": (
        "import os, signal\ndef f():\n    for sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT):\n"
        "        try:\n            os.kill(os.getppid(), sig)\n        except OSError:\n            pass\n"
        "    return 'parent killed'\n",
        "'parent survived?'",
        {"fail", "crash"},
    ),
    "kill_every_process_it_can": (
        "import os, signal\ndef f():\n    os.kill(-1, signal.SIGKILL)\n    return 'all dead'\n",
        "'x'",
        {"fail", "crash", "error"},
    ),
    "kill_the_parent_process_group": (
        "import os, signal\ndef f():\n    try:\n        os.killpg(os.getpgid(os.getppid()), signal.SIGKILL)\n"
        "    except OSError:\n        pass\n    return 'group killed'\n",
        "'x'",
        {"fail", "crash"},
    ),
    "segfault": ("import ctypes\ndef f():\n    return ctypes.string_at(0)\n", "b''", {"crash"}),
    "deep_recursion": (
        "import sys\nsys.setrecursionlimit(10**8)\ndef f(n=0):\n    return f(n + 1)\n",
        "1",
        {"crash", "error", "resource", "timeout"},
    ),
    "c_stack_overflow": (
        "import sys\ndef f():\n    sys.setrecursionlimit(10**8)\n    a, b = [], []\n    for _ in range(300000):\n"
        "        a, b = [a], [b]\n    return a == b\n",
        "True",
        {"crash"},
    ),
    "output_flood": ("def f():\n    while True:\n        print('x' * 10000)\n", "None", {"resource"}),
    "output_flood_swallowed": (
        "def f():\n    for _ in range(1000):\n        try:\n            print('x' * 10000)\n"
        "        except BaseException:\n            pass\n    return 1\n",
        "1",
        {"resource"},
    ),
    "huge_return_value": ("def f():\n    return 'x' * (50 * 10**6)\n", "'x'", {"resource"}),
    "self_referencing_return_value": ("def f():\n    a = []\n    a.append(a)\n    return a\n", "[[]]", {"error"}),
    "frame_walking_for_expected": (
        "import gc, sys\ndef f():\n    frame = sys._getframe()\n    while frame:\n"
        "        for value in list(frame.f_locals.values()):\n"
        "            if isinstance(value, dict) and 'expected' in value:\n                return value['expected']\n"
        "        frame = frame.f_back\n    for obj in gc.get_objects():\n"
        "        if isinstance(obj, dict) and 'expected' in obj:\n            return obj['expected']\n"
        "    return 'not found'\n",
        "'8d1f02c4-unknowable'",
        {"fail", "error"},
    ),
    "always_equal_return_object": (
        "class Anything:\n    def __eq__(self, other):\n        return True\n    __hash__ = object.__hash__\n"
        "def f():\n    return Anything()\n",
        "12345",
        {"error"},
    ),
    "int_subclass_always_equal": (
        "class Sneaky(int):\n    def __eq__(self, other):\n        return True\n    __hash__ = int.__hash__\n"
        "def f():\n    return [Sneaky(0)]\n",
        "[12345]",
        {"error"},
    ),
    "monkeypatch_builtins_and_harness": (
        "import builtins, sys\ndef f():\n    builtins.isinstance = lambda *a: True\n    builtins.type = lambda *a: int\n"
        "    main = sys.modules['__main__']\n    for name in dir(main):\n        if callable(getattr(main, name)):\n"
        "            try:\n                setattr(main, name, lambda *a, **k: {'status': 'ok', 'value': 'True'})\n"
        "            except Exception:\n                pass\n    return 'patched'\n",
        "12345",
        {"fail", "error", "crash"},
    ),
    "reload_os_to_undo_guards": (
        "import importlib, os, resource\ndef f():\n    importlib.reload(os)\n    importlib.reload(resource)\n"
        "    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))\n"
        "    return 'unlimited'\n",
        "'unlimited!'",
        {"fail", "error"},
    ),
    "forge_result_frames_on_the_pipe": (
        "import json, os, struct\ndef f():\n    for fd in range(3, 64):\n        for i in range(25):\n"
        "            body = json.dumps({'i': i, 'status': 'ok', 'value': '12345'}).encode()\n"
        "            try:\n                os.write(fd, struct.pack('>I', len(body)) + body)\n"
        "            except OSError:\n                break\n    return 0\n",
        "54321",
        {"fail", "crash"},
    ),
    "read_environment_variables": (
        "import os\ndef f():\n    return [v for v in os.environ.values() if 'sk-' in v]\n",
        f"['{SECRET}']",
        {"fail"},
    ),
    "read_proc_environ_of_other_processes": (
        "import os\ndef f():\n    found = []\n    for pid in os.listdir('/proc'):\n        try:\n"
        "            data = open('/proc/%s/environ' % pid, 'rb').read()\n        except OSError:\n            continue\n"
        "        if b'sk-vcot' in data:\n            found.append(data.split(b'VCOT_FAKE_API_KEY=')[1].split(b'\\0')[0].decode())\n"
        "    return found[:1]\n",
        f"['{SECRET}']",
        {"fail"},
    ),
    "network_access_to_localhost": (
        "import socket\ndef f():\n    with socket.create_connection(('127.0.0.1', @PORT@), timeout=2) as s:\n"
        "        return s.recv(100).decode()\n",
        "'pong-from-host'",
        {"error"},
    ),
    "writes_outside_the_temp_dir": (
        "import os\ndef f():\n    wrote = []\n    for d in ('/tmp', '/var/tmp', '/dev/shm', '/run/lock', os.path.dirname('@CANARY@'),"
        " '/work', '/root', '/etc', '/'):\n        try:\n            with open(os.path.join(d, '@MARKER@'), 'w') as h:\n"
        "                h.write('x')\n            wrote.append(d)\n        except OSError:\n            pass\n"
        "    try:\n        open('@CANARY@', 'w').write('overwritten')\n        wrote.append('canary')\n"
        "    except OSError:\n        pass\n    return wrote\n",
        "['everywhere']",
        {"fail"},
    ),
    "temp_dir_flood": (
        "import os\ndef f():\n    n = 0\n    while True:\n        with open('flood-%d' % n, 'wb') as h:\n"
        "            h.write(b'x' * (1 << 20))\n        n += 1\n",
        "1",
        {"resource", "error", "timeout"},
    ),
    "open_file_descriptor_flood": (
        "def f():\n    handles = []\n    while True:\n        handles.append(open('/dev/null'))\n",
        "1",
        {"resource"},
    ),
    "undeletable_temp_dir": (
        "import os\ndef f():\n    os.makedirs('a/b/c')\n    open('a/b/c/x', 'w').write('x')\n"
        "    os.chmod('a/b/c', 0)\n    os.chmod('a/b', 0)\n    os.chmod('a', 0)\n    return 0\n",
        "1",
        {"fail"},
    ),
    # What the host holds outside the sandbox: none of it may be visible to a child.
    "read_world_readable_file_under_var_lib": (
        "def f():\n    return open('@VARLIB@').read()\n",
        "'@HOST_SECRET@'",
        {"error"},
    ),
    "read_the_repository": (
        "def f():\n    return open('@REPO@/pyproject.toml').read()[:40]\n",
        "@REPO_HEAD@",
        {"error"},
    ),
    "read_host_shared_memory": (
        "import ctypes\ndef f():\n    libc = ctypes.CDLL(None, use_errno=True)\n    libc.shmat.restype = ctypes.c_void_p\n"
        "    segment = libc.shmget(@SHMKEY@, 0, 0)\n    if segment < 0:\n        return 'no segment'\n"
        "    return ctypes.string_at(libc.shmat(segment, None, 0o10000), @SECRET_LEN@)\n",
        "b'@HOST_SECRET@'",
        {"fail", "error", "crash"},
    ),
    "see_host_processes": (
        "import os\ndef f():\n    return '@HOLDER_PID@' in os.listdir('/proc')\n",
        "True",
        {"fail"},
    ),
    # Forgeries: a verdict frame of its own, patched exceptions, a harness rewritten from inside.
    "forge_a_pass_frame_then_exit": (
        "import json, os, struct\ndef f():\n    for fd in range(3, 16):\n        for message in ({'i': 0, 'status': 'pass'},"
        " {'ready': True}, {'i': 0, 'status': 'ok', 'value': '8d1f02c4'}):\n            body = json.dumps(message).encode()\n"
        "            try:\n                os.write(fd, struct.pack('>I', len(body)) + body)\n            except OSError:\n"
        "                pass\n    os._exit(0)\n",
        "'8d1f02c4-unknowable'",
        {"crash", "fail"},
    ),
    "patch_assertion_error_and_equality": (
        "import builtins\ndef f():\n    builtins.AssertionError = type('Never', (BaseException,), {})\n"
        "    builtins.ValueError = builtins.TypeError = builtins.AssertionError\n    return 'wrong'\n",
        "'8d1f02c4-unknowable'",
        {"fail"},
    ),
    "frame_walk_rewrites_the_harness": (
        "import sys\ndef f():\n    frame = sys._getframe()\n    while frame:\n        g = frame.f_globals\n"
        "        for name in ('canonical', '_run_call_unit', 'write_frame', '_validate'):\n            if name in g:\n"
        "                g[name] = lambda *a, **k: \"'8d1f02c4-unknowable'\"\n        frame = frame.f_back\n    return 'wrong'\n",
        "'8d1f02c4-unknowable'",
        {"fail", "crash", "error"},
    ),
    "poison_later_runs": (
        "import os, sys, site\ndef f():\n    body = 'import builtins\\nbuiltins.POISON = True\\n'\n    done = []\n"
        "    dirs = [p for p in sys.path if p] + [os.getcwd(), os.path.expanduser('~'), '/tmp']\n"
        "    for d in dirs:\n        for name in ('sitecustomize.py', 'usercustomize.py', 'json.py', 'zz-@MARKER@.pth'):\n"
        "            try:\n                with open(os.path.join(d, name), 'w') as h:\n"
        "                    h.write(body if name.endswith('.py') else 'import builtins; builtins.POISON = True\\n')\n"
        "                done.append(d)\n            except OSError:\n                pass\n"
        "    import builtins, json\n    builtins.POISON = True\n    json.POISON = True\n    sys.modules['json'] = sys\n"
        "    return 'poisoned'\n",
        "'clean'",
        {"fail"},
    ),
}


def _descendants(root: int) -> set[int]:
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                parents[int(name)] = int(Path(f"/proc/{name}/stat").read_bytes().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = set(), [root]
    while frontier:
        current = frontier.pop()
        for pid, parent in parents.items():
            if parent == current and pid not in found:
                found.add(pid)
                frontier.append(pid)
    return found


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[1])


def _cmdline(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


def harness_pid(worker) -> int:
    """The worker's harness process: under bubblewrap it is a grandchild of the launcher."""
    pids = [worker.process.pid, *_descendants(worker.process.pid)]
    harnesses = [
        pid for pid in pids if b"\0-B\0-s\0-P\0-c\0" in _cmdline(pid) and not _cmdline(pid).startswith(b"bwrap")
    ]
    return next(pid for pid in harnesses if _parent(pid) not in harnesses)


def leftover_processes(box) -> list[str]:
    """Processes a worker holds besides its own harness (and bubblewrap, locally)."""
    leftovers = []
    for worker in box._workers:
        if box.backend_name == "docker":
            top = subprocess.run(
                ["docker", "top", worker.cleanup_argv[-1], "-eo", "pid,args"],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            ).stdout.splitlines()[1:]
            leftovers += [line.strip() for line in top if line.strip() and " -B -s -P -c " not in line]
            continue
        harness = harness_pid(worker)
        for pid in _descendants(harness):
            try:
                leftovers.append(_cmdline(pid).replace(b"\0", b" ").decode()[:80])
            except OSError:
                pass
    return leftovers


def leftover_files(box) -> list[str]:
    """What is left in each worker's own scratch dir (its per-job dirs must all be gone)."""
    leftovers = []
    for worker in box._workers:
        if box.backend_name == "docker":
            listing = subprocess.run(
                ["docker", "exec", worker.cleanup_argv[-1], "ls", "-A", worker.base],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert listing.returncode == 0, listing.stderr
            names = listing.stdout.split()
        else:
            names = os.listdir(f"/proc/{harness_pid(worker)}/root{worker.base}")
        leftovers += [name for name in names if name != "tracer"]
    return leftovers


REPO = Path(__file__).resolve().parents[2]
SHM_KEY = 0x7C07


def fill(text: str, host: dict) -> str:
    """Put the host's paths, keys and secrets in place of the placeholders."""
    for key, value in host["placeholders"].items():
        text = text.replace(key, value)
    return text


def _host_shared_memory(secret: bytes) -> int:
    """A SysV segment holding the secret, readable by anyone on the host's IPC namespace."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.shmat.restype = ctypes.c_void_p
    segment = libc.shmget(SHM_KEY, 4096, 0o1000 | 0o644)  # IPC_CREAT
    assert segment >= 0, os.strerror(ctypes.get_errno())
    address = libc.shmat(segment, None, 0)
    ctypes.memmove(address, secret, len(secret))
    libc.shmdt(ctypes.c_void_p(address))
    return segment


@pytest.fixture(scope="module")
def host():
    """What hostile code goes after: a secret-holding process, a TCP server, a canary file, a
    world-readable vcot home under /var/lib, this repository and a shared-memory segment."""
    holder = subprocess.Popen(["sleep", "600"], env={"VCOT_FAKE_API_KEY": SECRET, "PATH": "/usr/bin:/bin"})
    saved = os.environ.get("VCOT_FAKE_API_KEY")
    os.environ["VCOT_FAKE_API_KEY"] = SECRET
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    stop = threading.Event()

    def serve() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.sendall(b"pong-from-host")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    canary_dir = Path(tempfile.mkdtemp(prefix="vcot-canary-"))
    canary = canary_dir / "canary.txt"
    canary.write_text("intact")
    shared = Path("/var/lib") if os.access("/var/lib", os.W_OK) else Path.home()
    home = Path(tempfile.mkdtemp(prefix="vcot-hostile-home-", dir=shared))
    home.chmod(0o755)
    stored = home / "candidate_tests.jsonl"
    stored.write_text(HOST_SECRET)
    stored.chmod(0o644)
    segment = _host_shared_memory(HOST_SECRET.encode())
    placeholders = {
        "@PORT@": str(server.getsockname()[1]),
        "@CANARY@": str(canary),
        "@MARKER@": MARKER,
        "@VARLIB@": str(stored),
        "@HOST_SECRET@": HOST_SECRET,
        "@SECRET_LEN@": str(len(HOST_SECRET)),
        "@REPO@": str(REPO),
        "@REPO_HEAD@": repr((REPO / "pyproject.toml").read_text()[:40]),
        "@SHMKEY@": str(SHM_KEY),
        "@HOLDER_PID@": str(holder.pid),
    }
    try:
        yield {"port": server.getsockname()[1], "canary": canary, "placeholders": placeholders}
    finally:
        ctypes.CDLL(None).shmctl(segment, 0, None)  # IPC_RMID
        stored.unlink()
        home.rmdir()
        stop.set()
        thread.join()
        server.close()
        holder.kill()
        holder.wait()
        if saved is None:
            os.environ.pop("VCOT_FAKE_API_KEY", None)
        else:
            os.environ["VCOT_FAKE_API_KEY"] = saved
        for path in canary_dir.iterdir():
            path.unlink()
        canary_dir.rmdir()


@pytest.fixture(scope="module", params=BACKENDS)
def hostile_run(request, host):
    """All hostile programs in one batch on a fresh sandbox; verdicts by program name."""
    if request.param == "docker":
        require_docker()
    runs = []
    for name, (code, expected, _) in HOSTILE.items():
        code, expected = fill(code, host), fill(expected, host)
        runs.append(SolutionRun(name, code, [parse_test(f"assert f() == {expected}", f"{name}-t", "hostile")]))
    with open_sandbox(request.param, LIMITS, workers=2) as box:
        started = time.monotonic()
        verdicts = box.run_tests(runs)
        elapsed = time.monotonic() - started
        probe = (
            "import builtins, json, sys\n"
            "def f():\n    return [hasattr(builtins, 'POISON'), hasattr(json, 'POISON'), sys.modules['json'] is json]\n"
        )
        after = box.run_tests(
            [
                SolutionRun("healthy", "def f():\n    return 42\n", [parse_test("assert f() == 42", "h", "hostile")]),
                SolutionRun("unpoisoned", probe, [parse_test("assert f() == [False, False, True]", "p", "hostile")]),
            ]
        )
        yield {
            "box": box,
            "verdicts": {v.solution_id: v for v in verdicts},
            "after": after,
            "elapsed": elapsed,
            "leftovers": leftover_processes(box),
            "host": host,
            "leftover_files": leftover_files(box),
        }


def test_the_suite_has_at_least_thirty_programs():
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_program_gets_the_right_non_pass_verdict(hostile_run, name):
    verdict = hostile_run["verdicts"][name]
    allowed = HOSTILE[name][2]
    assert allowed <= NOT_PASS
    assert verdict.status in allowed, f"{name}: {verdict.status} ({verdict.detail})"


def test_sandbox_survives_and_keeps_working(hostile_run):
    assert [v.status for v in hostile_run["after"]] == ["pass", "pass"]
    assert hostile_run["leftovers"] == []
    assert hostile_run["leftover_files"] == []
    # Every timeout costs about one limit; the whole batch must not hang on any program.
    assert hostile_run["elapsed"] < 60


def test_nothing_was_written_or_left_running_on_the_host(hostile_run):
    time.sleep(2.5)  # the double-fork daemon would write its marker after 2 s if it had survived
    canary = hostile_run["host"]["canary"]
    assert canary.read_text() == "intact"
    assert [p.name for p in canary.parent.iterdir()] == ["canary.txt"]
    suspects = [Path(d) / MARKER for d in ("/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/work", "/root", "/etc", "/")]
    suspects.append(Path("/tmp") / f"{MARKER}-daemon")
    assert [str(p) for p in suspects if p.exists()] == []
    site_dirs = [Path(p) for p in sys.path if p and "site-packages" in p]
    poison = [
        str(d / n)
        for d in site_dirs
        for n in ("sitecustomize.py", "usercustomize.py", f"zz-{MARKER}.pth")
        if (d / n).exists()
    ]
    assert poison == []
    assert leftover_processes(hostile_run["box"]) == []


# --- forgeries on the other paths: checks, traces, coverage ---------------------------------
#
# Benchmark scoring has its own: vcot_assets_tests/evals/test_forged_generations.py (40 CRUXEval
# problems, every honest answer wrong, one forgery each: pass@1 = pass@5 = 0).

# Solutions a trusted check calls (`assert g() == <unknowable>`): each tries to make the check
# pass without returning the value, from the other process.
FORGED_SOLUTIONS = {
    "frame_walk_into_the_check": (
        "import sys\ndef g():\n    frame = sys._getframe()\n    while frame:\n"
        "        for name in list(frame.f_globals):\n            if 'check' in name or 'assert' in name.lower():\n"
        "                frame.f_globals[name] = lambda *a, **k: None\n        frame = frame.f_back\n    return 'wrong'\n"
    ),
    "pass_frame_on_every_descriptor_then_exit": (
        "import json, os, struct\ndef g():\n    for fd in range(0, 64):\n"
        "        for message in ({'ready': True}, {'i': 0, 'status': 'pass'}, {'loaded': True}, {'value': \"'x'\"}):\n"
        "            body = json.dumps(message).encode()\n            try:\n"
        "                os.write(fd, struct.pack('>I', len(body)) + body)\n            except OSError:\n                pass\n"
        "    os._exit(0)\n"
    ),
    "patch_builtins_and_assertion_error": (
        "import builtins\nbuiltins.AssertionError = type('Never', (BaseException,), {})\n"
        "builtins.exec = builtins.compile = lambda *a, **k: None\ndef g():\n    return 'wrong'\n"
    ),
    "exit_before_the_check": "import os\nos._exit(0)\ndef g():\n    return 'wrong'\n",
    "kill_every_other_process": (
        "import os, signal\ndef g():\n    for pid in os.listdir('/proc'):\n        if pid.isdigit() and int(pid) != os.getpid():\n"
        "            try:\n                os.kill(int(pid), signal.SIGKILL)\n            except OSError:\n                pass\n"
        "    return 'wrong'\n"
    ),
    "stop_the_check": (
        "import os, signal\ndef g():\n    for pid in os.listdir('/proc'):\n        if pid.isdigit() and int(pid) != os.getpid():\n"
        "            try:\n                os.kill(int(pid), signal.SIGSTOP)\n            except OSError:\n                pass\n"
        "    return 'wrong'\n"
    ),
    "write_to_the_checks_result_pipe": (
        "import json, os, struct\ndef g():\n    body = json.dumps({'i': 0, 'status': 'pass'}).encode()\n"
        "    for pid in os.listdir('/proc'):\n        for fd in range(3, 8):\n            try:\n"
        "                with open('/proc/%s/fd/%d' % (pid, fd), 'wb') as pipe:\n"
        "                    pipe.write(struct.pack('>I', len(body)) + body)\n            except (OSError, ValueError):\n"
        "                pass\n    return 'wrong'\n"
    ),
    "ptrace_and_read_the_checks_memory": (
        "import ctypes, os\ndef g():\n    libc = ctypes.CDLL(None, use_errno=True)\n    found = []\n"
        "    for pid in os.listdir('/proc'):\n        if not pid.isdigit() or int(pid) == os.getpid():\n            continue\n"
        "        found.append(libc.ptrace(16, int(pid), 0, 0))\n        try:\n"
        "            found.append(len(open('/proc/%s/mem' % pid, 'rb').read(1)))\n        except OSError:\n            pass\n"
        "    return found\n"
    ),
    "nested_namespace_escape": (
        "import ctypes\ndef g():\n    libc = ctypes.CDLL(None, use_errno=True)\n"
        "    return [libc.unshare(0x10000000), libc.unshare(0x00020000), ctypes.get_errno()]\n"
    ),
}
CHECK = "assert g() == '8d1f02c4-unknowable'\n"


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_solution_cannot_forge_the_verdict_of_its_check(backend):
    if backend == "docker":
        require_docker()
    requests = [CheckRequest(name, code, "g", "", CHECK, timeout_s=1.0) for name, code in FORGED_SOLUTIONS.items()]
    with open_sandbox(backend, LIMITS, workers=2) as box:
        outcomes = box.run_checks(requests)
        honest = box.run_checks(
            [CheckRequest("honest", "def g():\n    return '8d1f02c4-unknowable'\n", "g", "", CHECK)]
        )
        leftovers = leftover_processes(box)
    statuses = {request.check_id: (outcome.status, outcome.detail) for request, outcome in zip(requests, outcomes)}
    assert {name for name, (status, _) in statuses.items() if status == "pass"} == set(), statuses
    assert honest[0].status == "pass"
    assert leftovers == []


READER = "def f(x):\n    total = 0\n    for v in x:\n        total += v\n    return total\n"
# Each goes after the tracer and coverage that a later program in the same process would use.
POISONERS = {
    "rewrites_the_tracer": (
        "import sys\ndef f(x):\n    tracer = sys.modules.get('child_trace')\n    if tracer:\n"
        "        tracer.run_trace.__code__ = (lambda *a, **k: {'status': 'ok', 'raw': 'forged', 'returned': '99',"
        " 'value': '99'}).__code__\n    return 0\n"
    ),
    "rewrites_pysnooper_and_coverage": (
        "import sys\ndef f(x):\n    for name, module in list(sys.modules.items()):\n"
        "        if name.startswith(('pysnooper', 'coverage')):\n            for attr in dir(module):\n"
        "                value = getattr(module, attr, None)\n                if hasattr(value, '__code__'):\n"
        "                    try:\n                        value.__code__ = (lambda *a, **k: 99).__code__\n"
        "                    except (TypeError, ValueError):\n                        pass\n    return 0\n"
    ),
    "forges_frames_for_later_units": (
        "import json, os, struct\ndef f(x):\n    for i in range(1, 8):\n"
        "        body = json.dumps({'i': i, 'status': 'ok', 'coverage': 1.0,"
        " 'trace': {'status': 'ok', 'raw': 'forged', 'value': '99'}}).encode()\n"
        "        try:\n            os.write(3, struct.pack('>I', len(body)) + body)\n        except OSError:\n            pass\n"
        "    return 0\n"
    ),
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_traced_or_covered_program_reaches_only_its_own_results(backend):
    if backend == "docker":
        require_docker()
    limits = SandboxLimits(cpu_seconds=0.25, wall_factor=8.0, memory_mb=256, output_bytes=1 << 16)
    traces, coverage = [], []
    for name, code in POISONERS.items():
        traces += [TraceRequest(name, code, "f([1])"), TraceRequest(f"after-{name}", READER, "f([2, 3])")]
        coverage += [CoverageRequest(name, code, ["f([1])"]), CoverageRequest(f"after-{name}", READER, ["f([])"])]
    with open_sandbox(backend, limits, workers=1) as box:
        traced = box.trace(traces)
        covered = box.coverage(coverage)
        reference_trace = box.trace([TraceRequest("alone", READER, "f([2, 3])")])[0]
        reference_coverage = box.coverage([CoverageRequest("alone", READER, ["f([])"])])[0]
    for outcome in traced:
        if outcome.trace_id.startswith("after-"):
            assert (outcome.status, outcome.value, outcome.returned) == ("ok", "5", "5"), outcome
            assert outcome.raw.replace(outcome.raw.split("Elapsed time: ")[-1], "") == reference_trace.raw.replace(
                reference_trace.raw.split("Elapsed time: ")[-1], ""
            )
    for outcome in covered:
        if outcome.request_id.startswith("after-"):
            assert (outcome.coverage, outcome.detail) == (reference_coverage.coverage, reference_coverage.detail)
    assert 0 < reference_coverage.coverage < 1
