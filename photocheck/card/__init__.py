"""Card and certificate dates: until when is the My Number Card valid, what to do, and by when.

    from photocheck.card import parse_query, compute
    result = compute(parse_query({"birth": "1990-05-10", "issued": "2024-05-10"}))

Facts: shared/spec/card-validity.md; numbers and their dates: rules.toml.
"""

from photocheck.card.calculator import compute
from photocheck.card.query import CardInputError, CardQuery, parse_query
from photocheck.card.result import CardResult

__all__ = ["CardInputError", "CardQuery", "CardResult", "compute", "parse_query"]
