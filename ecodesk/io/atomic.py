"""I/O layer: write a file — or a folder of files — so that a crash or a failure at any
moment leaves the old one or the new one, never a mix."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
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
    name = os.fsdecode(exc.filename) if isinstance(exc.filename, (str, bytes, os.PathLike)) else None
    if name is not None and tmp is not None and name.startswith(os.fspath(tmp) + os.sep):  # inside a new folder
        return OSError(exc.errno, exc.strerror or str(exc), os.path.join(os.fspath(dest), name[len(os.fspath(tmp)) + 1:]))
    hidden = name is not None and os.path.basename(name).startswith(".") and (
        tmp is None or name == os.fspath(tmp) or ".tmp" in os.path.basename(name))
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


def new_folder_mode(dest: Path) -> int:
    """The permissions a replacement of folder ``dest`` should get: those of the folder it
    replaces, else what a plain ``mkdir`` would give (mkdtemp's 0700 would hide it)."""
    try:
        return os.stat(dest).st_mode & 0o7777
    except OSError:
        return 0o777 & ~_umask()


@contextlib.contextmanager
def atomic_folder(dest: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a new empty temporary folder beside ``dest``; on success it takes the place of
    folder ``dest`` whole (swapped in by one atomic exchange where the system has one, else
    the old folder is renamed aside, the new one renamed in and the old one removed).

    Entries of the old folder that the new one does not have are carried over (never lost).
    On any exception the temporary folder is removed and ``dest`` is left as it was.
    """
    dest = Path(os.path.abspath(dest))  # "." and ".." have no name to put a new folder under
    if dest.is_symlink():  # replace the folder it points to, not the link
        dest = Path(os.path.realpath(dest))
    folder = dest.parent
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "the folder does not exist", str(folder))
    _put_back_aside(dest)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", suffix=".tmp", dir=folder))
    except OSError as exc:
        raise naming(exc, dest) from exc
    try:
        yield tmp
        if dest.is_dir():
            _carry_over(dest, tmp)
        for entry in os.scandir(tmp):
            if entry.is_file(follow_symlinks=False):
                fd = os.open(entry.path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        os.chmod(tmp, new_folder_mode(dest))
        fsync_dir(tmp)
        old = _swap_in(tmp, dest)
        fsync_dir(folder)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise naming(exc, dest, tmp) from exc
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    sweep_stale_folders(dest)


#: Hidden temporary folders of a folder export older than this are leftovers of a killed
#: export (one in progress is seconds old), removed by the next export to that folder.
STALE_FOLDER_SECONDS = 15 * 60


def sweep_stale_folders(dest: Path, older_than: float = STALE_FOLDER_SECONDS) -> list[Path]:
    """Remove ``.<name>.*.tmp`` / ``.<name>.*.old`` folders that killed exports of ``dest``
    left beside it, if older than ``older_than`` seconds; returns them. Never fails."""
    import re
    import time

    pattern = re.compile(rf"^\.{re.escape(dest.name)}\.[^/]+\.(tmp|old)$")
    removed: list[Path] = []
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(dest.parent if str(dest.parent) else "."):
            if not pattern.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                    shutil.rmtree(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _put_back_aside(dest: Path) -> None:
    """A swap without an atomic exchange killed between "old aside" and "new in" leaves no
    ``dest`` and the old folder whole as ``.<name>.*.old``: put it back before anything else."""
    if os.path.lexists(dest):
        return
    with contextlib.suppress(OSError):
        asides = [e.path for e in os.scandir(dest.parent)
                  if e.name.startswith(f".{dest.name}.") and e.name.endswith(".old") and e.is_dir(follow_symlinks=False)]
        if len(asides) == 1:
            os.rename(asides[0], dest)


def _carry_over(old: Path, new: Path) -> None:
    """Put into ``new`` what ``old`` holds and ``new`` does not (hard links where possible)."""
    for entry in os.scandir(old):
        target = new / entry.name
        if os.path.lexists(target):
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), target)
        elif entry.is_dir():
            shutil.copytree(entry.path, target, symlinks=True)
        else:
            try:
                os.link(entry.path, target)
            except OSError:
                shutil.copy2(entry.path, target)


def _exchange(a: Path, b: Path) -> bool:
    """Swap ``a`` and ``b`` in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where
    the system or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _swap_in(new: Path, dest: Path) -> Path | None:
    """Put folder ``new`` at ``dest``; returns where the old folder now is (to remove)."""
    if not dest.is_dir():
        os.rename(new, dest)
        return None
    if _exchange(new, dest):
        return new
    aside = dest.with_name(f".{dest.name}.{os.urandom(4).hex()}.old")
    os.rename(dest, aside)
    try:
        os.rename(new, dest)
    except BaseException:
        os.rename(aside, dest)
        raise
    return aside
