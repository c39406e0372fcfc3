"""The Argos Translate engine (optional: pip install -e '.[mt]').

Argos packages translate one pair each (nl→en, en→ar, …). A pair without a package is
reached through English when both halves are installed. Models are installed from a
.argosmodel file or, with a network, from the Argos package index.

Set ARGOS_PACKAGES_DIR before the first use to keep the models somewhere else; tests use
a temporary folder.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import KlaarError

PIVOT = "en"


class EngineUnavailable(KlaarError):
    """The machine-translation engine cannot be used here."""


@dataclass(frozen=True)
class Model:
    from_code: str
    to_code: str
    version: str
    path: Path


def _argos():
    try:
        import argostranslate.package
        import argostranslate.settings  # noqa: F401
    except ImportError as exc:
        raise EngineUnavailable(
            "machine translation needs Argos Translate: pip install -e '.[mt]' "
            f"(see README, 'Machine translation'); {exc}") from None
    return argostranslate


class ArgosEngine:
    """Argos Translate, used in batches: one CTranslate2 call per language pair."""

    name = "argos"

    def __init__(self) -> None:
        self._argos = _argos()
        self._translators: dict[Path, object] = {}

    def models(self) -> dict[tuple[str, str], Model]:
        pkgs = self._argos.package.get_installed_packages()
        return {(p.from_code, p.to_code): Model(p.from_code, p.to_code, p.package_version,
                                                 p.package_path)
                for p in pkgs if getattr(p, "type", "translate") == "translate"}

    def route(self, source: str, target: str) -> list[tuple[str, str]] | None:
        """The hops from source to target: direct, or through English; None if neither."""
        have = self.models()
        if (source, target) in have:
            return [(source, target)]
        if (source, PIVOT) in have and (PIVOT, target) in have:
            return [(source, PIVOT), (PIVOT, target)]
        return None

    def model_version(self, source: str, target: str) -> str:
        m = self.models()[(source, target)]
        return f"{m.from_code}_{m.to_code}-{m.version}"

    def _package(self, source: str, target: str):
        for pkg in self._argos.package.get_installed_packages():
            if pkg.from_code == source and pkg.to_code == target:
                return pkg
        raise EngineUnavailable(f"no Argos model for {source}→{target}")

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate many texts in one batch: sentences are split with the package's own
        splitter, tokenised with its SentencePiece model and translated together."""
        if not texts:
            return []
        import ctranslate2
        from argostranslate import settings
        from argostranslate.translate import PackageTranslation

        pkg = self._package(source, target)
        splitter = PackageTranslation(None, None, pkg).sentencizer
        model_dir = pkg.package_path / "model"
        if model_dir not in self._translators:
            self._translators[model_dir] = ctranslate2.Translator(
                str(model_dir), device="cpu", inter_threads=1,
                intra_threads=settings.intra_threads)
        translator = self._translators[model_dir]
        owners: list[tuple[int, int]] = []  # (text index, paragraph index) per sentence
        tokens = []
        paragraphs = [t.split("\n") for t in texts]
        for i, paras in enumerate(paragraphs):
            for j, para in enumerate(paras):
                if not para.strip():
                    continue
                for sentence in splitter.split_sentences(para):
                    owners.append((i, j))
                    tokens.append(pkg.tokenizer.encode(sentence))
        prefix = [[pkg.target_prefix]] * len(tokens) if pkg.target_prefix else None
        results = translator.translate_batch(
            tokens, target_prefix=prefix, replace_unknowns=True, max_batch_size=32,
            beam_size=settings.beam_size, num_hypotheses=1, length_penalty=0.2)
        out: list[list[list[str]]] = [[[] for _ in paras] for paras in paragraphs]
        for (i, j), result in zip(owners, results):
            value = pkg.tokenizer.decode(result.hypotheses[0])
            if pkg.target_prefix and value.startswith(pkg.target_prefix):
                value = value[len(pkg.target_prefix):]
            out[i][j].append(value.strip())
        return ["\n".join(" ".join(s) for s in paras) for paras in out]


def install_file(path: Path) -> Model:
    """Install a downloaded .argosmodel file; returns what was installed."""
    argos = _argos()
    if not path.is_file():
        raise EngineUnavailable(f"{path}: no such file")
    if not zipfile.is_zipfile(path):
        raise EngineUnavailable(f"{path}: not an .argosmodel file (it must be a zip archive)")
    before = set(ArgosEngine().models())
    argos.package.install_from_path(path)
    new = [m for k, m in ArgosEngine().models().items() if k not in before]
    if not new:
        raise EngineUnavailable(f"{path}: installed nothing new (already installed?)")
    return new[0]


NO_NETWORK = ("cannot reach the Argos package index ({error}). Without network: download "
              "the .argosmodel files for {pairs} on a computer with internet (from the Argos "
              "Translate package index), copy them here and run "
              "`python build.py models install --file PATH.argosmodel` for each.")


def install_from_index(langs: list[str], source: str = "nl") -> list[Model]:
    """Download and install the models from `source` (or via English) to each language."""
    argos = _argos()
    pairs = sorted({(source, PIVOT)} | {(PIVOT, lang) for lang in langs if lang != PIVOT}
                   | ({(source, PIVOT)} if PIVOT in langs else set()))
    wanted = ", ".join(f"{a}→{b}" for a, b in pairs)
    try:
        argos.package.update_package_index()
        available = argos.package.get_available_packages()
    except Exception as exc:  # noqa: BLE001 - any network failure gets the same advice
        raise EngineUnavailable(NO_NETWORK.format(error=type(exc).__name__, pairs=wanted)) \
            from None
    installed = []
    for a, b in pairs:
        pkg = next((p for p in available if p.from_code == a and p.to_code == b), None)
        if pkg is None:
            continue
        try:
            argos.package.install_from_path(pkg.download())
        except Exception as exc:  # noqa: BLE001
            raise EngineUnavailable(NO_NETWORK.format(error=type(exc).__name__, pairs=wanted)) \
                from None
        installed.append(Model(a, b, pkg.package_version, Path()))
    return installed
