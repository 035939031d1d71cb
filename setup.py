"""The wheel's packages, found rather than listed, so a new subpackage can never be left out.

Everything else about the build is in pyproject.toml. The code is every package under
ivigdesk/; the bundled data is every folder under resources/, installed as ivigdesk.resources
(pyproject.toml's package-dir mapping). A `[tool.setuptools.packages.find]` table cannot express
the second half: it would name the folders under resources/ as top-level packages.
"""

from setuptools import find_namespace_packages, find_packages, setup

CODE = find_packages(include=["ivigdesk", "ivigdesk.*"])
DATA = ["ivigdesk." + name for name in find_namespace_packages(include=["resources", "resources.*"])]
setup(packages=CODE + [name for name in DATA if "__pycache__" not in name])
