"""Everything that touches the disk. Never imports textual.

Entry points: ``open_store``, ``create_store``, ``check_store``.
"""

from __future__ import annotations
