"""Writing outputs safely: atomically, and never over a file the user gave as input."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from solver.errors import InputError


def write_atomic(path: Path, data: str | bytes, inputs: Iterable[Path] = ()) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it.

    Refuses to write over any of `inputs`, so a mistyped `-o` never destroys the instance.
    """
    path = Path(path)
    for source in inputs:
        if Path(source).exists() and path.exists() and os.path.samefile(source, path):
            raise InputError(f"{path}: is the input file; choose another output path with -o")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist; create it or choose another -o")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name with -o")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.chmod(temporary, 0o666 & ~_umask())  # as an ordinary new file, not mkstemp's 0600
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot be written ({error.strerror}); check the folder's permissions") from None


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
