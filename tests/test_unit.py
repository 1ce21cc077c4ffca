"""Run the C unit tests of lib/ (built with sanitizers by make test)."""
import os
import subprocess

import pytest

UNITS = os.environ.get("MOCEAN_UNITS", "").split()


@pytest.mark.parametrize("unit", UNITS, ids=[os.path.basename(u) for u in UNITS])
def test_unit(unit):
    r = subprocess.run([unit], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, MOCEAN_DATA="/nonexistent"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert " 0 failed" in r.stdout


def test_units_were_built():
    assert UNITS, "make test passes the unit test binaries in MOCEAN_UNITS"
