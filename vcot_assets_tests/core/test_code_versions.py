"""Logic digests on a small package of our own: what changes them, and what does not."""

import os
import textwrap
from pathlib import Path

import pytest

from vcot_assets.core.code_versions import ProjectSource, directory_digest

FILES = {
    "__init__.py": "",
    "settings.py": "class Settings:\n    window = 15\n    floor = 2.0\n",
    "core/__init__.py": '"""Pure logic."""\n',
    "core/rules.py": "from .numbers import double\n\n\ndef score(x):\n    return double(x) + 1\n",
    "core/numbers.py": "import json\n\n\ndef double(x):\n    return 2 * x\n",
    "core/other.py": "def triple(x):\n    return 3 * x\n",
    "sandbox/__init__.py": "",
    "sandbox/harness.py": "def run():\n    return 0\n",
    "defs/__init__.py": "",
    "defs/common.py": "from pkg.settings import Settings\n\nSETTINGS = Settings()\n",
    "defs/assets.py": textwrap.dedent(
        """\
        import dagster
        from pkg.core import other
        from pkg.core.rules import score
        from pkg.defs.common import SETTINGS as S

        LIMIT = 10


        def helper(x):
            return score(x) + LIMIT


        @dagster.asset(group_name="a")
        def first(context, second):
            return helper(second) * S.window


        @dagster.asset(group_name="b")
        def second(context):
            return other.triple(1)


        def third(context):
            return consume(S)


        def consume(settings):
            return settings
        """
    ),
}


@pytest.fixture()
def package(tmp_path) -> Path:
    root = tmp_path / "pkg"
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def logic(package: Path, function: str):
    return ProjectSource(package).function_logic(
        "pkg.defs.assets", function, settings_object=("pkg.defs.common", "SETTINGS"), all_settings=("floor", "window")
    )


def edit(package: Path, name: str, old: str, new: str) -> None:
    path = package / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    stat = path.stat()  # a new mtime even on a coarse clock, so the parse cache reads it again
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_the_logic_covers_the_function_what_it_reaches_and_what_they_import(package):
    first = logic(package, "first")
    assert first.modules == (
        "pkg",
        "pkg.core",
        "pkg.core.numbers",
        "pkg.core.rules",
        "pkg.defs",
        "pkg.defs.common",
        "pkg.settings",
    )
    assert first.settings == ("window",)
    assert logic(package, "second").modules == ("pkg", "pkg.core", "pkg.core.other")
    assert logic(package, "third").settings == ("floor", "window"), "a settings object passed on counts whole"


def test_reformatting_comments_and_docstrings_change_nothing(package):
    before = logic(package, "first").digest
    edit(
        package,
        "core/numbers.py",
        "def double(x):\n    return 2 * x\n",
        'def double( x ):  # twice\n    """Twice."""\n    return 2*x\n',
    )
    edit(package, "defs/assets.py", "LIMIT = 10", "LIMIT = (\n    10\n)")
    edit(package, "core/__init__.py", "Pure logic.", "Only pure logic.")
    assert logic(package, "first").digest == before


def test_a_change_in_an_imported_module_changes_exactly_the_functions_that_reach_it(package):
    first, second = logic(package, "first").digest, logic(package, "second").digest
    edit(package, "core/numbers.py", "2 * x", "2 * x + 0")
    assert logic(package, "first").digest != first
    assert logic(package, "second").digest == second


def test_a_parameter_named_like_another_asset_does_not_reach_it_and_decorators_do_not_count(package):
    first = logic(package, "first").digest
    edit(package, "defs/assets.py", "return other.triple(1)", "return other.triple(2)")
    edit(package, "defs/assets.py", 'group_name="a"', 'group_name="renamed"')
    assert logic(package, "first").digest == first
    edit(package, "defs/assets.py", "LIMIT = 10", "LIMIT = 11")
    assert logic(package, "first").digest != first


def test_an_unknown_function_is_an_error(package):
    with pytest.raises(ValueError, match="defines no function 'fourth'"):
        logic(package, "fourth")


def test_subpackage_modules_list_files_nothing_imports(package):
    assert ProjectSource(package).subpackage_modules("pkg.sandbox") == ["pkg.sandbox", "pkg.sandbox.harness"]


def test_directory_digest_follows_the_code_of_a_package(package):
    before = directory_digest(package)
    edit(package, "sandbox/harness.py", "def run():", "def run():  # reformatted\n")
    assert directory_digest(package) == before
    edit(package, "sandbox/harness.py", "return 0", "return 1")
    assert directory_digest(package) != before
