"""The upload page and HTTP API (`photocheck serve`); needs the `web` extra (FastAPI, uvicorn)."""

from __future__ import annotations

from photocheck.web.app import create_app

__all__ = ["create_app"]
