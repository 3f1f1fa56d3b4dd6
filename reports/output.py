"""Writing outputs safely: atomically, only as regular files, and never over the user's inputs.

What `write_atomic` refuses, each with one line naming the path and the way out:

- an empty path, or one without a suffix (`-o annex` for `-o annex.docx`);
- any of `inputs`, however reached: the same path, a hard link to it, a symbolic link to it;
- an existing target that is not a regular file: a device (/dev/null, /dev/full), a named pipe,
  a socket, a folder, or a symbolic link to one of those or to nothing. Replacing a device by a
  file, or blocking on a pipe no one reads, is never what `-o` meant;
- a read-only existing file (no write permission bit, or not writable by this user): its owner
  made it so on purpose.

A symbolic link to a regular file is written through: the file it points to gets the new
content, atomically in that file's folder, and the link stays a link. A file with other hard
links gets a new inode under this name only (atomic replacement cannot do otherwise); the other
names keep the old content. An existing file keeps its permission bits; a new one gets
0666 minus the umask, as any program's new file does.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from reports.safety import well_formed
from solver.errors import InputError

SUFFIX_EXAMPLES = ".docx, .xlsx, .csv, .md"
KINDS = {
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def _kind(mode: int) -> str:
    return KINDS.get(stat.S_IFMT(mode), "not a regular file")


def _is_input(path: Path, inputs: Iterable[Path]) -> bool:
    for source in inputs:
        try:
            if os.path.samefile(source, path):  # follows links: a hard or symbolic link to an input is the input
                return True
        except OSError:
            continue
    return False


def refusal(path: Path, inputs: Iterable[Path] = ()) -> str | None:
    """Why orgwork will not write `path`, in one line, or None when it may."""
    if str(path) in ("", "."):  # click turns `-o ""` into Path(".")
        return f"the output path is empty; the output needs a suffix such as {SUFFIX_EXAMPLES}"
    path = Path(path)
    if _is_input(path, inputs):
        return f"{path}: is the input file; choose another output path with -o"
    try:
        link = os.lstat(path)
    except FileNotFoundError:
        link = None
    except OSError as error:
        return f"{path}: cannot be examined ({error.strerror}); choose another output path with -o"
    if link is not None:
        if stat.S_ISLNK(link.st_mode):
            target = os.readlink(path)
            try:
                mode = os.stat(path).st_mode
            except OSError:
                return f"{path}: is a link to {target}, which does not exist; remove the link or choose another path"
            if stat.S_ISDIR(mode):
                return f"{path}: is a link to the folder {target}; give a file name with -o"
            if not stat.S_ISREG(mode):
                return f"{path}: is a link to {target}, {_kind(mode)}; orgwork writes only regular files; choose another path with -o"
        elif stat.S_ISDIR(link.st_mode):
            return f"{path}: is a folder; give a file name in it with -o, e.g. {path / 'annex.docx'}"
        elif not stat.S_ISREG(link.st_mode):
            return f"{path}: is {_kind(link.st_mode)}, not a file; orgwork writes only regular files; choose another path with -o"
        mode = os.stat(path).st_mode
        if not mode & 0o222 or not os.access(path, os.W_OK):
            return f"{path}: is read-only; choose another path or make it writable"
    if not path.suffix:
        return f"{path}: the output needs a suffix such as {SUFFIX_EXAMPLES}"
    folder = path.parent
    if not folder.is_dir():
        return f"{path}: folder {folder} does not exist; create it or choose another -o"
    return None


def write_atomic(path: Path, data: str | bytes, inputs: Iterable[Path] = ()) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename it.

    Refuses (InputError) what `refusal` names, so a mistyped `-o` never destroys the instance or
    a device. Text is written as UTF-8, after the format's file prefix (a BOM for .csv).
    """
    from reports.formats import file_prefix  # formats checks -o early through `refusal`

    problem = refusal(path, inputs)
    if problem:
        raise InputError(problem)
    path = Path(path)
    if isinstance(data, str):
        text, prefix = well_formed(data), file_prefix(path)
        payload = (text if text.startswith(prefix) else prefix + text).encode("utf-8")
    else:
        payload = data
    real = Path(os.path.realpath(path)) if path.is_symlink() else path  # through the link, keeping it
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()  # as an ordinary new file, not mkstemp's 0600
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot be written ({error.strerror}); check the folder's permissions") from None


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
