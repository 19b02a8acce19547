"""Allow ``python -m selfcare``."""

from __future__ import annotations

import sys

from selfcare.cli import main

sys.exit(main())
