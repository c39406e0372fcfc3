"""Argos Translate packages (.argosmodel), read and installed without argostranslate.

An Argos package is a zip archive with one folder holding `metadata.json` (from_code,
to_code, package_version, type), a CTranslate2 model in `model/`, a SentencePiece model
(`sentencepiece.model`) and optionally a MiniSBD sentence splitter (`minisbd/*.onnx`).
Translating needs only CTranslate2, SentencePiece and MiniSBD, not argostranslate with
its PyTorch, Stanza and spaCy (1.7 GB): this module is what the `[mt]` extra runs on.
Packages go to the folder argostranslate uses (ARGOS_PACKAGES_DIR, else
$XDG_DATA_HOME/argos-translate/packages), so both see the same models.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

INDEX = os.environ.get("ARGOS_PACKAGE_INDEX",
                       "https://raw.githubusercontent.com/argosopentech/argospm-index/main"
                       ).rstrip("/") + "/index.json"


class PackageError(ValueError):
    """A package file that cannot be installed or used, with the reason."""


def packages_dir() -> Path:
    """Where installed packages live (the same folder argostranslate uses)."""
    if os.environ.get("ARGOS_PACKAGES_DIR"):
        return Path(os.environ["ARGOS_PACKAGES_DIR"])
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "argos-translate" / "packages"


@dataclass(frozen=True)
class Package:
    """One installed translation package."""

    path: Path
    from_code: str
    to_code: str
    version: str
    target_prefix: str = ""

    @cached_property
    def tokenizer(self):
        import sentencepiece

        model = self.path / "sentencepiece.model"
        if not model.is_file():
            raise PackageError(f"{self.path}: no sentencepiece.model (BPE packages need "
                               "argostranslate: pip install -e '.[mt-full]')")
        return sentencepiece.SentencePieceProcessor(model_file=str(model))

    def encode(self, sentence: str) -> list[str]:
        return self.tokenizer.encode(sentence, out_type=str)

    def decode(self, tokens: list[str]) -> str:
        """Pieces back to text, as argostranslate does (its `_` is a space too)."""
        return self.tokenizer.decode_pieces(tokens).replace("▁", " ").replace("_", " ")

    @cached_property
    def _splitter(self):
        onnx = sorted((self.path / "minisbd").glob("*.onnx"))
        if not onnx:
            return None
        from minisbd import SBDetect

        return SBDetect(str(onnx[0]), use_gpu=False)

    def split_sentences(self, text: str) -> list[str]:
        """Sentences by the package's own MiniSBD model; without one (older packages
        ship a Stanza model instead), after sentence-final punctuation."""
        if self._splitter is not None:
            return [s for s in self._splitter.sentences(text) if s.strip()]
        return [s for s in _SENTENCE_END.split(text) if s.strip()]


_SENTENCE_END = re.compile(r"(?<=[.!?…。؟።])\s+")


def _read_metadata(folder: Path) -> dict:
    try:
        data = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackageError(f"{folder}: unreadable metadata.json ({exc})") from None
    if not isinstance(data, dict):
        raise PackageError(f"{folder}: metadata.json is not an object")
    return data


def installed() -> list[Package]:
    """Installed translation packages, sorted by folder name."""
    root = packages_dir()
    out = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if not (folder / "metadata.json").is_file():
            continue
        try:
            meta = _read_metadata(folder)
        except PackageError:
            continue
        if meta.get("type", "translate") != "translate":
            continue
        if not meta.get("from_code") or not meta.get("to_code"):
            continue
        out.append(Package(folder, meta["from_code"], meta["to_code"],
                           str(meta.get("package_version", "")),
                           meta.get("target_prefix", "") or ""))
    return out


REQUIRED = ("metadata.json", "model/model.bin", "model/config.json")


def check_archive(path: Path) -> tuple[str, dict]:
    """The package folder name and its metadata; PackageError when the file is not a
    complete Argos package (so a broken download is refused at install, not at use)."""
    if not path.is_file():
        raise PackageError(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise PackageError(f"{path}: not an .argosmodel file (it must be a zip archive)")
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            bad = zf.testzip()
            tops = {n.split("/", 1)[0] for n in names if "/" in n}
            if len(tops) != 1:
                raise PackageError(f"{path}: an Argos package holds exactly one folder "
                                   f"(found {len(tops)})")
            top = tops.pop()
            missing = [f for f in REQUIRED if f"{top}/{f}" not in names]
            if not any(f"{top}/{f}" in names for f in ("sentencepiece.model", "bpe.model")):
                missing.append("sentencepiece.model")
            if missing:
                raise PackageError(f"{path}: incomplete Argos package, missing "
                                   f"{', '.join(missing)}; download it again")
            if bad is not None:
                raise PackageError(f"{path}: damaged archive ({bad} fails its checksum); "
                                   "download it again")
            meta = json.loads(zf.read(f"{top}/metadata.json"))
    except (zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        raise PackageError(f"{path}: damaged archive ({exc}); download it again") from None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        raise PackageError(f"{path}: metadata.json lacks from_code and to_code")
    if any(name.startswith("/") or ".." in Path(name).parts for name in names):
        raise PackageError(f"{path}: unsafe paths in the archive")
    return top, meta


def install(path: Path) -> Package:
    """Check and unpack a package into packages_dir(); replaces an older copy."""
    top, meta = check_archive(path)
    root = packages_dir()
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=root))
    try:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(staging)
        dest = root / top
        if dest.exists():
            shutil.rmtree(dest)
        (staging / top).rename(dest)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Package(dest, meta["from_code"], meta["to_code"],
                   str(meta.get("package_version", "")), meta.get("target_prefix", "") or "")


class IndexUnreachable(PackageError):
    """The package index or a download could not be reached."""


def _fetch(url: str, timeout: float = 30) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return response.read()
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise IndexUnreachable(f"{type(exc).__name__}: {reason}") from None


def index() -> list[dict]:
    """The Argos package index (one request, no retries)."""
    try:
        data = json.loads(_fetch(INDEX))
    except ValueError as exc:
        if isinstance(exc, IndexUnreachable):
            raise
        raise IndexUnreachable(f"the index is not JSON ({exc})") from None
    if not isinstance(data, list):
        raise IndexUnreachable("the index is not a list of packages")
    return [p for p in data if isinstance(p, dict)]


def download(entry: dict, folder: Path) -> Path:
    """Download one package of the index into `folder` (first link that works)."""
    name = f"{entry.get('from_code')}_{entry.get('to_code')}.argosmodel"
    problem = "no download link"
    for link in entry.get("links", []):
        try:
            data = _fetch(link, timeout=600)
        except IndexUnreachable as exc:
            problem = str(exc)
            continue
        target = folder / name
        target.write_bytes(data)
        return target
    raise IndexUnreachable(problem)
