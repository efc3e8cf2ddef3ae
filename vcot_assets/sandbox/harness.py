"""Sandbox worker: a warm parent that forks one isolated child per job. Standard library only.

Runs as `python -B -s -P -c <this source>` (the same source locally and inside the docker image),
talking to the orchestrator over stdin/stdout in frames (4-byte big-endian length + JSON).
`-I` is not used because it also ignores PYTHONHASHSEED; the orchestrator passes a scrubbed
environment instead, so `-s -P` plus that environment is what `-I` would give, with a fixed seed.

Trust boundary: this parent is trusted; everything a child sends back is data to validate.
The child never sees an expected value: it evaluates calls and returns canonical value text.

Per job the parent forks a child that runs the job's units (one call, script, trace or coverage
run each) one after another, one result frame per unit. The parent enforces each unit's CPU
limit (the child's CPU clock, checked exactly when the budget could have run out) with a
wall-clock backstop, kills the child's whole process tree on timeout or crash, re-forks for the
units left, and gives up after N consecutive timeouts of one request. A trace or coverage job
may carry one program per unit (`codes`): several requests then share one child, each unit
re-reading its own program file, and a unit that leaves anything behind that a later program
could see (see `_Guard`) makes the child restart for the next one. When the parent is PID 1 of
its own PID namespace (local backend as root, or a container), orphans are reparented to it, signals from
children cannot kill it, and `kill(-1)` reaches every process it must clean up.
"""

import ctypes
import errno
import gc
import importlib.util
import json
import operator
import os
import random
import resource
import select
import shutil
import signal
import struct
import sys
import time

# Modules solutions commonly import, loaded once in the warm parent so forked children share them.
# Not `threading` (nor modules importing it: tempfile, queue, coverage, pysnooper): its
# after-fork hook and the extra mappings make every fork several times dearer. Workers of the
# "heavy" profile (tracing, coverage) load those too and pay that on their rarer jobs.
_PRELOAD = (
    "abc",
    "array",
    "bisect",
    "collections",
    "collections.abc",
    "copy",
    "dataclasses",
    "datetime",
    "decimal",
    "enum",
    "fractions",
    "functools",
    "hashlib",
    "heapq",
    "io",
    "itertools",
    "json",
    "math",
    "operator",
    "re",
    "statistics",
    "string",
    "textwrap",
    "typing",
    "unicodedata",
    "traceback",
    "cmath",
    "numbers",
    "struct",
    "contextlib",
)
_PRELOAD_HEAVY = ("threading", "tempfile", "queue", "coverage")
_FRAME = struct.Struct(">I")
_MAX_DEPTH = 100
_DETAIL_CHARS = 2000
_CLONE_NEWUSER = 0x10000000
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_DUMPABLE = 4
_PR_SET_CHILD_SUBREAPER = 36
_MS_RDONLY, _MS_NOSUID, _MS_NODEV, _MS_REMOUNT, _MS_BIND, _MS_MOVE, _MS_REC = 1, 2, 4, 32, 4096, 8192, 16384
_MS_PRIVATE = 1 << 18

_libc = ctypes.CDLL(None, use_errno=True)


# --- framing ---------------------------------------------------------------------------------


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_frame(fd, obj):
    body = json.dumps(obj, ensure_ascii=True, separators=(",", ":")).encode()
    _write_all(fd, _FRAME.pack(len(body)) + body)


def _read_exact(fd, size):
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def read_frame(fd):
    (size,) = _FRAME.unpack(_read_exact(fd, _FRAME.size))
    return json.loads(_read_exact(fd, size))


# --- canonical values (the untrusted side's only way to report a value) ----------------------


class Unserializable(Exception):
    pass


class TooLarge(Exception):
    pass


def _float_text(value):
    if value != value:
        return "float('nan')"
    if value in (float("inf"), float("-inf")):
        return "float('inf')" if value > 0 else "float('-inf')"
    return repr(value)


def canonical(value, limit):
    """Canonical text of a plain builtin value; never runs code of the value's own classes."""
    old_digits = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        return _CanonicalText(limit).of(value)
    finally:
        sys.set_int_max_str_digits(old_digits)


class _CanonicalText:
    """Writes a value's canonical text through the builtin types' own methods (`list.__iter__`,
    `dict.items`, ...), so a subclass's overrides never run; caps size, depth and cycles."""

    def __init__(self, limit):
        self.limit = limit
        self.parts = []
        self.size = 0

    def of(self, value):
        self.walk(value, 0, set())
        return "".join(self.parts)

    def emit(self, text):
        self.size += len(text)
        if self.size > self.limit:
            raise TooLarge("return value larger than %d characters" % self.limit)
        self.parts.append(text)

    def walk(self, item, depth, active):
        if depth > _MAX_DEPTH:
            raise Unserializable("value nested deeper than %d levels" % _MAX_DEPTH)
        kind = type(item)
        if kind in _CONTAINERS:
            if id(item) in active:
                raise Unserializable("value contains itself")
            active.add(id(item))
            getattr(self, _CONTAINERS[kind])(item, kind, depth + 1, active)
            active.discard(id(item))
        else:
            self.emit(self.scalar(item, kind))

    def scalar(self, item, kind):
        if item is None or kind is bool:
            return "True" if item is True else "False" if item is False else "None"
        if kind is int:
            if item.bit_length() > self.limit * 4:
                raise TooLarge("integer too large")
            return int.__repr__(item)
        if kind is float:
            return _float_text(item)
        if kind is complex:
            return "complex(%s, %s)" % (_float_text(item.real), _float_text(item.imag))
        if kind is str:
            return str.__repr__(item)
        if kind is bytes:
            return bytes.__repr__(item)
        raise Unserializable("unsupported return type %s" % _type_name(item))

    def sequence(self, item, kind, depth, active):
        self.emit("[" if kind is list else "(")
        for index, element in enumerate(list.__iter__(item) if kind is list else tuple.__iter__(item)):
            if index:
                self.emit(", ")
            self.walk(element, depth, active)
        if kind is tuple and tuple.__len__(item) == 1:
            self.emit(",")
        self.emit("]" if kind is list else ")")

    def mapping(self, item, kind, depth, active):
        self.emit("{")
        for index, (key, element) in enumerate(dict.items(item)):
            if index:
                self.emit(", ")
            self.walk(key, depth, active)
            self.emit(": ")
            self.walk(element, depth, active)
        self.emit("}")

    def unordered(self, item, kind, depth, active):
        # Set order depends on hashing: sort by canonical text so the text is stable.
        texts = sorted(
            self.part(element, depth, active)
            for element in (set.__iter__(item) if kind is set else frozenset.__iter__(item))
        )
        if not texts:
            self.emit("set()" if kind is set else "frozenset()")
        else:
            body = "{" + ", ".join(texts) + "}"
            self.emit(body if kind is set else "frozenset(" + body + ")")

    def part(self, element, depth, active):
        """The text of one element on its own (set members are sorted by it); it counts toward the cap."""
        saved, self.parts = self.parts, []
        try:
            self.walk(element, depth, active)
            return "".join(self.parts)
        finally:
            self.parts = saved


_CONTAINERS = {list: "sequence", tuple: "sequence", dict: "mapping", set: "unordered", frozenset: "unordered"}


def _type_name(value):
    kind = type(value)
    return type.__dict__["__qualname__"].__get__(kind)


# --- child side ------------------------------------------------------------------------------


class OutputLimit(BaseException):
    pass


class _CappedOutput:
    """sys.stdout/sys.stderr of a child: counts and discards; past the cap the unit is `resource`."""

    def __init__(self, limit):
        self.limit = limit
        self.written = 0
        self.exceeded = False

    def write(self, text):
        self.written += len(text)
        if self.written > self.limit:
            self.exceeded = True
            raise OutputLimit("output larger than %d bytes" % self.limit)
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise OSError(errno.EBADF, "no file descriptor")


class _NoInput:
    def read(self, *args):
        return ""

    readline = read

    def readlines(self, *args):
        return []

    def isatty(self):
        return False

    def fileno(self):
        raise OSError(errno.EBADF, "no file descriptor")


def _exception_detail(err):
    name = _type_name(err)
    try:
        text = str(err)
    except BaseException:
        text = ""
    if type(text) is not str:
        text = ""
    detail = name + (": " + text if text else "")
    if len(detail) > _DETAIL_CHARS:  # keep the end: callers read reports from the message's tail
        detail = detail[:200] + " ... " + detail[-(_DETAIL_CHARS - 205) :]
    return detail


def _status_of_exception(err):
    if isinstance(err, (MemoryError, OutputLimit)):
        return "resource"
    if isinstance(err, OSError) and err.errno in (
        errno.EFBIG,
        errno.ENOSPC,
        errno.EMFILE,
        errno.ENFILE,
        errno.EAGAIN,
        errno.ENOMEM,
    ):
        return "resource"
    return "error"


class _ChildState:
    """What a unit may change and the next unit must not see.

    Made once in the warm parent (a snapshot made in each child would copy-on-write hundreds of
    pages). Checks compare identities only, so no object of the unit's making runs code here.
    """

    def __init__(self):
        import builtins

        self.builtin_dict = builtins.__dict__
        self.builtin_names = dict(builtins.__dict__)
        self.module_names = list(sys.modules)
        self.module_values = list(sys.modules.values())
        self.modules = dict(sys.modules)
        self.reseed = random.seed  # bound now: a unit rebinding `random.seed` cannot dodge it
        self.recursion_limit = sys.getrecursionlimit()
        self.cwd = "/"

    def _same(self, current, names, values):
        return len(current) == len(names) and all(map(operator.is_, map(current.get, names), values))

    def restore(self):
        sys.settrace(None)
        sys.setprofile(None)
        if not self._same(self.builtin_dict, list(self.builtin_names), list(self.builtin_names.values())):
            self.builtin_dict.clear()
            self.builtin_dict.update(self.builtin_names)
        if not self._same(sys.modules, self.module_names, self.module_values):
            # Modules first imported by the unit stay (re-importing per unit is slow); entries
            # the unit replaced or faked are put back.
            for name, module in list(sys.modules.items()):
                if name in self.modules:
                    if module is not self.modules[name]:
                        sys.modules[name] = self.modules[name]
                elif type(module) is not type(sys):
                    del sys.modules[name]
            for name, module in self.modules.items():
                if name not in sys.modules:
                    sys.modules[name] = module
        self.reseed(0)
        sys.setrecursionlimit(self.recursion_limit)
        os.chdir(self.cwd)

    def tainted(self):
        """Threads or child processes outlive the unit: later units must start afresh."""
        if len(os.listdir("/proc/self/task")) > 1:
            return True
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return False
        return True


_AUDIT_EVENTS = frozenset({"sys.addaudithook", "gc.get_objects", "gc.get_referrers", "gc.get_referents"})
_audit_seen = []


def _audit(event, _args):
    # Hooks outlive the unit and reach into later ones; gc walks reach objects no check sees.
    if event in _AUDIT_EVENTS:
        _audit_seen.append(event)


class _Guard:
    """What one program's trace could leave for the next program traced in the same child.

    Made in the warm parent after a warm-up trace, so the tracer's lazy imports and caches are
    already in place. Checked after each unit of a multi-program job, by identity only: the
    attributes of the tracer's and the harness's modules (and their classes), the registries
    `copy` consults, the import machinery, warnings filters, the environment, process settings
    (signal handlers, timers, rlimits, umask, gc, int digits, priority), new modules, files in
    the job's dir, audit hooks and gc walks. Any difference: the next program gets a fresh child. (A
    program that deliberately rewrites objects in place some other way is not caught here;
    its own trace is untrusted anyway, and the calls/tests path never relies on this.)
    """

    _SYS_VOLATILE = frozenset(
        {"stdout", "stderr", "stdin", "last_type", "last_value", "last_traceback", "last_exc", "exc_value"}
    )
    _MODULES = (
        "__main__",
        "child_trace",
        "pysnooper",
        "json",
        "copy",
        "copyreg",
        "ast",
        "inspect",
        "types",
        "functools",
        "io",
        "os",
        "posix",
        "platform",
        "importlib",
        "linecache",
        "tokenize",
        "re",
        "codecs",
        "operator",
        "collections",
        "random",
        "resource",
        "signal",
        "select",
        "struct",
        "time",
        "traceback",
        "abc",
        "weakref",
        "reprlib",
        "keyword",
        "enum",
        "datetime",
        "gc",
        "threading",
        "encodings",
        "warnings",
    )

    def __init__(self):
        import copy
        import copyreg

        dicts = []
        for name, module in list(sys.modules.items()):
            if type(module) is not type(sys) or name.split(".")[0] not in self._MODULES:
                continue
            dicts.append(module.__dict__)
            for value in list(module.__dict__.values()):
                if type(value) is type and value.__dict__.get("__module__") == name:
                    dicts.append(value.__dict__)
        for registry in (copyreg.dispatch_table, copy._deepcopy_dispatch, sys.path_importer_cache):
            dicts.append(registry)
        self.dicts = [(d, list(d), list(d.values())) for d in dicts]
        self.lists = [(items, list(items)) for items in (sys.meta_path, sys.path_hooks, sys.path, gc.callbacks)]
        warnings = sys.modules.get("warnings")
        if warnings is not None and type(getattr(warnings, "filters", None)) is list:
            self.lists.append((warnings.filters, list(warnings.filters)))
        self.settings = None
        self.sys_items = {k: v for k, v in sys.__dict__.items() if k not in self._SYS_VOLATILE}
        self.module_count = len(sys.modules)
        self.environ = None

    def arm(self):
        """In the child, once its environment is set; after-fork hooks (threading's) have
        rebound some attributes: those dicts are taken again, the rest stay shared."""
        self.environ = (os.environ, dict(os.environ._data))
        self.settings = self._settings()
        self.dicts = [
            entry if self._same(entry) else (entry[0], list(entry[0]), list(entry[0].values())) for entry in self.dicts
        ]
        del _audit_seen[:]

    @staticmethod
    def _settings():
        """Process settings a program can change and the next one would inherit."""
        umask = os.umask(0o077)
        os.umask(umask)
        handlers = []
        for number in range(1, signal.NSIG):
            try:
                handlers.append(signal.getsignal(number))
            except (ValueError, OSError):
                handlers.append(None)
        timers = [signal.getitimer(which) for which in (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)]
        limits = [
            resource.getrlimit(which)
            for which in (
                resource.RLIMIT_CPU,
                resource.RLIMIT_AS,
                resource.RLIMIT_NOFILE,
                resource.RLIMIT_FSIZE,
                resource.RLIMIT_NPROC,
                resource.RLIMIT_STACK,
                resource.RLIMIT_CORE,
            )
        ]
        return (
            umask,
            handlers,
            timers,
            limits,
            gc.isenabled(),
            gc.get_threshold(),
            sys.get_int_max_str_digits(),
            sys.getswitchinterval(),
            os.getpriority(os.PRIO_PROCESS, 0),
        )

    @staticmethod
    def _same(entry):
        d, keys, values = entry
        return len(d) == len(keys) and all(map(operator.is_, d, keys)) and all(map(operator.is_, d.values(), values))

    def dirty(self, workdir, sweep_dirs, base):
        """After `_ChildState.restore`, which puts back every module the unit replaced.

        Returns what differs ("" when nothing does)."""
        if _audit_seen:
            return "audit event " + _audit_seen[0]
        for entry in self.dicts:
            if not self._same(entry):
                d = entry[0]
                return "attributes of " + str(d.get("__name__") or d.get("__qualname__") or "a registry")
        for items, saved in self.lists:
            if len(items) != len(saved) or not all(map(operator.is_, items, saved)):
                return "import machinery or gc callbacks"
        current = sys.__dict__
        if len([k for k in current if k not in self._SYS_VOLATILE]) != len(self.sys_items) or not all(
            current.get(k) is v for k, v in self.sys_items.items()
        ):
            return "attributes of sys"
        if len(sys.modules) != self.module_count:  # the program imported something new
            return "new modules"
        settings = self._settings()
        handlers, saved_handlers = settings[1], self.settings[1]
        # Handlers by identity: a handler object of the program's could claim to equal anything.
        if (
            settings[:1] + settings[2:] != self.settings[:1] + self.settings[2:]
            or len(handlers) != len(saved_handlers)
            or not all(map(operator.is_, handlers, saved_handlers))
        ):
            return "process settings (signals, timers, limits, umask, gc, int digits)"
        environ, saved_env = self.environ
        if os.environ is not environ or type(environ._data) is not dict or environ._data != saved_env:
            return "environment"
        if os.listdir(workdir) != ["program.py"]:
            return "files in the job dir"
        for directory in sweep_dirs:
            if any(os.path.join(directory, entry) != base for entry in os.listdir(directory)):
                return "files in " + directory
        return ""


def _compile_program(code, filename):
    return compile(code, filename, "exec", dont_inherit=True)


def _fresh_namespace(filename):
    import builtins

    return {"__name__": "__main__", "__file__": filename, "__builtins__": builtins}


def _run_call_unit(compiled, filename, call, limit_chars, compiled_call=None):
    namespace = _fresh_namespace(filename)
    exec(compiled, namespace)
    value = eval(compiled_call or compile(call, "<call>", "eval", dont_inherit=True), namespace)
    try:
        return {"status": "ok", "value": canonical(value, limit_chars)}
    except TooLarge as err:
        return {"status": "resource", "detail": str(err)}
    except Unserializable as err:
        return {"status": "error", "detail": str(err)}
    except RecursionError:
        return {"status": "error", "detail": "value nested too deeply"}


def _run_script_unit(compiled, filename):
    exec(compiled, _fresh_namespace(filename))
    return {"status": "pass"}


_coverage_sessions = {}


def _run_coverage_unit(compiled, filename, call, index):
    """Line+branch coverage of one call: one Coverage per child, one dynamic context per call.

    Starting coverage.py costs tens of milliseconds; resuming it and reporting one context
    costs a few, so a child measures all its calls with one session.
    """
    import io

    import coverage

    cov = _coverage_sessions.get(filename)
    if cov is None:
        cov = _coverage_sessions[filename] = coverage.Coverage(
            branch=True, data_file=None, config_file=False, include=[filename]
        )
    context = "unit-%d" % index
    detail = ""
    cov.start()
    try:
        cov.switch_context(context)
        namespace = _fresh_namespace(filename)
        exec(compiled, namespace)
        eval(compile(call, "<call>", "eval", dont_inherit=True), namespace)
    except BaseException as err:
        detail = _exception_detail(err)
    finally:
        cov.stop()
    try:
        percent = cov.report(file=io.StringIO(), morfs=[filename], show_missing=False, contexts=["^%s$" % context])
    except Exception as err:
        return {"status": "error", "detail": "coverage report failed: " + _exception_detail(err)}
    return {"status": "ok", "coverage": float(percent) / 100.0, "detail": detail}


def _run_trace_unit(tracer, filename, call, limits):
    if tracer is None:
        return {"status": "error", "detail": "tracer module child_trace is not available"}
    result = tracer.run_trace(filename, call, limits)
    if type(result) is not dict:
        return {"status": "error", "detail": "tracer returned no result"}
    return {"status": "ok", "trace": json.loads(json.dumps(result, default=str))}


def _apply_child_limits(limits, units_left, drop_uid):
    cpu_total = int(limits["unit_cpu"] * units_left + 2)
    plan = [
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_CPU, cpu_total),
        (resource.RLIMIT_FSIZE, int(limits["max_file_bytes"])),
        (resource.RLIMIT_AS, int(limits["memory_mb"]) << 20),
    ]
    if drop_uid is not None:
        # RLIMIT_NPROC counts the processes of a uid, and root is exempt: it only binds once
        # the child runs as the worker's own unprivileged uid.
        plan.append((resource.RLIMIT_NPROC, int(limits["max_processes"])))
    for which, value in plan:
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):  # not allowed to raise the hard limit: lower only the soft one
            hard = resource.getrlimit(which)[1]
            resource.setrlimit(which, (value if hard == resource.RLIM_INFINITY else min(value, hard), hard))


def _confine_child(limits, units, config, workdir, result_fd):
    """Limits, a dropped uid (or a nested user namespace), no new privileges, a clean
    environment and no file descriptors but the result pipe, which becomes fd 3."""
    os.setsid()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    drop_uid = config.get("drop_uid")
    _apply_child_limits(limits, units, drop_uid)
    if drop_uid is not None:
        os.setgroups([])
        os.setresgid(drop_uid, drop_uid, drop_uid)
        os.setresuid(drop_uid, drop_uid, drop_uid)
    elif config.get("nested_userns") and _libc.unshare(_CLONE_NEWUSER) != 0:
        raise OSError(ctypes.get_errno(), "cannot enter a nested user namespace")
    _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    os.chdir(workdir)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    if result_fd != 3:
        os.dup2(result_fd, 3)
        result_fd = 3
    os.closerange(4, 1 << 16)
    resource.setrlimit(resource.RLIMIT_NOFILE, (int(limits["max_open_files"]),) * 2)
    os.environ.clear()
    os.environ.update(
        {"HOME": workdir, "TMPDIR": workdir, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"}
    )
    return result_fd


def _run_unit(kind, compiled, filename, item, index, limits, config, compiled_calls):
    if kind == "calls":
        return _run_call_unit(compiled, filename, item, int(limits["output_bytes"]), compiled_calls.get(item))
    if kind == "script":
        return _run_script_unit(compiled, filename)
    if kind == "coverage":
        return _run_coverage_unit(compiled, filename, item, index)
    if kind == "trace":
        return _run_trace_unit(config.get("tracer_module"), filename, item, limits)
    return {"status": "error", "detail": "unknown job kind"}


def _child_main(job, start, result_fd, workdir, config, compiled_calls):
    """Runs in the forked child; never returns."""
    try:
        limits = job["limits"]
        result_fd = _confine_child(limits, len(job["items"]) - start, config, workdir, result_fd)
        output = _CappedOutput(int(limits["output_bytes"]))
        sys.stdout = sys.stderr = output
        sys.stdin = _NoInput()
        kind = job["kind"]
        filename = os.path.join(workdir, "program.py")
        codes = job.get("codes")  # one program per unit, or job["code"] for all of them

        def load(code):
            if kind in ("trace", "coverage"):  # they read the source back from the file
                with open(filename, "w", encoding="utf-8") as handle:
                    handle.write(code)
            try:
                return _compile_program(code, filename), ""
            except BaseException as err:
                return None, _exception_detail(err)

        compiled, compile_error = load(job["code"] if codes is None else codes[start])
        random.seed(0)  # `random` reseeds itself from the OS in a forked child; every unit starts here
        state = config["pristine"]
        state.cwd = workdir
        guard = config.get("guard") if codes is not None else None
        if guard is not None:
            guard.arm()
        write_frame(result_fd, {"ready": True})
        for index in range(start, len(job["items"])):
            item = job["items"][index]
            if codes is not None and index > start:
                try:  # rewritten every time: the previous program may have changed the file
                    compiled, compile_error = load(codes[index])
                except BaseException:
                    write_frame(result_fd, {"restart": index})
                    break
            output.written, output.exceeded = 0, False
            try:
                if compiled is None:
                    result = {"status": "error", "detail": compile_error}
                else:
                    result = _run_unit(kind, compiled, filename, item, index, limits, config, compiled_calls)
            except BaseException as err:
                result = {"status": _status_of_exception(err), "detail": _exception_detail(err)}
            if output.exceeded:
                result = {"status": "resource", "detail": "output larger than %d bytes" % output.limit}
            sys.stdout = sys.stderr = output
            sys.stdin = _NoInput()
            taint = "threads or processes left running" if state.tainted() else ""
            state.restore()
            if guard is not None and not taint and index + 1 < len(job["items"]):
                taint = guard.dirty(workdir, config.get("sweep_dirs", ()), config.get("base"))
            result["i"] = index
            write_frame(result_fd, result)
            if taint:
                write_frame(result_fd, {"restart": index + 1, "why": taint})
                break
    except BaseException as err:
        try:  # the harness itself failed in the child: say why instead of dying silently
            write_frame(result_fd, {"fatal": _exception_detail(err)})
        except BaseException:
            pass
    os._exit(0)


# --- parent side -----------------------------------------------------------------------------


def _cpu_seconds(pid):
    try:
        return time.clock_gettime(((~pid) << 3) | 2)
    except OSError:
        try:
            with open("/proc/%d/stat" % pid, "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return None


def _run_delay(pid):
    """Seconds the process's main thread has waited on a run queue (None where not reported)."""
    try:
        with open("/proc/%d/schedstat" % pid, "rb") as handle:
            return int(handle.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return None


class _UnitClock:
    """The CPU and wall-clock budget of the unit a child is working on.

    Setup (compile, limits) gets one unit's budget; each unit gets its own after that. Time the
    child spent runnable but waiting for a CPU does not count against the wall-clock backstop,
    so a loaded machine does not turn slow tests into timeouts. It is sampled from the unit's
    first slow check on: fast units never pay for it.
    """

    def __init__(self, pid, unit_cpu, unit_wall):
        self.pid, self.unit_cpu, self.unit_wall = pid, unit_cpu, unit_wall
        self.cpu_left = self.wall_left = 0.0
        self.delay_start = None
        self.started = time.monotonic()
        self.cpu_start = _cpu_seconds(pid) or 0.0

    def next_unit(self):
        self.started = time.monotonic()
        self.delay_start = None
        cpu_now = _cpu_seconds(self.pid)
        self.cpu_start = cpu_now if cpu_now is not None else self.cpu_start

    def overrun(self):
        """A ("timeout", detail) failure once the unit has used its budget, else None."""
        cpu = _cpu_seconds(self.pid)
        self.cpu_left = self.unit_cpu - ((cpu - self.cpu_start) if cpu is not None else 0.0)
        wall_used = time.monotonic() - self.started
        if self.delay_start is not None:
            delay = _run_delay(self.pid)
            if delay is not None:
                wall_used -= max(0.0, delay - self.delay_start)
        self.wall_left = self.unit_wall - wall_used
        if self.cpu_left <= 0:
            return ("timeout", "exceeded CPU limit of %gs" % self.unit_cpu)
        if self.wall_left <= 0:
            return ("timeout", "exceeded wall-clock limit of %gs" % self.unit_wall)
        return None

    def wait_budget(self):
        return max(min(self.cpu_left, self.wall_left), 0.001)

    def note_idle(self):
        if self.delay_start is None:
            self.delay_start = _run_delay(self.pid)


class _FrameReader:
    """Length-prefixed JSON frames from one child: a ready frame, then one result per unit."""

    def __init__(self, worker, job, start, frame_cap, results):
        self.worker, self.job, self.frame_cap, self.results = worker, job, frame_cap, results
        self.index = start
        self.ready = False
        self.buffer = b""

    def feed(self, chunk, clock):
        """Take every whole frame in the buffer; a (status, detail) failure ends the child."""
        self.buffer += chunk
        while len(self.buffer) >= 4 and self.index < len(self.job["items"]):
            (size,) = _FRAME.unpack_from(self.buffer)
            if size > self.frame_cap:
                return ("resource", "result larger than %d bytes" % self.frame_cap)
            if len(self.buffer) < 4 + size:
                return None
            body, self.buffer = self.buffer[4 : 4 + size], self.buffer[4 + size :]
            failure = self._take(self.worker._parse(body))
            if failure is not None:
                return failure
            clock.next_unit()
        return None

    def _take(self, message):
        if message is None:
            return ("crash", "unreadable result from child")
        if "fatal" in message:
            return ("crash", "sandbox child failed: %s" % str(message["fatal"])[:_DETAIL_CHARS])
        if not self.ready:
            if message.get("ready") is not True:
                return ("crash", "child protocol violation")
            self.ready = True
            return None
        if "restart" in message:
            if message["restart"] != self.index:
                return ("crash", "child protocol violation")
            return ("restart", str(message.get("why", ""))[:200])
        result = self.worker._validate(message, self.index, self.job["kind"])
        if result is None:
            return ("crash", "child protocol violation")
        self.results[self.index] = result
        self.index += 1
        return None


class Worker:
    def __init__(self, config):
        self.config = config
        self.in_fd = os.dup(0)
        self.out_fd = os.dup(1)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        self.jobs_run = 0
        self.is_init = os.getpid() == 1
        self.notes = []
        self.base = None
        self.sweep_dirs = []
        self.compiled_calls = {}
        self.setup()

    # -- isolation setup, once per worker --

    def setup(self):
        config = self.config
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        sys.dont_write_bytecode = True
        # Children of the same uid must not read this process's memory or /proc/1/environ.
        _libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
        if not self.is_init:
            _libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
        mode = config.get("isolate", "plain")
        config["drop_uid"] = None
        if mode in ("root", "userns"):
            if not self.is_init:
                self.notes.append("PID namespace missing")
            try:
                self._mount_private_dirs(config)
            except OSError as err:
                self.notes.append("mounts refused (%s)" % err)
            if mode == "root" and os.geteuid() == 0:
                config["drop_uid"] = int(config["uid"])
            else:
                self.notes.append("not root: children keep the caller's uid (user namespace)")
                # Root of this user namespace could ptrace this parent or undo its mounts: each
                # child enters a nested, unmapped user namespace and so holds no capability here.
                config["nested_userns"] = self._nested_userns_works()
                if not config["nested_userns"]:
                    self.notes.append("children keep user-namespace capabilities")
        elif mode == "plain":
            self.notes.append(config.get("note") or "no namespaces")
            if os.geteuid() == 0:  # still never run untrusted code as root
                config["drop_uid"] = int(config["uid"])
        elif mode == "container":
            # Children share this uid: files they leave in the container's tmpfs are swept per job.
            self.sweep_dirs = [d for d in ("/tmp", "/var/tmp", "/dev/shm") if os.access(d, os.W_OK)]
            if os.geteuid() == 0:
                self.notes.append("container runs as root")
        if config.get("expect_network_namespace") and not self._network_isolated():
            self.notes.append("network reachable")
        root = config.get("tmp_root") or "/tmp"
        self.base = os.path.join(root, "vcot-sandbox-%d-%d" % (os.getpid(), int(time.time() * 1000)))
        os.makedirs(self.base, 0o711, exist_ok=True)
        os.chmod(self.base, 0o711)
        heavy = config.get("profile") == "heavy"
        for name in _PRELOAD + (_PRELOAD_HEAVY if heavy else ()):
            try:
                __import__(name)
            except ImportError:
                pass
        if heavy and "coverage" not in sys.modules:
            self.notes.append("coverage not importable")
        config["tracer_module"] = self._load_tracer(config.get("tracer_source")) if heavy else None
        if heavy:
            self._warm_up(config["tracer_module"])
            sys.addaudithook(_audit)
            config["guard"] = _Guard()
        config["sweep_dirs"] = self.sweep_dirs
        config["base"] = self.base
        random.seed(0)  # children inherit this state: same random numbers in every run
        gc.collect()
        gc.freeze()  # forked children then share these pages instead of copying them on gc
        # Taken here, once: a snapshot made in each child would copy-on-write hundreds of pages.
        config["pristine"] = _ChildState()

    def _mount(self, source, target, fstype, flags, data):
        result = _libc.mount(
            source.encode() if source else None,
            target.encode(),
            fstype.encode() if fstype else None,
            flags,
            data.encode() if data else None,
        )
        if result != 0:
            err = ctypes.get_errno()
            raise OSError(err, "mount %s: %s" % (target, os.strerror(err)))

    def _mount_private_dirs(self, config):
        """Private writable dirs, hidden home dirs, fresh /proc: nothing reaches the host."""
        self._mount(None, "/", None, _MS_REC | _MS_PRIVATE, None)
        # Mode 755: only this parent writes there; each child gets its own dir inside.
        size = "size=%d,mode=755" % int(config.get("tmpfs_bytes", 256 << 20))
        keep = sorted({os.path.realpath(p) for p in config.get("keep_paths", [])})
        keep = [p for p in keep if not any(p.startswith(k.rstrip("/") + "/") for k in keep if k != p)]
        # A hidden dir under /tmp (a repository checked out there) goes with /tmp itself.
        covered = ["/tmp"] + [
            d for d in config.get("hide_dirs", []) if os.path.isdir(d) and d != "/tmp" and not d.startswith("/tmp/")
        ]
        # Re-expose the interpreter (and anything else needed) that lives under a covered dir, a
        # virtualenv inside the repository or under /tmp included: bind it aside on a scratch
        # tmpfs first, cover, then move it back read-only.
        inside = [p for p in keep if os.path.isdir(p) and any(p.startswith(c.rstrip("/") + "/") for c in covered)]
        staged = []
        if inside:
            scratch = next(d for d in ("/dev/shm", "/var/tmp", "/run") if os.path.isdir(d))
            self._mount("tmpfs", scratch, "tmpfs", _MS_NOSUID | _MS_NODEV, "size=1m,mode=700")
            for index, path in enumerate(inside):
                stage = os.path.join(scratch, ".stage-%d" % index)
                os.mkdir(stage)
                self._mount(path, stage, None, _MS_BIND | _MS_REC, None)
                staged.append((stage, path))
        self._mount("tmpfs", "/tmp", "tmpfs", _MS_NOSUID | _MS_NODEV, size)
        for hidden in covered[1:]:
            self._mount("tmpfs", hidden, "tmpfs", _MS_NOSUID | _MS_NODEV, "size=1m,mode=755")
        for stage, path in staged:
            os.makedirs(path, exist_ok=True)
            self._mount(stage, path, None, _MS_MOVE, None)
            self._mount(None, path, None, _MS_REMOUNT | _MS_BIND | _MS_RDONLY | _MS_NOSUID, None)
            os.rmdir(stage)
        for path in ("/var/tmp", "/dev/shm", "/run/lock", "/dev/mqueue"):
            if os.path.isdir(path):
                self._mount("tmpfs", path, "tmpfs", _MS_NOSUID | _MS_NODEV, "size=1m,mode=755")

    def _nested_userns_works(self):
        pid = os.fork()
        if pid == 0:
            os._exit(0 if _libc.unshare(_CLONE_NEWUSER) == 0 else 1)
        _, status = os.waitpid(pid, 0)
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    def _network_isolated(self):
        try:
            with open("/proc/net/dev") as handle:
                names = [line.split(":")[0].strip() for line in handle.readlines()[2:]]
        except OSError:
            return False
        return all(name == "lo" for name in names)

    def _load_tracer(self, source):
        if not source:
            return None
        directory = os.path.join(self.base, "tracer")
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "child_trace.py")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(source)
        try:
            spec = importlib.util.spec_from_file_location("child_trace", path)
            module = importlib.util.module_from_spec(spec)
            sys.modules["child_trace"] = module
            spec.loader.exec_module(module)
        except Exception as err:
            self.notes.append("tracer failed to load (%s)" % _exception_detail(err))
            sys.modules.pop("child_trace", None)
            return None
        return module

    def _warm_up(self, tracer):
        """One trace and one coverage run of a fixed program here, so children inherit the
        tracer's and coverage's lazy imports and caches: each starts faster, and `_Guard` sees
        only what a traced program changed."""
        directory = os.path.join(self.base, "warm-up")
        os.makedirs(directory, exist_ok=True)
        path = os.path.join(directory, "program.py")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(
                "class Box:\n    def __init__(self, items):\n        self.items = list(items)\n\n"
                "def f(text, n):\n    box = Box(text)\n    out = {}\n"
                "    for i, c in enumerate(box.items[:n]):\n        out[c] = out.get(c, 0) + i\n"
                "    return sorted(out.items()), {1.5, None}, (b'x', [i for i in range(2)])\n"
            )
        try:
            if tracer is not None:
                tracer.run_trace(path, "f('abca', 3)", {})
                tracer.run_trace(path, "f(1, 2)", {})  # the exception path too
        except Exception as err:
            self.notes.append("tracer warm-up failed (%s)" % _exception_detail(err))
        if "coverage" in sys.modules:
            compiled = _compile_program(open(path, encoding="utf-8").read(), path)
            for index, call in enumerate(("f('abca', 3)", "f(1, 2)")):
                result = _run_coverage_unit(compiled, path, call, index)
                if result.get("status") != "ok":
                    self.notes.append("coverage warm-up failed (%s)" % result.get("detail", ""))
            _coverage_sessions.clear()
        sys.settrace(None)
        # Its module stays registered as "program": each child's restore puts it back after a
        # trace, so a traced program shows up as a new module only when it imports one.
        shutil.rmtree(directory, ignore_errors=True)

    def isolation(self):
        return "full" if not self.notes else "reduced: " + "; ".join(self.notes)

    # -- the job loop --

    def serve(self):
        write_frame(
            self.out_fd,
            {"hello": True, "isolation": self.isolation(), "python": sys.version.split()[0], "base": self.base},
        )
        while True:
            try:
                request = read_frame(self.in_fd)
            except EOFError:
                break
            if request.get("op") == "stop":
                break
            if request.get("op") == "batch":  # several jobs per round trip
                write_frame(self.out_fd, {"batch": [self.run_job_safely(job) for job in request["jobs"]]})
            else:
                write_frame(self.out_fd, {"results": self.run_job_safely(request)})
        self.cleanup_all()
        shutil.rmtree(self.base, ignore_errors=True)

    def run_job_safely(self, job):
        """A bug here must cost one job, not the worker and every job queued behind it."""
        try:
            return self.run_job(job)
        except Exception as err:
            self.cleanup_all()
            detail = "sandbox harness error: " + _exception_detail(err)
            return [{"status": "crash", "detail": detail} for _ in job.get("items", [])]

    def _precompile_calls(self, job):
        """Compile each distinct call once per worker: a task's tests repeat for every candidate.

        Calls are short expressions (test calls from the AST splitter, benchmark inputs); long
        ones are left to the child, where compiling runs under the limits.
        """
        if job["kind"] != "calls":
            return
        if len(self.compiled_calls) > 2000:  # a bigger parent makes every fork dearer
            self.compiled_calls.clear()
        for call in job["items"]:
            if call not in self.compiled_calls and len(call) <= 2000:
                try:
                    self.compiled_calls[call] = compile(call, "<call>", "eval", dont_inherit=True)
                except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
                    self.compiled_calls[call] = None

    def run_job(self, job):
        self._precompile_calls(job)
        items = job["items"]
        limits = job["limits"]
        results = [None] * len(items)
        unit_cpu = float(limits["unit_cpu"])
        unit_wall = unit_cpu * float(limits["wall_factor"])
        give_up = int(limits.get("give_up", 2))
        # Units of one request form a group (a multi-program job holds several): one program's
        # timeouts say nothing of the next program's units.
        groups = job.get("groups") or [0] * len(items)
        frame_cap = int(limits["output_bytes"]) + 4 * int(limits.get("trace_max_chars", 0)) + 65536
        index = 0
        while index < len(items):
            consecutive = 0
            for previous in range(index - 1, -1, -1):
                if (
                    groups[previous] != groups[index]
                    or results[previous] is None
                    or results[previous]["status"] != "timeout"
                ):
                    break
                consecutive += 1
            if consecutive >= give_up:
                group = groups[index]
                while index < len(items) and groups[index] == group:
                    results[index] = {"status": "timeout", "detail": "not run: %d consecutive timeouts" % give_up}
                    index += 1
                continue
            index = self.run_child(job, index, unit_cpu, unit_wall, frame_cap, results)
        return results

    def run_child(self, job, start, unit_cpu, unit_wall, frame_cap, results):
        """Fork one child for units start.. and collect their results; returns the next index."""
        self.jobs_run += 1
        workdir = os.path.join(self.base, "job-%d" % self.jobs_run)
        os.mkdir(workdir, 0o700)
        if self.config.get("drop_uid") is not None:
            os.chown(workdir, self.config["drop_uid"], self.config["drop_uid"])
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child_main(job, start, write_fd, workdir, self.config, self.compiled_calls)
            os._exit(0)
        os.close(write_fd)
        frames = _FrameReader(self, job, start, frame_cap, results)
        clock = _UnitClock(pid, unit_cpu, unit_wall)
        failure = None
        status = None
        try:
            while frames.index < len(job["items"]):
                failure = clock.overrun()
                if failure is not None:
                    break
                ready_fds, _, _ = select.select([read_fd], [], [], clock.wait_budget())
                if not ready_fds:
                    clock.note_idle()
                    continue
                chunk = os.read(read_fd, 1 << 16)
                if not chunk:
                    status = self._reap(pid)
                    failure = self._death_reason(status)
                    break
                failure = frames.feed(chunk, clock)
                if failure is not None:
                    break
        finally:
            os.close(read_fd)
            self._kill_tree(pid)
            if status is None:
                status = self._reap(pid)
            self.cleanup_all()
            self._remove(workdir)
            for directory in self.sweep_dirs:
                for entry in os.listdir(directory):
                    path = os.path.join(directory, entry)
                    if path != self.base:
                        self._remove(path)
        index = frames.index
        if failure is not None and failure[0] != "restart" and index < len(job["items"]):
            results[index] = {"status": failure[0], "detail": failure[1]}
            index += 1
        return index

    def _parse(self, body):
        try:
            message = json.loads(body)
        except ValueError:
            return None
        return message if type(message) is dict else None

    def _validate(self, message, index, kind):
        if message.get("i") != index:
            return None
        status = message.get("status")
        allowed = {"ok", "error", "resource"} if kind != "script" else {"pass", "error", "resource"}
        if status not in allowed:
            return None
        result = {"status": status, "detail": str(message.get("detail", ""))[: _DETAIL_CHARS + 10]}
        if status == "ok":
            if kind == "calls":
                if type(message.get("value")) is not str:
                    return None
                result["value"] = message["value"]
            elif kind == "coverage":
                value = message.get("coverage")
                if type(value) not in (int, float) or not 0.0 <= value <= 1.0:
                    return None
                result["coverage"] = float(value)
            elif kind == "trace":
                if type(message.get("trace")) is not dict:
                    return None
                result["trace"] = message["trace"]
        return result

    def _death_reason(self, status):
        if status is None:
            return ("crash", "child ended without a result")
        if os.WIFSIGNALED(status):
            sig = os.WTERMSIG(status)
            if sig == signal.SIGXCPU:
                return ("timeout", "CPU time limit reached (SIGXCPU)")
            try:
                name = signal.Signals(sig).name
            except ValueError:
                name = str(sig)
            return ("crash", "child ended by signal %s" % name)
        return ("crash", "child ended without a result (exit status %d)" % os.WEXITSTATUS(status))

    def _reap(self, pid):
        try:
            _, status = os.waitpid(pid, 0)
            return status
        except ChildProcessError:
            return None

    def _kill_tree(self, pid):
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass

    def cleanup_all(self):
        """Kill and reap every process left behind (daemons, setsid escapes, fork bombs)."""
        for _ in range(100):
            try:
                while True:
                    pid, _ = os.waitpid(-1, os.WNOHANG)
                    if pid == 0:
                        break
            except ChildProcessError:
                return
            if self.is_init:
                try:
                    os.kill(-1, signal.SIGKILL)
                except OSError:
                    pass
            else:
                for pid in self._descendants():
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
            time.sleep(0.001)

    def _descendants(self):
        parents = {}
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % name, "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                parents[int(name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
        me = os.getpid()
        found = set()
        frontier = [me]
        while frontier:
            current = frontier.pop()
            for pid, parent in parents.items():
                if parent == current and pid not in found:
                    found.add(pid)
                    frontier.append(pid)
        return found

    def _remove(self, path):
        """Remove what a child left, even dirs it made unreadable (chmod 0) to resist removal."""

        def make_accessible(_func, target, _exc):
            for item in (os.path.dirname(target), target):
                try:
                    os.chmod(item, 0o700)
                except OSError:
                    pass

        for _ in range(64):  # each pass opens up at least one more level of locked dirs
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, onerror=make_accessible)
            elif os.path.lexists(path):
                try:
                    os.unlink(path)
                except OSError:
                    pass
            if not os.path.lexists(path):
                return


def main():
    in_fd = 0
    config = read_frame(in_fd)
    Worker(config).serve()


if __name__ == "__main__":
    main()
