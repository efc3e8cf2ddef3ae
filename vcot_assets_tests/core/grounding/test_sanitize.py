from vcot_assets.core.grounding.sanitize import sanitize

RAW = (
    "\x1b[33m\x1b[2mSource path:... /home/user/work/program.py\x1b[0m\n"
    "Starting var:.. arr = [1, 3]\n"
    "Starting var:.. node = <program.Node object at 0x7f3a2b1c0d90>\n"
    "12:01:02.123456 call         1 def f(arr, node):\n"
    "12:01:02.123500 line         2     total = 0\n"
    "New var:....... total = 0\n"
    "New var:....... m = <module 're' from '/usr/lib/python3.11/re/__init__.py'>\n"
    "New var:....... s = 'meet at 0x1234 in /tmp/x'\n"
    "                line         3     return total\n"
    "                return       3     return total\n"
    "Return value:.. 0\n"
    "Elapsed time: 00:00:00.000123\n"
)


def test_removes_machine_details_and_keeps_every_transition():
    clean = sanitize(RAW)
    assert "\x1b" not in clean
    assert "12:01:02" not in clean and "Elapsed time" not in clean
    assert "0x7f3a2b1c0d90" not in clean and "<program.Node object>" in clean
    assert "/usr/lib" not in clean and "<module 're'>" in clean
    assert "/home/user" not in clean and "Source path" not in clean
    # program data is never rewritten, even when it looks like an address or a path
    assert "New var:....... s = 'meet at 0x1234 in /tmp/x'" in clean
    for kept in ("Starting var:.. arr = [1, 3]", "New var:....... total = 0", "Return value:.. 0"):
        assert kept in clean
    assert "call         1 def f(arr, node):" in clean.splitlines()
    assert "return       3     return total" in clean.splitlines()
    assert len(clean) < len(RAW)


def test_nesting_indentation_survives_the_blank_timestamp():
    raw = "    Starting var:.. v = 1\n                    call         2     def g(v):\n"
    assert sanitize(raw).splitlines() == ["    Starting var:.. v = 1", "    call         2     def g(v):"]


def test_empty_trace():
    assert sanitize("") == ""
