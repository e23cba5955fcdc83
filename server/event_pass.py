"""The pass a graduate shows at an event's door: a signed token naming their participant row.

The token is the participant id signed with the app's secret (itsdangerous), so a phone can
read whom it names without the secret (it works offline, and an offline scan is queued as an op
carrying the token) while only the server can make one: a forged or altered code fails
`participant_of` when the op or the request arrives. A salt keeps it from passing as any other
token the app signs.
"""

from __future__ import annotations

import uuid

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

SALT = "doorstep.event-pass.v1"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def pass_token(participant_id: uuid.UUID) -> str:
    """The token of one participant row (the same every time: a pass can be shown twice)."""
    return str(_serializer().dumps({"p": str(participant_id)}))


def participant_of(token: str) -> uuid.UUID | None:
    """The participant a genuine token names, or None for anything forged or garbled."""
    try:
        data = _serializer().loads(token)
        return uuid.UUID(str(data["p"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
