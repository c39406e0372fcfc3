"""Translation memory: (engine, model version, language pair, source text) → translation.

An unchanged segment is never sent to an engine twice, across runs and across projects
that share the file. Stored in SQLite at .klaar/translation-memory.sqlite3 in the project.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    engine TEXT NOT NULL, model TEXT NOT NULL, source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    PRIMARY KEY (engine, model, source_lang, target_lang, source)
)
"""


@dataclass(frozen=True)
class Key:
    engine: str
    model: str
    source_lang: str
    target_lang: str


class Memory:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.db.execute(SCHEMA)
        self.hits = 0
        self.misses = 0

    def get(self, key: Key, sources: list[str]) -> dict[str, str]:
        """Known translations of `sources` under `key`."""
        found: dict[str, str] = {}
        for source in dict.fromkeys(sources):
            row = self.db.execute(
                "SELECT target FROM memory WHERE engine=? AND model=? AND source_lang=? "
                "AND target_lang=? AND source=?",
                (key.engine, key.model, key.source_lang, key.target_lang, source)).fetchone()
            if row:
                found[source] = row[0]
        self.hits += len(found)
        self.misses += len(set(sources)) - len(found)
        return found

    def put(self, key: Key, pairs: dict[str, str]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO memory VALUES (?, ?, ?, ?, ?, ?)",
                [(key.engine, key.model, key.source_lang, key.target_lang, s, t)
                 for s, t in pairs.items()])

    def close(self) -> None:
        self.db.close()
