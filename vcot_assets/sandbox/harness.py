"""Sandbox worker: a warm parent that forks one isolated child per job. Standard library only.

Runs as `python -B -s -P -c <this source>` (the same source locally and inside the docker image),
talking to the orchestrator over stdin/stdout in frames (4-byte big-endian length + JSON).
`-I` is not used because it also ignores PYTHONHASHSEED; the orchestrator passes a scrubbed
environment instead, so `-s -P` plus that environment is what `-I` would give, with a fixed seed.

Trust boundary: this parent is trusted; everything a child sends back is data to validate.
A child that runs generated code never sees an expected value and never gives a verdict: it
evaluates calls and returns canonical value text. The one verdict a child gives is a check's
(job kind "check", see `run_pair`): it comes from a child holding only trusted check code, which
calls the solution running in a second child over a pipe.

Per job the parent forks a child that runs the job's units (one call, trace or coverage run
each) one after another, one result frame per unit; a job holds one program, so two programs
never share a process. The parent enforces each unit's CPU limit (the children's CPU clocks,
checked exactly when the budget could have run out) with a wall-clock backstop, kills the
children's whole process trees on timeout or crash, re-forks for the units left, and gives up
after N consecutive timeouts of one request. Units of a trace or coverage job re-read their
program, and a unit that leaves anything behind (see `_Guard`) gets the next unit a fresh
child. Every child loads a seccomp filter and gets no file descriptor but its own pipes. When
the parent owns its PID namespace (bubblewrap, a container), `kill(-1)` reaches every process
it must clean up.
"""

import ctypes
import errno
import fcntl
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
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_DUMPABLE = 4
_PR_SET_CHILD_SUBREAPER = 36
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_libc = ctypes.CDLL(None, use_errno=True)


# --- seccomp: what no child may ask the kernel for --------------------------------------------
#
# A classic BPF filter, loaded in every child before it runs any program (no_new_privs is set
# first). Refused with EPERM: reaching into other processes (ptrace, process_vm_*, kcmp,
# pidfd_getfd), namespaces and mounts (unshare, setns, mount family, chroot, pivot_root), kernel
# keyrings, bpf, perf events, userfaultfd, io_uring, handles to files outside the view, modules,
# kexec, reboot, swap and accounting. `clone` with a namespace flag is refused too, and `clone3`
# (its flags sit in memory a filter cannot read) answers ENOSYS, so the C library falls back to
# `clone`. A system call of another ABI (x32, or 32-bit calls on a 64-bit kernel) kills the child.

_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
# name: (x86_64 number, aarch64 number); None where the call does not exist.
_DENIED_SYSCALLS = {
    "ptrace": (101, 117), "process_vm_readv": (310, 270), "process_vm_writev": (311, 271), "kcmp": (312, 272),
    "pidfd_getfd": (438, 438), "unshare": (272, 97), "setns": (308, 268), "mount": (165, 40), "umount2": (166, 39),
    "open_tree": (428, 428), "move_mount": (429, 429), "fsopen": (430, 430), "fsconfig": (431, 431),
    "fsmount": (432, 432), "fspick": (433, 433), "mount_setattr": (442, 442), "chroot": (161, 51),
    "pivot_root": (155, 41), "add_key": (248, 217), "request_key": (249, 218), "keyctl": (250, 219),
    "bpf": (321, 280), "perf_event_open": (298, 241), "userfaultfd": (323, 282), "io_uring_setup": (425, 425),
    "io_uring_enter": (426, 426), "io_uring_register": (427, 427), "name_to_handle_at": (303, 264),
    "open_by_handle_at": (304, 265), "init_module": (175, 105), "finit_module": (313, 273),
    "delete_module": (176, 106), "kexec_load": (246, 104), "kexec_file_load": (320, 294), "reboot": (169, 142),
    "swapon": (167, 224), "swapoff": (168, 225), "acct": (163, 89), "quotactl": (179, 60), "syslog": (103, 116),
    "lookup_dcookie": (212, 18), "vhangup": (153, 58), "uselib": (134, None), "iopl": (172, None),
    "ioperm": (173, None),
}  # fmt: skip
_MACHINES = ("x86_64", "aarch64")
_CLONE = {"x86_64": 56, "aarch64": 220}
_CLONE3 = 435
_X32_BIT = 0x40000000
_NAMESPACE_FLAGS = 0x10000000 | 0x00020000 | 0x20000000 | 0x40000000 | 0x08000000 | 0x04000000 | 0x02000000
_RET_ALLOW, _RET_KILL_PROCESS, _RET_ERRNO = 0x7FFF0000, 0x80000000, 0x00050000


def seccomp_program(machine):
    """The filter as packed `struct sock_filter`s for this machine, or None where unsupported."""
    if machine not in _AUDIT_ARCH:
        return None
    load, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    column = _MACHINES.index(machine)
    denied = [numbers[column] for numbers in _DENIED_SYSCALLS.values() if numbers[column] is not None]
    # Layout: arch check, syscall number, [x32 check], one test per denied call, clone3, clone
    # (then its flags), and the four returns at the end; jumps count instructions to skip.
    body = [(load, 0, 0, 4), None, (load, 0, 0, 0)]
    if machine == "x86_64":
        body.append(None)
    tests_at = len(body)
    body.extend([None] * len(denied))
    body.extend([None, None, (load, 0, 0, 16), None])
    end = len(body)
    allow, eperm, enosys, kill = end, end + 1, end + 2, end + 3
    returns = [
        (ret, 0, 0, _RET_ALLOW),
        (ret, 0, 0, _RET_ERRNO | errno.EPERM),
        (ret, 0, 0, _RET_ERRNO | errno.ENOSYS),
        (ret, 0, 0, _RET_KILL_PROCESS),
    ]

    def jump(at, target):
        return target - at - 1

    body[1] = (jeq, 0, jump(1, kill), _AUDIT_ARCH[machine])
    if machine == "x86_64":
        body[3] = (jge, jump(3, kill), 0, _X32_BIT)
    for offset, number in enumerate(denied):
        at = tests_at + offset
        body[at] = (jeq, jump(at, eperm), 0, number)
    clone3_at = tests_at + len(denied)
    body[clone3_at] = (jeq, jump(clone3_at, enosys), 0, _CLONE3)
    body[clone3_at + 1] = (jeq, 0, jump(clone3_at + 1, allow), _CLONE[machine])
    body[clone3_at + 3] = (jset, jump(clone3_at + 3, eperm), jump(clone3_at + 3, allow), _NAMESPACE_FLAGS)
    return b"".join(struct.pack("HBBI", *instruction) for instruction in body + returns)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


class SeccompFilter:
    """A filter ready to load: built once in the worker, loaded by each child with one prctl."""

    def __init__(self, program):
        self.buffer = ctypes.create_string_buffer(program, len(program))
        self.fprog = _SockFprog(len(program) // 8, ctypes.addressof(self.buffer))

    def install(self):
        """Load it into this process (needs no_new_privs); raises OSError if refused."""
        if _libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(self.fprog), 0, 0) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "seccomp filter refused: " + os.strerror(err))


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
        try:
            if len(os.listdir("/proc/self/task")) > 1:
                return True
        except OSError:  # (EMFILE: the unit used up the descriptors, so it cannot be trusted either)
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

    def dirty(self, workdir, sweep_dirs, keep, base):
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
            for entry in os.listdir(directory):
                path = os.path.join(directory, entry)
                if path != base and path not in keep:
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


# --- checks: a trusted check program calling a solution that runs in another process ---------
#
# The check's child holds the trusted code (a benchmark's test) and no solution code; where the
# test calls the solution's entry point it calls a proxy that sends the arguments, as canonical
# text, to the solution's child and rebuilds the returned value (or exception) from the reply.
# The solution's child can answer with any value, which any honest solution could also return,
# and nothing else: it holds no pipe to the parent, and the seccomp filter and a non-dumpable
# check child keep it out of the check's memory and file descriptors.


class NotLiteral(Exception):
    pass


_LITERAL_CALLS = {"float", "set", "frozenset", "complex"}


def literal(text):
    """The value of canonical (or literal) text; never runs code. Raises NotLiteral."""
    import ast

    try:
        return _literal_node(ast.parse(text.strip(), mode="eval").body, ast)
    except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError) as err:
        raise NotLiteral(_type_name(err)) from None


def _literal_node(node, ast):
    kind = type(node)
    if kind is ast.Constant and node.value is not Ellipsis:
        return node.value
    if kind is ast.UnaryOp and type(node.op) in (ast.USub, ast.UAdd):
        operand = _literal_node(node.operand, ast)
        if type(operand) not in (int, float, complex):
            raise NotLiteral("sign")
        return -operand if type(node.op) is ast.USub else operand
    if kind is ast.BinOp and type(node.op) in (ast.Add, ast.Sub):
        left, right = _literal_node(node.left, ast), _literal_node(node.right, ast)
        if type(left) not in (int, float) or type(right) is not complex:
            raise NotLiteral("arithmetic")
        return left + right if type(node.op) is ast.Add else left - right
    if kind in (ast.List, ast.Tuple, ast.Set):
        items = [_literal_node(item, ast) for item in node.elts]
        return items if kind is ast.List else tuple(items) if kind is ast.Tuple else set(items)
    if kind is ast.Dict and None not in node.keys:
        return {_literal_node(k, ast): _literal_node(v, ast) for k, v in zip(node.keys, node.values)}
    if kind is ast.Call and type(node.func) is ast.Name and node.func.id in _LITERAL_CALLS and not node.keywords:
        args = [_literal_node(arg, ast) for arg in node.args]
        name = node.func.id
        if name == "float" and len(args) == 1 and type(args[0]) is str and args[0] in ("nan", "inf", "-inf"):
            return float(args[0])
        if name in ("set", "frozenset") and len(args) <= 1 and all(type(a) in (list, tuple, set) for a in args):
            return set(*args) if name == "set" else frozenset(*args)
        if name == "complex" and len(args) == 2 and all(type(a) in (int, float) for a in args):
            return complex(*args)
    raise NotLiteral(kind.__name__)


class _SolutionLost(BaseException):
    """The solution's child went away or sent something that is not a reply."""


class _SolutionExit(BaseException):
    """The solution raised SystemExit, KeyboardInterrupt or another non-Exception."""


def _solution_main(job, requests_fd, replies_fd, workdir, config):
    """The solution's child: load the solution, then answer calls of its entry point."""
    try:
        limits = job["limits"]
        requests_fd, replies_fd = _confine_child(limits, 1, config, workdir, [requests_fd, replies_fd])
        sys.stdout = sys.stderr = _CappedOutput(float("inf"))  # output is swallowed, as official checks do
        sys.stdin = _NoInput()
        random.seed(0)
        filename = os.path.join(workdir, "solution.py")
        namespace = _fresh_namespace(filename)
        try:
            exec(_compile_program(job["code"], filename), namespace)
        except BaseException as err:
            write_frame(replies_fd, {"loaded": False, "detail": _exception_detail(err)})
            os._exit(0)
        write_frame(replies_fd, {"loaded": True})
        limit = int(limits["output_bytes"])
        while True:
            try:
                request = read_frame(requests_fd)
            except EOFError:
                break
            write_frame(replies_fd, _answer_call(namespace, job["entry_point"], request, limit))
    except BaseException:
        pass
    os._exit(0)


def _answer_call(namespace, entry_point, request, limit):
    try:
        args, kwargs = literal(request["args"]), literal(request["kwargs"])
        value = namespace[entry_point](*args, **kwargs)
    except BaseException as err:
        return {"raised": _type_name(err), "detail": _exception_detail(err)}
    try:
        return {"value": canonical(value, limit)}
    except (TooLarge, Unserializable, RecursionError) as err:
        return {"raised": "TypeError", "detail": "the return value is not a plain value: %s" % err}


class _SolutionChannel:
    """The check's side: `call` stands in for the solution's entry point."""

    def __init__(self, requests_fd, replies_fd, limit):
        self.requests_fd, self.replies_fd, self.limit = requests_fd, replies_fd, limit
        self.lost = ""

    def receive(self):
        try:
            (size,) = _FRAME.unpack(_read_exact(self.replies_fd, _FRAME.size))
            if size > self.limit + 65536:
                raise ValueError("reply too large")
            reply = json.loads(_read_exact(self.replies_fd, size))
            if type(reply) is not dict:
                raise ValueError("reply is not an object")
            return reply
        except (EOFError, OSError, ValueError) as err:
            self.lost = self.lost or "the solution's process ended or sent no reply (%s)" % _type_name(err)
            raise _SolutionLost(self.lost) from None

    def call(self, *args, **kwargs):
        if self.lost:
            raise _SolutionLost(self.lost)
        try:
            request = {"args": canonical(args, self.limit), "kwargs": canonical(kwargs, self.limit)}
        except (TooLarge, Unserializable, RecursionError) as err:
            raise TypeError("the check passed a value that is not plain: %s" % err) from None
        try:
            write_frame(self.requests_fd, request)
        except OSError:
            self.lost = self.lost or "the solution's process ended"
            raise _SolutionLost(self.lost) from None
        reply = self.receive()
        if type(reply.get("value")) is str:
            try:
                return literal(reply["value"])
            except NotLiteral:
                pass
        elif type(reply.get("raised")) is str:
            raise _rebuilt_exception(reply["raised"], str(reply.get("detail", "")))
        self.lost = self.lost or "malformed reply from the solution's process"
        raise _SolutionLost(self.lost)


def _rebuilt_exception(name, detail):
    import builtins

    kind = builtins.__dict__.get(name)
    if type(kind) is type and issubclass(kind, Exception):
        return kind(detail)
    if type(kind) is type and issubclass(kind, BaseException):
        return _SolutionExit(detail)
    return Exception(detail)


def _check_main(job, result_fd, requests_fd, replies_fd, workdir, config):
    """The check's child: run the trusted check with the proxy bound to the entry point."""
    try:
        limits = job["limits"]
        result_fd, requests_fd, replies_fd = _confine_child(
            limits, 1, config, workdir, [result_fd, requests_fd, replies_fd]
        )
        _libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)  # after the uid change, which would reset it
        sys.stdout = sys.stderr = _CappedOutput(float("inf"))
        sys.stdin = _NoInput()
        random.seed(0)
        write_frame(result_fd, {"ready": True})
        channel = _SolutionChannel(requests_fd, replies_fd, int(limits["output_bytes"]))
        result = _run_check(job, channel, workdir)
        result["i"] = 0
        write_frame(result_fd, result)
    except BaseException as err:
        try:
            write_frame(result_fd, {"fatal": _exception_detail(err)})
        except BaseException:
            pass
    os._exit(0)


def _run_check(job, channel, workdir):
    try:
        loaded = channel.receive()
    except _SolutionLost as err:
        return {"status": "lost", "detail": str(err)}
    if loaded.get("loaded") is not True:
        return {"status": "fail", "detail": "the solution failed to load: %s" % str(loaded.get("detail", ""))}
    filename = os.path.join(workdir, "check.py")
    namespace = _fresh_namespace(filename)
    outcome = {"status": "pass"}
    try:
        exec(_compile_program(job["setup"], filename), namespace)
        namespace[job["entry_point"]] = channel.call
        exec(_compile_program(job["check"], filename), namespace)
    except BaseException as err:
        outcome = {"status": "fail", "detail": _exception_detail(err)}
    if channel.lost:  # even if the check swallowed it
        return {"status": "lost", "detail": channel.lost}
    return outcome


def _run_trace_unit(tracer, filename, call, limits):
    if tracer is None:
        return {"status": "error", "detail": "tracer module child_trace is not available"}
    limit = int(limits["output_bytes"])

    def canonical_or_blank(value):
        try:
            return canonical(value, limit)
        except (TooLarge, Unserializable, RecursionError):
            return ""

    result = tracer.run_trace(filename, call, limits, render_value=canonical_or_blank)
    if type(result) is not dict:
        return {"status": "error", "detail": "tracer returned no result"}
    return {"status": "ok", "trace": json.loads(json.dumps(result, default=str))}


def _apply_child_limits(limits, units_left, limit_processes):
    cpu_total = int(limits["unit_cpu"] * units_left + 2)
    plan = [
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_CPU, cpu_total),
        (resource.RLIMIT_FSIZE, int(limits["max_file_bytes"])),
        (resource.RLIMIT_AS, int(limits["memory_mb"]) << 20),
    ]
    if limit_processes:
        # RLIMIT_NPROC counts the processes of a uid (in a user namespace: of that namespace),
        # and root is exempt: it binds only where the child's uid is the worker's own.
        plan.append((resource.RLIMIT_NPROC, int(limits["max_processes"])))
    for which, value in plan:
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):  # not allowed to raise the hard limit: lower only the soft one
            hard = resource.getrlimit(which)[1]
            resource.setrlimit(which, (value if hard == resource.RLIM_INFINITY else min(value, hard), hard))


def _confine_child(limits, units, config, workdir, fds):
    """Limits, a dropped uid where the worker is root, no new privileges, the seccomp filter, a
    clean environment and no file descriptors but `fds`, which become 3, 4, ... in order."""
    os.setsid()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    drop_uid = config.get("drop_uid")
    _apply_child_limits(limits, units, config.get("limit_processes"))
    if drop_uid is not None:
        os.setgroups([])
        os.setresgid(drop_uid, drop_uid, drop_uid)
        os.setresuid(drop_uid, drop_uid, drop_uid)
    _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    if config.get("seccomp"):
        config["seccomp"].install()
    os.chdir(workdir)
    null = os.open(os.devnull, os.O_RDWR)
    # Moved out of the way first, so placing one cannot overwrite another still to be placed.
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 64) for fd in fds]
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    for target, fd in enumerate(high, start=3):
        os.dup2(fd, target)
    os.closerange(3 + len(fds), 1 << 16)
    resource.setrlimit(resource.RLIMIT_NOFILE, (int(limits["max_open_files"]),) * 2)
    os.environ.clear()
    os.environ.update(
        {"HOME": workdir, "TMPDIR": workdir, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"}
    )
    return list(range(3, 3 + len(fds)))


def _run_unit(kind, compiled, filename, item, index, limits, config, compiled_calls):
    if kind == "calls":
        return _run_call_unit(compiled, filename, item, int(limits["output_bytes"]), compiled_calls.get(item))
    if kind == "coverage":
        return _run_coverage_unit(compiled, filename, item, index)
    if kind == "trace":
        return _run_trace_unit(config.get("tracer_module"), filename, item, limits)
    return {"status": "error", "detail": "unknown job kind"}


def _child_main(job, start, result_fd, workdir, config, compiled_calls):
    """Runs in the forked child; never returns."""
    try:
        limits = job["limits"]
        (result_fd,) = _confine_child(limits, len(job["items"]) - start, config, workdir, [result_fd])
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
        # Only units after this one can be affected by what it leaves behind.
        guard = config.get("guard") if codes is not None and len(job["items"]) - start > 1 else None
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
                taint = guard.dirty(workdir, config.get("sweep_dirs", ()), config.get("keep", ()), config.get("base"))
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
    """The CPU and wall-clock budget of the unit the children are working on.

    Setup (compile, limits) gets one unit's budget; each unit gets its own after that. The CPU
    used is that of all the unit's children together (a check and its solution). Time the first
    child spent runnable but waiting for a CPU does not count against the wall-clock backstop,
    so a loaded machine does not turn slow tests into timeouts. It is sampled from the unit's
    first slow check on: fast units never pay for it.
    """

    def __init__(self, pids, unit_cpu, unit_wall):
        self.pids, self.unit_cpu, self.unit_wall = pids, unit_cpu, unit_wall
        self.cpu_left = self.wall_left = 0.0
        self.delay_start = None
        self.started = time.monotonic()
        self.cpu_start = self._cpu() or 0.0

    def _cpu(self):
        total = 0.0
        for pid in self.pids:
            used = _cpu_seconds(pid)
            if used is None:
                return None
            total += used
        return total

    def next_unit(self):
        self.started = time.monotonic()
        self.delay_start = None
        cpu_now = self._cpu()
        self.cpu_start = cpu_now if cpu_now is not None else self.cpu_start

    def overrun(self):
        """A ("timeout", detail) failure once the unit has used its budget, else None."""
        cpu = self._cpu()
        self.cpu_left = self.unit_cpu - ((cpu - self.cpu_start) if cpu is not None else 0.0)
        wall_used = time.monotonic() - self.started
        if self.delay_start is not None:
            delay = _run_delay(self.pids[0])
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
            self.delay_start = _run_delay(self.pids[0])


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


# What "full" isolation means for each way a worker can be started; a worker that lacks any part
# of its definition says "reduced: <what is missing>". Every definition also has the per-child
# measures: a seccomp filter, no_new_privs, limits, a clean environment, no inherited descriptors.
FULL_ISOLATION = {
    # local backend: bubblewrap (see api._LocalBackend)
    "bwrap": "own PID, mount, network, IPC and UTS namespaces, and a user namespace of its own (as root instead: "
    "each child at a host uid of the worker's own); no capabilities in children; read-only view of the "
    "interpreter and the harness's imports only, private /tmp; loopback network only",
    # docker backend: one long-lived hardened container per worker
    "container": "own PID, mount, network, IPC and UTS namespaces; not root; no capabilities; read-only root "
    "filesystem; loopback network only",
    # local backend inside a Kubernetes pod that refuses namespaces: the pod is the boundary
    "pod": "a pod declared the boundary (VCOT_SANDBOX_BOUNDARY=pod) with no service-account token; not root; no "
    "capabilities; read-only root filesystem",
}
_OWN_NAMESPACES = {
    "bwrap": ("user", "pid", "mnt", "net", "ipc", "uts"),
    "container": ("pid", "mnt", "net", "ipc", "uts"),
}
_OWN_NAMESPACES["pod"] = ()
_PRIVATE_DIRS = {"bwrap": ("/tmp", "/dev/shm"), "container": ("/tmp", "/var/tmp", "/dev/shm"), "pod": ("/dev/shm",)}


# CAP_CHOWN 0, CAP_DAC_OVERRIDE 1, CAP_FOWNER 3, CAP_KILL 5, CAP_SETGID 6, CAP_SETUID 7: what a
# root bubblewrap worker keeps (api.ROOT_WORKER_CAPABILITIES).
_ROOT_WORKER_CAPABILITIES = (1 << 0) | (1 << 1) | (1 << 3) | (1 << 5) | (1 << 6) | (1 << 7)


def _capabilities():
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("CapEff:"):
                return int(line.split()[1], 16)
    return 0


def _writable_by(path, uid):
    """Whether a child can write in `path`: this process's uid, or `uid` when children drop to it."""
    if uid is None:
        return os.access(path, os.W_OK)
    info = os.stat(path)
    return bool(info.st_mode & 0o002) or (info.st_uid == uid and bool(info.st_mode & 0o200))


def _namespace(name):
    try:
        return os.readlink("/proc/self/ns/" + name)
    except OSError:
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
        self.owns_pid_namespace = self.is_init
        self.notes = []  # what is missing of full isolation
        self.problems = []  # what else does not work (the tracer, coverage): not about isolation
        self.base = None
        self.sweep_dirs = []
        self.keep = set()
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
        for path in reversed(config.get("import_paths") or []):
            sys.path.insert(0, path)
        mode = config.get("isolate", "plain")
        config["drop_uid"] = None
        program = seccomp_program(os.uname().machine)
        config["seccomp"] = SeccompFilter(program) if program else None
        if mode in ("plain", "bwrap") and os.geteuid() == 0:  # never run untrusted code as root
            config["drop_uid"] = int(config["uid"])
        # Where children run as a uid of the worker's own (or in its user namespace), a limit on
        # that uid's processes counts only theirs; in a container or a pod it would count others'.
        config["limit_processes"] = config["drop_uid"] is not None or mode == "bwrap"
        if mode in FULL_ISOLATION:
            self.notes.extend(self._isolation_gaps(mode))
            if mode in ("bwrap", "container") and not self.is_init:
                self.notes.append("not PID 1 of its own PID namespace")
        else:
            self.notes.append(config.get("note") or "no namespaces")
        # Children share a uid with each other: what they leave in the sandbox's own writable dirs
        # is removed after each job. Only dirs no one else uses: never the host's /tmp (plain
        # workers), nor the /tmp a pod shares with the orchestrator.
        private = [d for d in _PRIVATE_DIRS.get(mode, ()) if os.path.isdir(d)]
        self.sweep_dirs = [d for d in private if _writable_by(d, config["drop_uid"])]
        self.base = os.path.join("/tmp", "vcot-sandbox-%d-%s" % (os.getpid(), os.urandom(6).hex()))
        os.makedirs(self.base, 0o711, exist_ok=True)
        os.chmod(self.base, 0o711)
        heavy = config.get("profile") == "heavy"
        for name in _PRELOAD + (_PRELOAD_HEAVY if heavy else ()):
            try:
                __import__(name)
            except ImportError:
                pass
        if heavy and "coverage" not in sys.modules:
            self.problems.append("coverage not importable")
        config["tracer_module"] = self._load_tracer(config.get("tracer_source")) if heavy else None
        if heavy:
            self._warm_up(config["tracer_module"])
            sys.addaudithook(_audit)
            config["guard"] = _Guard()
        config["sweep_dirs"] = self.sweep_dirs
        config["keep"] = self.keep
        config["base"] = self.base
        random.seed(0)  # children inherit this state: same random numbers in every run
        gc.collect()
        gc.freeze()  # forked children then share these pages instead of copying them on gc
        # Taken here, once: a snapshot made in each child would copy-on-write hundreds of pages.
        config["pristine"] = _ChildState()

    def _isolation_gaps(self, mode):
        """What this worker lacks of its backend's definition of full isolation (FULL_ISOLATION)."""
        gaps = []
        config = self.config
        host = config.get("host_namespaces") or {}
        required = _OWN_NAMESPACES[mode]
        if mode == "bwrap" and config["drop_uid"] is not None:
            required = tuple(n for n in required if n != "user")  # root: children get a uid of their own
        shared = [name for name in required if not host.get(name) or _namespace(name) in (None, host[name])]
        if shared:
            gaps.append("namespaces shared with the orchestrator: " + ", ".join(shared))
        allowed = _ROOT_WORKER_CAPABILITIES if config["drop_uid"] is not None else 0
        if _capabilities() & ~allowed:
            gaps.append("capabilities held")
        if not os.statvfs("/").f_flag & os.ST_RDONLY:
            gaps.append("root filesystem writable")
        if mode != "pod" and not self._network_isolated():
            gaps.append("network reachable")
        if mode == "pod":
            if config.get("boundary") != "pod":
                gaps.append("no pod boundary declared")
            if any(os.path.exists(d + "/kubernetes.io/serviceaccount") for d in ("/var/run/secrets", "/run/secrets")):
                gaps.append("service-account token mounted")
        gaps.extend(self._child_gaps())
        return gaps

    def _child_gaps(self):
        """Confine a child as every job's child is confined, and see what it still has."""
        seccomp = self.config.get("seccomp")
        if seccomp is None:
            return ["no seccomp filter for " + os.uname().machine]
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            found = []
            try:
                os.close(read_fd)
                drop_uid = self.config.get("drop_uid")
                if drop_uid is not None:
                    os.setgroups([])
                    os.setresgid(drop_uid, drop_uid, drop_uid)
                    os.setresuid(drop_uid, drop_uid, drop_uid)
                _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
                seccomp.install()
                if _capabilities():
                    found.append("children hold capabilities")
                if os.geteuid() == 0:
                    found.append("children run as root")
                if _libc.unshare(0x10000000) == 0:
                    found.append("seccomp filter loaded but namespaces allowed")
            except BaseException as err:
                found.append("no seccomp filter (%s)" % _exception_detail(err))
            os.write(write_fd, json.dumps(found).encode())
            os._exit(0)
        os.close(write_fd)
        chunks = []
        while True:
            chunk = os.read(read_fd, 4096)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(read_fd)
        os.waitpid(pid, 0)
        try:
            return json.loads(b"".join(chunks) or b'["the confinement probe died"]')
        except ValueError:
            return ["the confinement probe died"]

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
        self.keep.add(directory)
        path = os.path.join(directory, "child_trace.py")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(source)
        try:
            spec = importlib.util.spec_from_file_location("child_trace", path)
            module = importlib.util.module_from_spec(spec)
            sys.modules["child_trace"] = module
            spec.loader.exec_module(module)
        except Exception as err:
            self.problems.append("tracer failed to load (%s)" % _exception_detail(err))
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
            self.problems.append("tracer warm-up failed (%s)" % _exception_detail(err))
        if "coverage" in sys.modules:
            compiled = _compile_program(open(path, encoding="utf-8").read(), path)
            for index, call in enumerate(("f('abca', 3)", "f(1, 2)")):
                result = _run_coverage_unit(compiled, path, call, index)
                if result.get("status") != "ok":
                    self.problems.append("coverage warm-up failed (%s)" % result.get("detail", ""))
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
            {
                "hello": True,
                "isolation": self.isolation(),
                "problems": self.problems,
                "python": sys.version.split()[0],
                "base": self.base,
            },
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
        frame_cap = int(limits["output_bytes"]) + 4 * int(limits.get("trace_max_chars", 0)) + 65536
        if job["kind"] == "check":
            self.run_pair(job, unit_cpu, unit_wall, frame_cap, results)
            return results
        # Units of one request form a group (a job may hold several): one request's timeouts say
        # nothing of the next request's units.
        groups = job.get("groups") or [0] * len(items)
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

    def _job_dir(self):
        """A fresh dir for one child; its name cannot be guessed by an earlier child."""
        self.jobs_run += 1
        workdir = os.path.join(self.base, "job-%d-%s" % (self.jobs_run, os.urandom(6).hex()))
        os.mkdir(workdir, 0o700)
        if self.config.get("drop_uid") is not None:
            os.chown(workdir, self.config["drop_uid"], self.config["drop_uid"])
        return workdir

    def run_child(self, job, start, unit_cpu, unit_wall, frame_cap, results):
        """Fork one child for units start.. and collect their results; returns the next index."""
        workdir = self._job_dir()
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child_main(job, start, write_fd, workdir, self.config, self.compiled_calls)
            os._exit(0)
        os.close(write_fd)
        frames = _FrameReader(self, job, start, frame_cap, results)
        try:
            failure, _ = self._collect(read_fd, frames, _UnitClock([pid], unit_cpu, unit_wall))
        finally:
            self._end_children(read_fd, [pid], [workdir])
        index = frames.index
        if failure is not None and failure[0] != "restart" and index < len(job["items"]):
            results[index] = {"status": failure[0], "detail": failure[1]}
            index += 1
        return index

    def run_pair(self, job, unit_cpu, unit_wall, frame_cap, results):
        """A check job: the solution in one child, the trusted check in another that holds no
        solution code and reports the verdict; the solution's child has no pipe to this parent."""
        solution_dir, check_dir = self._job_dir(), self._job_dir()
        requests_r, requests_w = os.pipe()
        replies_r, replies_w = os.pipe()
        result_r, result_w = os.pipe()
        solution = os.fork()
        if solution == 0:
            for fd in (requests_w, replies_r, result_r, result_w):
                os.close(fd)
            _solution_main(job, requests_r, replies_w, solution_dir, self.config)
        check = os.fork()
        if check == 0:
            for fd in (requests_r, replies_w, result_r):
                os.close(fd)
            _check_main(job, result_w, requests_w, replies_r, check_dir, self.config)
        for fd in (requests_r, requests_w, replies_r, replies_w, result_w):
            os.close(fd)
        frames = _FrameReader(self, job, 0, frame_cap, results)
        solution_status = None
        try:
            failure, _ = self._collect(result_r, frames, _UnitClock([check, solution], unit_cpu, unit_wall))
            if failure is None and results[0]["status"] == "lost":
                # The check saw the solution's pipe close: say how the solution ended.
                self._kill_tree(check)
                solution_status = self._reap(solution, wait=0.5)
                why = self._death_reason(solution_status)
                failure = (why[0], "%s (%s)" % (why[1], results[0]["detail"]))
        finally:
            self._end_children(result_r, [check, solution], [solution_dir, check_dir])
        if failure is not None:
            results[0] = {"status": failure[0], "detail": failure[1]}

    def _collect(self, read_fd, frames, clock):
        """Feed the child's frames to `frames` until its units are done, it fails or runs out of
        time; returns (failure or None, the first child's wait status if it was reaped)."""
        pid = clock.pids[0]
        while frames.index < len(frames.job["items"]):
            failure = clock.overrun()
            if failure is not None:
                return failure, None
            ready_fds, _, _ = select.select([read_fd], [], [], clock.wait_budget())
            if not ready_fds:
                clock.note_idle()
                continue
            chunk = os.read(read_fd, 1 << 16)
            if not chunk:
                status = self._reap(pid)
                return self._death_reason(status), status
            failure = frames.feed(chunk, clock)
            if failure is not None:
                return failure, None
        return None, None

    def _end_children(self, read_fd, pids, workdirs):
        """Kill and reap the children and everything they started; remove what they wrote."""
        os.close(read_fd)
        for pid in pids:
            self._kill_tree(pid)
        for pid in pids:
            self._reap(pid)
        self.cleanup_all()
        for workdir in workdirs:
            self._remove(workdir)
        # Children share a uid with each other (and, in a namespace or container, with this
        # process): nothing one leaves may reach the next, in the shared dirs or in the base.
        for directory in self.sweep_dirs + [self.base]:
            for entry in os.listdir(directory):
                path = os.path.join(directory, entry)
                if path != self.base and path not in self.keep:
                    self._remove(path)

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
        # "pass" comes only from a check's child, which holds no solution code (see run_pair).
        allowed = {"ok", "error", "resource"} if kind != "check" else {"pass", "fail", "lost", "resource"}
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

    def _reap(self, pid, wait=None):
        """The child's wait status; with `wait`, None if it has not ended within that many seconds."""
        deadline = None if wait is None else time.monotonic() + wait
        while True:
            try:
                done, status = os.waitpid(pid, 0 if deadline is None else os.WNOHANG)
            except ChildProcessError:
                return None
            if done:
                return status
            if time.monotonic() > deadline:
                return None
            time.sleep(0.005)

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
            if self.owns_pid_namespace:
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
