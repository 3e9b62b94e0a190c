"""Photo paper sizes a print sheet can be laid out on, in millimetres (width x height, portrait).

Sources: L and 2L are the Japanese photo-print sizes (L-ban 89 x 127 mm, 2L-ban 127 x 178 mm) that
convenience-store printers (Seven-Eleven, Lawson, FamilyMart multi-copiers) print; KG is the
102 x 152 mm (4 x 6 in) postcard-photo size; A4 is ISO 216.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

PAPERS: Final = MappingProxyType(
    {
        "L": (89.0, 127.0),
        "2L": (127.0, 178.0),
        "KG": (102.0, 152.0),
        "A4": (210.0, 297.0),
    }
)
"""Paper name -> (width mm, height mm)."""

DPIS: Final = (300, 350)
"""Print resolutions offered: 300 dpi is the passport minimum, 350 dpi what photo printers use."""


def paper_size(name: str) -> tuple[float, float]:
    """The size of paper `name`; ValueError naming the choices for an unknown one."""
    try:
        return PAPERS[name]
    except KeyError:
        raise ValueError(f"unknown paper {name!r}; choose one of: {', '.join(PAPERS)}") from None
