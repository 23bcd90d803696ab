"""Where the outside checkers live, and a clear skip when one is not installed.

They are npm packages pinned in package.json / package-lock.json and installed into
node_modules/ by `make test` (`npm ci --omit=optional --ignore-scripts`); the Nu
checker also needs Java, which .ci/run installs from Debian when run as root.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
#: axe-core rule tags the gates use: WCAG 2.2 levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
INSTALL = "run `make test` (it runs npm ci) or `npm ci --omit=optional --ignore-scripts`"


def need_vnu():
    if shutil.which("java") is None:
        pytest.skip("the Nu Html Checker needs Java: apt-get install default-jre-headless")
    if not VNU_JAR.is_file():
        pytest.skip(f"vnu-jar is not installed: {INSTALL}")
    return VNU_JAR


def need_axe():
    if not AXE_JS.is_file():
        pytest.skip(f"axe-core is not installed: {INSTALL}")
    return AXE_JS
