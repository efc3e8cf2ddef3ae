"""The resources every run gets: the vcot home, storage, teacher, sandbox, model under test, trainer."""

from dagster import Definitions

from vcot_assets.resources.home import HomeResource, resolve_home
from vcot_assets.resources.model_under_test import ModelUnderTest
from vcot_assets.resources.sandbox import SandboxResource
from vcot_assets.resources.storage import VcotIOManager
from vcot_assets.resources.teacher import TeacherResource
from vcot_assets.resources.trainer_launchers import RESOURCES as TRAINER_RESOURCES

HOME = resolve_home()

resources = Definitions(
    resources={
        "home": HomeResource(path=str(HOME)),
        "io_manager": VcotIOManager(home=str(HOME)),
        "teacher": TeacherResource(),
        "sandbox": SandboxResource(),
        "base_model": ModelUnderTest(),
        **TRAINER_RESOURCES,
    }
)
