"""One set of exact pins for every path: pip (make), conda (environment.yml) and Binder."""

from __future__ import annotations

import importlib.metadata as md
import re
import tomllib

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from helpers import paths

ROOT = paths.project_root()
LOCK = ROOT / "requirements" / "lock.txt"


def lock_pins() -> dict[str, str]:
    pins = {}
    for number, line in enumerate(LOCK.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([A-Za-z0-9_.+\-!]+)", line)
        assert match, f"requirements/lock.txt line {number} is not an exact pin: {line!r}"
        pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def test_lock_satisfies_every_declared_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        declared += extra
    pins = lock_pins()
    for spec in declared:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is declared in pyproject.toml but not pinned in the lock"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"lock pins {req.name}=={pins[name]}, outside pyproject's {req.specifier}"
        )


def test_matplotlib_pin_shapes_arabic_itself():
    major, minor = (int(part) for part in lock_pins()["matplotlib"].split(".")[:2])
    assert (major, minor) >= (3, 11)


@pytest.mark.parametrize("env_file, lock_ref", [
    ("environment.yml", "-r requirements/lock.txt"),
    ("binder/environment.yml", "-r ../requirements/lock.txt"),
])
def test_conda_files_install_the_same_lock(env_file, lock_ref):
    env = yaml.safe_load((ROOT / env_file).read_text(encoding="utf-8"))
    conda_deps = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_lines = [d for d in env["dependencies"] if isinstance(d, dict)][0]["pip"]
    # Nothing but python, pip and make comes from conda, so no package version can differ
    # from the lock; pip installs the lock itself.
    assert sorted(conda_deps) == ["make", "pip", "python=3.11"]
    assert lock_ref in pip_lines
    assert (ROOT / env_file).parent.joinpath(lock_ref.split()[1]).resolve() == LOCK.resolve()


def test_binder_post_build_installs_the_package():
    assert "pip install --no-deps --no-build-isolation -e ." in (ROOT / "binder" / "postBuild").read_text()


def test_running_environment_matches_the_lock():
    mismatched = []
    for name, version in lock_pins().items():
        try:
            installed = md.version(name)
        except md.PackageNotFoundError:
            mismatched.append(f"{name}: not installed (lock {version})")
            continue
        if installed != version:
            mismatched.append(f"{name}: installed {installed}, lock {version}")
    assert not mismatched, "run `make install` (or recreate .venv): " + "; ".join(mismatched)
