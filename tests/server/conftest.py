"""Fixtures for the server tests: the standard world as ids, and the headers of any caller."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from tests.server.callers import ROLE_USER, Ids, token_for, world_ids


@pytest.fixture
def world(app: Flask) -> Ids:
    with app.app_context():
        return world_ids()


@pytest.fixture
def as_user(app: Flask) -> Callable[..., dict[str, str]]:
    """Headers of a signed-in `username` (tokens made directly: login has its own tests)."""

    def headers(username: str, *, refresh: bool = False) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {token_for(app, username, refresh=refresh)}",
            "X-Device-Id": "test-device",
        }

    return headers


@pytest.fixture
def as_role(as_user: Callable[..., dict[str, str]]) -> Callable[..., dict[str, str]]:
    """Headers of the standard world's user for `role` (`anonymous`: no headers)."""

    def headers(role: str, *, refresh: bool = False) -> dict[str, str]:
        if role == "anonymous":
            return {}
        return as_user(ROLE_USER[role], refresh=refresh)

    return headers
