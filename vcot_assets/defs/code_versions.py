"""Code versions that follow the code: what each asset's output depends on, as `part=value`.

Kept apart from `common.py`, which every asset's logic imports: this module is read only by
the decorators, so the machinery that builds versions is not itself part of any version.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from vcot_assets.core.code_versions import Logic, ProjectSource
from vcot_assets.core.prompts import template_version
from vcot_assets.defs.common import SETTINGS
from vcot_assets.llm.cache import teacher_fingerprint
from vcot_assets.resources.model_under_test import ModelUnderTest
from vcot_assets.resources.sandbox import default_backend
from vcot_assets.resources.trainer_launchers import TrainerResource
from vcot_assets.settings import PipelineSettings, limits_from_env, teacher_model

LIMITS = limits_from_env()
TEACHER = teacher_model()
PROJECT = ProjectSource()

# The code behind each resource an asset calls: what the asset runs without importing it. The
# sandbox's and the trainer's packages count whole (children run their harness by path).
RESOURCE_LOGIC = {
    "teacher": ("vcot_assets.resources.teacher",),
    "sandbox": ("vcot_assets.resources.sandbox", *PROJECT.subpackage_modules("vcot_assets.sandbox")),
    "base_model": ("vcot_assets.resources.model_under_test",),
    "trainer": ("vcot_assets.resources.trainer_launchers", *PROJECT.subpackage_modules("vcot_assets.training")),
}
# Resource settings that change what an asset makes (not where or how it runs).
MODEL_SETTINGS = ("model", "samples", "temperature", "max_new_tokens", "benchmarks", "livecodebench", "problem_limit")
TRAINING_SETTINGS = (
    "base_model",
    "learning_rate",
    "epochs",
    "batch_size",
    "micro_batch_size",
    "max_seq_len",
    "max_steps",
    "lora",
    "compile",
    "extra_args",
)


def asset_logic(module: str, function: str, resources: tuple[str, ...] = ()) -> Logic:
    """The source an asset runs: its function in `module`, what that reaches, the code behind
    its `resources`; and which pipeline settings it reads (`SETTINGS.<name>`)."""
    return PROJECT.function_logic(
        module,
        function,
        extra_modules=tuple(m for key in resources for m in RESOURCE_LOGIC[key]),
        settings_object=("vcot_assets.defs.common", "SETTINGS"),
        all_settings=tuple(f.name for f in dataclasses.fields(PipelineSettings)),
    )


def _setting_text(value: Any) -> str:
    return ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


def resource_parts(key: str) -> list[str]:
    """`name=value` parts for the settings of one resource that change an asset's output."""
    if key == "teacher":
        return [f"teacher={TEACHER}"] + [f"{k}={v}" for k, v in sorted(teacher_fingerprint(TEACHER).items())]
    if key == "sandbox":
        limits = [f"limit:{f.name}={getattr(LIMITS, f.name)}" for f in dataclasses.fields(LIMITS)]
        return [f"sandbox={default_backend()}", *limits]
    if key == "base_model":
        model = ModelUnderTest()
        return [f"model:{name}={_setting_text(getattr(model, name))}" for name in MODEL_SETTINGS]
    if key == "trainer":
        trainer = TrainerResource()
        values = {name: getattr(trainer, name) for name in TRAINING_SETTINGS}
        values["base_model"] = trainer.base_model or ModelUnderTest().model  # the asset's own fallback
        return [f"training:{name}={_setting_text(value)}" for name, value in values.items()]
    return []


def code_version(module: str, function: str, templates: tuple[str, ...] = (), resources: tuple[str, ...] = ()) -> str:
    """What the asset `module.function` makes depends on, as `part=value` pairs joined by `;`.

    `logic`: a digest of the normalised source it runs (see `core/code_versions.py`);
    `prompt:<template>`: each template's content hash; `setting:<name>`: each pipeline setting
    its code reads; then the settings of the `resources` it calls: the teacher (model, and the
    offline teacher's failure rates and source), the sandbox (backend, every limit), the model
    under test, the trainer. A change to any of them, and only those, makes the asset stale.
    """
    logic = asset_logic(module, function, resources)
    parts = [f"logic={logic.digest}"]
    parts += [f"prompt:{name}={template_version(name)}" for name in templates]
    parts += [f"setting:{name}={getattr(SETTINGS, name)}" for name in logic.settings]
    parts += [part for key in resources for part in resource_parts(key)]
    return ";".join(parts)
