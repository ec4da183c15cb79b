"""I/O layer: write a file so that a crash at any moment leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (no-op where directories cannot be opened, e.g. Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    """The process umask (read from /proc where possible: setting it to read it is racy)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode(dest: Path) -> int:
    """The permissions a replacement of ``dest`` should get: those of the file it replaces,
    else what a plain ``open(dest, "w")`` would give (mkstemp's 0600 would hide an export
    from the colleagues it is meant for)."""
    try:
        return os.stat(dest).st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


@contextlib.contextmanager
def atomic_path(dest: str | os.PathLike[str], suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path beside ``dest``; on success it replaces ``dest`` atomically.

    On any exception the temporary file is removed and ``dest`` is left as it was.
    """
    dest = Path(dest)
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():  # name the missing folder, not the hidden temporary file mkstemp would report
        raise FileNotFoundError(errno.ENOENT, "the folder does not exist", str(folder))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=suffix, dir=folder)
    except OSError as exc:
        raise naming(exc, dest) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, new_file_mode(dest))
        os.replace(tmp, dest)
        fsync_dir(folder)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise naming(exc, dest, tmp) from exc
        raise


def naming(exc: OSError, dest: str | os.PathLike[str], tmp: str | os.PathLike[str] | None = None) -> OSError:
    """``exc`` as the user should read it: about ``dest``, never about a hidden temporary
    file (``'.r.html.migj7b84.tmp'``) nor about no file at all ("No space left on device")."""
    name = os.fspath(exc.filename) if isinstance(exc.filename, (str, bytes, os.PathLike)) else None
    hidden = name is not None and os.path.basename(os.fsdecode(name)).startswith(".") and (
        tmp is None or os.fsdecode(name) == os.fspath(tmp) or ".tmp" in os.path.basename(os.fsdecode(name)))
    if name is not None and not hidden:
        return exc
    renamed = OSError(exc.errno, exc.strerror or str(exc) or type(exc).__name__, os.fspath(dest))
    return renamed


@contextlib.contextmanager
def atomic_write(dest: str | os.PathLike[str], mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary file for writing that atomically becomes ``dest`` when closed."""
    with atomic_path(dest) as tmp:
        if "b" in mode:
            with open(tmp, mode) as fh:
                yield fh
        else:
            with open(tmp, mode, encoding=encoding, newline="") as fh:
                yield fh
