"""What keeps the page the planner's own: the loopback address only, a token on every request
that changes anything, paths that stay inside the served folder, and small request bodies.

The token is made when the server starts and written into each page it serves; another site
open in the same browser can send requests to 127.0.0.1 but cannot read the page, so it cannot
know the token. The Host header must name the loopback address, so that a site whose name is
made to resolve to 127.0.0.1 (DNS rebinding) is refused before it reads anything.
"""

from __future__ import annotations

import hmac
import secrets
from pathlib import Path, PurePosixPath

HOST = "127.0.0.1"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
TOKEN_HEADER = "X-Orgwork-Token"
TOKEN_FIELD = "token"
MAX_BODY = 64 * 1024  # bytes of a request's body: a move or a form is well under a kilobyte
MAX_NAME = 255  # characters of a file name given in a request


class Refused(Exception):
    """A request the page does not serve, with the status to answer and one line saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def new_token() -> str:
    return secrets.token_urlsafe(32)


def host_allowed(host: str | None) -> bool:
    """Whether a Host (or Origin's host) header names the loopback address, with any port."""
    if not host:
        return False
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    if host.startswith("[") and "]:" in host:
        name = host[: host.index("]:") + 1]
    return name.lower() in LOOPBACK_NAMES


def origin_allowed(origin: str | None) -> bool:
    """A request a page sends carries its Origin: it must be the page's own (absent is fine)."""
    if origin is None:
        return True
    scheme, _, rest = origin.partition("://")
    return scheme in ("http", "https") and host_allowed(rest.rstrip("/"))


def token_matches(expected: str, given: str | None) -> bool:
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def inside(folder: Path, name: str | None, suffixes: tuple[str, ...] = ()) -> Path:
    """The path `name` names inside `folder`, or `Refused`: an absolute path, '..', a hidden
    part, a link that leads out of the folder, or (with `suffixes`) another kind of file."""
    if not name or len(name) > MAX_NAME or "\0" in name or "\\" in name:
        raise Refused(400, "no file named; choose one from the list")
    relative = PurePosixPath(name)
    if relative.is_absolute() or any(part in ("..", "") or part.startswith(".") for part in relative.parts):
        raise Refused(403, f"{name}: is not a file of the served folder; only its files can be opened or written")
    path = folder / Path(*relative.parts)
    root = folder.resolve()
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        raise Refused(403, f"{name}: cannot be followed inside the served folder") from None
    if real != root and root not in real.parents:
        raise Refused(403, f"{name}: leads out of the served folder; only its files can be opened or written")
    if suffixes and path.suffix.lower() not in suffixes:
        raise Refused(400, f"{name}: is not one of {', '.join(suffixes)}")
    return path
