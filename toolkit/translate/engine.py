"""The Argos Translate engine (optional: pip install -e '.[mt]').

Argos packages translate one pair each (nl→en, en→ar, …). A pair without a package is
reached through English when both halves are installed. Models are installed from a
.argosmodel file or, with a network, from the Argos package index. The engine runs the
packages with CTranslate2, SentencePiece and MiniSBD directly (argos_package.py), so the
`[mt]` extra needs neither argostranslate nor PyTorch.

Set ARGOS_PACKAGES_DIR before the first use to keep the models somewhere else; tests use
a temporary folder.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import KlaarError

PIVOT = "en"
INSTALL_HINT = "pip install -e '.[mt]'"


class EngineUnavailable(KlaarError):
    """The machine-translation engine cannot be used here."""


@dataclass(frozen=True)
class Model:
    from_code: str
    to_code: str
    version: str
    path: Path


def _runtime():
    """The argos_package module, once CTranslate2 and SentencePiece import."""
    try:
        import ctranslate2  # noqa: F401
        import sentencepiece  # noqa: F401
    except ImportError as exc:
        raise EngineUnavailable(
            f"machine translation needs the [mt] extra: {INSTALL_HINT} ({exc})") from None
    from . import argos_package

    return argos_package


class ArgosEngine:
    """Argos Translate packages, used in batches: one CTranslate2 call per language pair."""

    name = "argos"

    def __init__(self) -> None:
        self._packages = _runtime()
        self._translators: dict[Path, Any] = {}

    def _installed(self) -> dict[tuple[str, str], Any]:
        return {(p.from_code, p.to_code): p for p in self._packages.installed()}

    def models(self) -> dict[tuple[str, str], Model]:
        return {k: Model(p.from_code, p.to_code, p.version, p.path)
                for k, p in self._installed().items()}

    def route(self, source: str, target: str) -> list[tuple[str, str]] | None:
        """The hops from source to target: direct, or through English; None if neither."""
        have = self.models()
        if (source, target) in have:
            return [(source, target)]
        if (source, PIVOT) in have and (PIVOT, target) in have:
            return [(source, PIVOT), (PIVOT, target)]
        return None

    def missing(self, source: str, target: str) -> str:
        """What to install for source→target, as one line for the user."""
        have = self.models()
        need = [f"{a}→{b}" for a, b in ((source, PIVOT), (PIVOT, target))
                if (a, b) not in have and a != b]
        return (f"no machine-translation model installed for {source}→{target} (direct, or "
                f"through English: {' and '.join(need) or 'both halves'} missing); install "
                f"with `python build.py models install --from-index {target}` (needs "
                "internet) or `--file PATH.argosmodel`; if the Argos index has no model "
                f"for {target}, it needs a human translator")

    def model_version(self, source: str, target: str) -> str:
        m = self.models()[(source, target)]
        return f"{m.from_code}_{m.to_code}-{m.version}"

    def _package(self, source: str, target: str):
        found = self._installed().get((source, target))
        if found is None:
            raise EngineUnavailable(self.missing(source, target))
        return found

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate many texts in one batch: sentences are split with the package's own
        splitter, tokenised with its SentencePiece model and translated together."""
        if not texts:
            return []
        import ctranslate2

        pkg = self._package(source, target)
        model_dir = pkg.path / "model"
        if model_dir not in self._translators:
            try:
                self._translators[model_dir] = ctranslate2.Translator(
                    str(model_dir), device="cpu", inter_threads=1, intra_threads=0)
            except (RuntimeError, ValueError) as exc:
                raise EngineUnavailable(
                    f"{pkg.path}: the model cannot be loaded ({exc}); install the package "
                    "again with `python build.py models install --file PATH.argosmodel`"
                ) from None
        translator = self._translators[model_dir]
        owners: list[tuple[int, int]] = []  # (text index, paragraph index) per sentence
        tokens = []
        paragraphs = [t.split("\n") for t in texts]
        for i, paras in enumerate(paragraphs):
            for j, para in enumerate(paras):
                if not para.strip():
                    continue
                for sentence in pkg.split_sentences(para):
                    owners.append((i, j))
                    tokens.append(pkg.encode(sentence))
        prefix = [[pkg.target_prefix]] * len(tokens) if pkg.target_prefix else None
        results = translator.translate_batch(
            tokens, target_prefix=prefix, replace_unknowns=True, max_batch_size=32,
            beam_size=BEAM_SIZE, num_hypotheses=1, length_penalty=0.2)
        out: list[list[list[str]]] = [[[] for _ in paras] for paras in paragraphs]
        for (i, j), result in zip(owners, results):
            value = pkg.decode(result.hypotheses[0])
            if pkg.target_prefix and value.startswith(pkg.target_prefix):
                value = value[len(pkg.target_prefix):]
            out[i][j].append(value.strip())
        return ["\n".join(" ".join(s) for s in paras) for paras in out]


BEAM_SIZE = 4  # argostranslate's default


def install_file(path: Path) -> Model:
    """Install a downloaded .argosmodel file; an incomplete one is refused."""
    packages = _runtime()
    try:
        pkg = packages.install(path)
    except packages.PackageError as exc:
        raise EngineUnavailable(str(exc)) from None
    return Model(pkg.from_code, pkg.to_code, pkg.version, pkg.path)


NO_NETWORK = ("cannot reach the Argos package index ({error}). Without network: download "
              "the .argosmodel files for {pairs} on a computer with internet, copy them here "
              "and run `python build.py models install --file PATH.argosmodel` for each.")


def install_from_index(langs: list[str], source: str = "nl") -> list[Model]:
    """Download and install the models from `source` (or via English) to each language.
    Without network: one line saying what to do instead, no traceback."""
    packages = _runtime()
    pairs = sorted({(source, PIVOT)} | {(PIVOT, lang) for lang in langs if lang != PIVOT})
    wanted = ", ".join(f"{a}→{b}" for a, b in pairs)
    try:
        available = packages.index()
    except packages.IndexUnreachable as exc:
        raise EngineUnavailable(NO_NETWORK.format(error=exc, pairs=wanted)) from None
    installed = []
    with tempfile.TemporaryDirectory() as tmp:
        for a, b in pairs:
            entry = next((p for p in available if p.get("from_code") == a
                          and p.get("to_code") == b), None)
            if entry is None:
                continue
            try:
                installed.append(install_file(packages.download(entry, Path(tmp))))
            except packages.IndexUnreachable as exc:
                raise EngineUnavailable(NO_NETWORK.format(error=exc, pairs=wanted)) from None
    return installed


def engine_for(config):
    """The engine site.toml's [mt] section chooses: local Argos models (the default) or a
    shared LibreTranslate server."""
    if config.mt.engine == "libretranslate":
        from .libretranslate import LibreTranslateEngine

        return LibreTranslateEngine.from_config(config.mt)
    return ArgosEngine()
