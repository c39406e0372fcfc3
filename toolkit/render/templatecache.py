"""Templates compiled once: the page templates' compiled code, shared by every language's
Jinja environment in a process and kept on disk for the next build and its workers.

Every page environment is made with the same settings (SiteRenderer._env); only the
gettext functions differ, and those are looked up when a page is rendered, not when a
template is compiled. So one compiled template serves every language. Jinja checks each
cached template against a hash of its source, and the folder's name holds the Jinja
version and the toolkit's code digest (its environment settings), so a changed template,
Jinja or toolkit never uses old code. Deleting the folder is always safe.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

from .cache import cache_dir, load, store

_MEMORY: dict[tuple[str, str], bytes] = {}  # (folder, bucket key) → bucket bytes


class PageTemplates(BytecodeCache):
    def __init__(self, root: Path):
        from ..memo import code_digest, enabled

        self.disk = enabled()
        self.folder = cache_dir(root, "templates") / f"{jinja2.__version__}-{code_digest()}"

    def load_bytecode(self, bucket: Bucket) -> None:
        data = _MEMORY.get((str(self.folder), bucket.key))
        if data is None and self.disk:
            data = load(self.folder / bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)  # ignored by Jinja when the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        _MEMORY[(str(self.folder), bucket.key)] = data
        if self.disk:
            try:
                store(self.folder / bucket.key, data)
            except OSError:
                pass  # only the next build's head start is lost
