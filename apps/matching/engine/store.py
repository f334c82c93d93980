"""One index file that several processes map instead of each reading a copy.

The file holds a pickle of the index's state in which every large numpy array is
replaced by a reference, followed by those arrays' raw bytes (aligned). Loading maps
the file once, copy-on-write (``mmap.ACCESS_COPY``), with the arrays as plain views into
it: processes that load the same file share its pages through the page cache, and a
process that changes an array (an upsert retiring a row) gets a private copy of only the
pages it touched. Small arrays and Python objects stay in the pickle.

Layout: ``MAGIC`` · pickle length (8 bytes, little endian) · data offset (8 bytes) ·
pickle · zero padding · arrays, each starting at a multiple of ``ALIGN``.
"""

import io
import mmap
import os
import pickle
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"WWIDX\x00\x01\x00"
ALIGN = 64
MAPPED_MIN_BYTES = 1 << 16  # smaller arrays are cheaper to copy than to map


def _aligned(n: int) -> int:
    return -(-n // ALIGN) * ALIGN


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.arrays: list[tuple[int, np.ndarray]] = []  # (offset in the data, array)
        self.size = 0

    def persistent_id(self, obj: Any) -> Any:
        if type(obj) not in (np.ndarray, np.memmap) or obj.nbytes < MAPPED_MIN_BYTES:
            return None
        if obj.dtype.hasobject:
            return None
        array = np.ascontiguousarray(obj)
        offset = self.size
        self.arrays.append((offset, array))
        self.size = _aligned(offset + array.nbytes)
        return ("array", offset, array.dtype.str, array.shape)


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, mapped: mmap.mmap, data_offset: int) -> None:
        super().__init__(file)
        self.mapped = mapped
        self.data_offset = data_offset

    def persistent_load(self, pid: Any) -> Any:
        kind, offset, dtype, shape = pid
        if kind != "array":
            raise pickle.UnpicklingError(f"unknown reference {kind!r}")
        # a plain array over the one copy-on-write mapping of the file (a np.memmap per
        # array would cost a mapping each and slow down every slice)
        dt = np.dtype(dtype)
        count = int(np.prod(shape, dtype=np.int64))
        flat = np.frombuffer(self.mapped, dtype=dt, count=count, offset=self.data_offset + offset)
        return flat.reshape(shape)


def dump(state: Any, path: str | Path) -> None:
    """Write ``state`` to ``path`` (the caller renames it into place)."""
    buffer = io.BytesIO()
    pickler = _Pickler(buffer)
    pickler.dump(state)
    payload = buffer.getvalue()
    data_offset = _aligned(len(MAGIC) + 16 + len(payload))
    with open(path, "wb") as fh:
        fh.write(MAGIC)
        fh.write(len(payload).to_bytes(8, "little"))
        fh.write(data_offset.to_bytes(8, "little"))
        fh.write(payload)
        position = len(MAGIC) + 16 + len(payload)
        for offset, array in pickler.arrays:
            start = data_offset + offset
            fh.write(b"\x00" * (start - position))
            fh.write(array.data)
            position = start + array.nbytes
        fh.flush()
        os.fsync(fh.fileno())


def load(path: str | Path) -> Any:
    """The state written by :func:`dump`, its large arrays mapped from the file."""
    path = Path(path)
    with open(path, "rb") as fh:
        if fh.read(len(MAGIC)) != MAGIC:
            raise ValueError(f"{path} is not an index file of this format")
        length = int.from_bytes(fh.read(8), "little")
        data_offset = int.from_bytes(fh.read(8), "little")
        payload = fh.read(length)
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_COPY)
    return _Unpickler(io.BytesIO(payload), mapped, data_offset).load()
