"""The lock files are compiled from the .in files and must not drift from them.

make install and make test install requirements.txt and requirements-test.txt with --require-hashes,
never the .in files, so a package added to (or re-pinned in) an .in file without `make lock` would
silently not be installed. These tests read the files as text and fail until the lock is recompiled.
"""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {"requirements.in": "requirements.txt", "requirements-test.in": "requirements-test.txt",
         "requirements-bench.in": "requirements-bench.txt"}
PINNED = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==(?P<version>[^\s;#\\]+)")


def normalised(name: str) -> str:
    """A package's name as PyPI compares it (PEP 503): Flask_Login and flask-login are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def direct_requirements(in_file: str) -> dict[str, tuple[str, str]]:
    """Name → (pinned version, the .in file naming it) of every requirement, following -r includes."""
    pins = {}
    for line in (ROOT / in_file).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-c "):
            continue
        if line.startswith("-r "):
            pins |= direct_requirements(line[3:].strip())
            continue
        match = PINNED.match(line)
        assert match, f"{in_file}: {line!r} is not pinned with == (name==version)"
        pins[normalised(match["name"])] = (match["version"], in_file)
    return pins


def locked(lock_file: str) -> dict[str, tuple[str, list[str], list[str]]]:
    """Name → (version, hashes, what it is there for) of every package in a compiled lock file."""
    packages = {}
    name = None
    for line in (ROOT / lock_file).read_text().splitlines():
        match = PINNED.match(line)
        if match:
            name = normalised(match["name"])
            packages[name] = (match["version"], [], [])
        elif name and line.strip().startswith("--hash="):
            packages[name][1].append(line.strip())
        elif name and line.startswith("    #"):
            packages[name][2].append(line.strip("# ").removeprefix("via").strip())
    return packages


@pytest.mark.parametrize("in_file, lock_file", LOCKS.items())
def test_every_direct_requirement_is_locked_at_its_pin(in_file, lock_file):
    lock = locked(lock_file)
    for name, (version, source) in direct_requirements(in_file).items():
        assert name in lock, f"{name} is in {source} but not in {lock_file}: run make lock"
        assert lock[name][0] == version, f"{name}=={version} in {source} but {lock[name][0]}: run make lock"
        assert f"-r {source}" in lock[name][2], f"{lock_file} was not compiled since {source} named {name}"


@pytest.mark.parametrize("lock_file", LOCKS.values())
def test_every_locked_package_has_hashes(lock_file):
    lock = locked(lock_file)
    assert lock, f"{lock_file} lists no package"
    assert [name for name, (_, hashes, _) in lock.items() if not hashes] == []


@pytest.mark.parametrize("in_file, lock_file", LOCKS.items())
def test_nothing_is_locked_for_a_requirement_that_was_removed(in_file, lock_file):
    direct = direct_requirements(in_file)
    claimed = [name for name, (_, _, via) in locked(lock_file).items() if any(v.startswith("-r ") for v in via)]
    assert [name for name in claimed if name not in direct] == [], f"{in_file} changed: run make lock"


@pytest.mark.parametrize("lock_file", ["requirements-test.txt", "requirements-bench.txt"])
def test_the_tests_and_the_load_test_get_the_versions_the_app_is_locked_to(lock_file):
    app, other = locked("requirements.txt"), locked(lock_file)
    assert {name: app[name][0] for name in app} == {name: other[name][0] for name in app if name in other}
