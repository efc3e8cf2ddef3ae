import pytest

from vcot_assets.sandbox import open_sandbox


@pytest.fixture(scope="session")
def sandbox():
    with open_sandbox("local", workers=2) as box:
        yield box


@pytest.fixture
def runner(sandbox):
    """What the scorers judge checks with: the sandbox itself."""
    return sandbox
