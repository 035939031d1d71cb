"""Bundled data (``ivigdesk.resource_files``): the knowledge base loads the same way from a
source checkout and from an installed wheel.

(The frozen build is checked by CI: dist/ivigdesk/ivigdesk --self-test.)
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ivigdesk.resource_files import resource

REPO = Path(__file__).resolve().parent.parent
LOAD = "from ivigdesk.knowledge.loader import load_knowledge_base as l; kb = l(); print(kb.version, kb.location)"


def only_from(path: Path) -> str:
    """Python code that makes ``ivigdesk`` importable from ``path`` alone (no editable-install finder)."""
    return (
        f"import sys; sys.path.insert(0, {str(path)!r}); "
        "sys.meta_path[:] = [f for f in sys.meta_path if '__editable__' not in getattr(f, '__module__', '')]; "
        f"{LOAD}"
    )


def test_a_resource_is_found_by_its_parts_under_resources():
    units = resource("units", "units.txt")
    assert units.is_file() and units.name == "units.txt"
    assert units.read_bytes() == (REPO / "resources" / "units" / "units.txt").read_bytes()
    assert resource("knowledge").is_dir() and resource("knowledge", "indications.yaml").is_file()
    assert not resource("knowledge", "no-such-file.yaml").is_file()


def test_loads_from_a_plain_source_checkout(tmp_path):
    # no install: only the checkout on sys.path (resources/ found beside the package)
    result = subprocess.run(
        [sys.executable, "-c", only_from(REPO)], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2026.11.2")
    assert str(REPO / "resources" / "knowledge") in result.stdout


@pytest.mark.slow
def test_loads_from_an_installed_wheel(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "wheel"),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "wheel").glob("ivigdesk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ivigdesk/resources/knowledge/indications.yaml" in names
    assert "ivigdesk/resources/units/units.txt" in names
    assert "ivigdesk/resources/products/products.yaml" in names
    # every package of the checkout is in the wheel (found, not listed: setup.py)
    for init in [*REPO.glob("ivigdesk/**/__init__.py"), *REPO.glob("resources/**/__init__.py")]:
        inside = init.relative_to(REPO).as_posix()
        inside = inside if inside.startswith("ivigdesk/") else f"ivigdesk/{inside}"
        assert inside in names, f"{inside} is missing from the wheel"
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    # only the unpacked wheel provides ivigdesk (dependencies come from the running environment)
    result = subprocess.run(
        [sys.executable, "-c", only_from(target)], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("2026.11.2")
    assert str(target) in result.stdout
