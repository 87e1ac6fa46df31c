"""The scripts of ``benchmarks/``, loaded as modules for their tests (they are not a package)."""

from __future__ import annotations

import importlib.util
import sys
from typing import Any

from tests.conftest import REPO


def bench_script(name: str, module: str) -> Any:
    """``benchmarks/<name>.py`` as the module ``module`` (registered, so that its dataclasses
    and the scripts it imports find it)."""
    spec = importlib.util.spec_from_file_location(module, REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[module] = loaded
    spec.loader.exec_module(loaded)
    return loaded
