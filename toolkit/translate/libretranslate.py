"""A shared machine-translation server: LibreTranslate, over its HTTP API.

For organisations that outgrow one laptop: one LibreTranslate server (it runs the same
Argos models, scales out behind a load balancer and can serve many GGDs) instead of
models on every machine. Selected in site.toml:

    [mt]
    engine = "libretranslate"
    url = "http://mt.ggd.local:5000"
    api_key_env = "KLAAR_MT_KEY"   # optional: the variable holding the API key

Everything around the engine stays the same: texts are protected before they are sent,
the translation memory keeps the server from seeing a text twice, drafts are fuzzy and
checked. The API used: GET /languages (what the server offers) and POST /translate
with a list of texts (one request per batch).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from .engine import EngineUnavailable

BATCH = 64  # texts per request


class LibreTranslateEngine:
    """Drafts from a LibreTranslate server; it pivots through English itself."""

    name = "libretranslate"

    def __init__(self, url: str, api_key: str = "", timeout: float = 120.0) -> None:
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self._languages: dict[str, set[str]] | None = None

    @classmethod
    def from_config(cls, mt) -> LibreTranslateEngine:
        key = os.environ.get(mt.api_key_env, "") if mt.api_key_env else ""
        if mt.api_key_env and not key:
            raise EngineUnavailable(f"site.toml: mt.api_key_env names {mt.api_key_env}, but "
                                    "that environment variable is not set")
        return cls(mt.url, key, mt.timeout)

    def _request(self, path: str, payload: dict | None = None):
        data = None
        headers = {"Accept": "application/json"}
        if payload is not None:
            if self.api_key:
                payload = {**payload, "api_key": self.api_key}
            data = json.dumps(payload).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.url + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            try:
                detail = json.loads(exc.read().decode("utf-8")).get("error", "")
            except (ValueError, AttributeError, OSError):
                detail = ""
            advice = {403: "check the API key (site.toml [mt] api_key_env)",
                      429: "the server limits requests; try again later or raise its limit"}
            raise EngineUnavailable(
                f"LibreTranslate at {self.url} answered {exc.code}"
                + (f": {detail}" if detail else "")
                + (f" ({advice[exc.code]})" if exc.code in advice else "")) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise EngineUnavailable(
                f"cannot reach the LibreTranslate server at {self.url} ({reason}); is it "
                "running, and is site.toml [mt] url right?") from None
        except ValueError:
            raise EngineUnavailable(f"LibreTranslate at {self.url} did not answer with "
                                    "JSON; is the address a LibreTranslate server?") from None

    def languages(self) -> dict[str, set[str]]:
        """Source code → target codes the server offers."""
        if self._languages is None:
            found = self._request("/languages")
            if not isinstance(found, list):
                raise EngineUnavailable(f"LibreTranslate at {self.url}: unexpected /languages "
                                        "answer")
            self._languages = {str(lang.get("code")): set(lang.get("targets", []))
                               for lang in found if isinstance(lang, dict)}
        return self._languages

    def route(self, source: str, target: str) -> list[tuple[str, str]] | None:
        return [(source, target)] if target in self.languages().get(source, set()) else None

    def missing(self, source: str, target: str) -> str:
        offered = sorted(self.languages().get(source, set()))
        return (f"the LibreTranslate server at {self.url} has no model for {source}→{target} "
                f"(it offers {source}→{', '.join(offered) or 'nothing'}); its operator can "
                "install one, otherwise it needs a human translator")

    def model_version(self, source: str, target: str) -> str:
        """The server stands for its models (LibreTranslate does not report versions)."""
        return f"server {urlsplit(self.url).netloc}"

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        out: list[str] = []
        for start in range(0, len(texts), BATCH):
            batch = texts[start:start + BATCH]
            answer = self._request("/translate", {"q": batch, "source": source,
                                                  "target": target, "format": "text"})
            found = answer.get("translatedText") if isinstance(answer, dict) else None
            if isinstance(found, str) and len(batch) == 1:
                found = [found]
            if not isinstance(found, list) or len(found) != len(batch):
                raise EngineUnavailable(f"LibreTranslate at {self.url} returned "
                                        f"{len(found) if isinstance(found, list) else 'no'} "
                                        f"translations for {len(batch)} texts")
            out += [str(t) for t in found]
        return out
