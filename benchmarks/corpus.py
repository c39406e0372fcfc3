#!/usr/bin/env python3
"""A synthetic Klaar project of N messages × L languages, for benchmarks.

    python benchmarks/corpus.py OUT --messages 500 --languages 8 [--seed 1] [--hugo HUGO_OUT]

Deterministic: the same seed gives the same bytes, and message i is the same whatever N
is (the corpus for N=50 is the first 50 messages of the one for N=500). Every message is
short, plain Dutch at A2 (sentences built from short common words) with 3 to 5 steps,
each with a pictogram from pictograms/, a body with a heading, a list, a phone number and
a link. L counts Dutch: L=8 is Dutch plus 7 target languages, so 500 × 8 gives 4,000
message pages.

Every segment (and every interface text) is translated in every language and marked
reviewed. The translations are pseudo-translations: each Dutch word is replaced by a
made-up word in the language's script (Latin with the language's letters, Cyrillic,
Arabic, Chinese characters), the same word always by the same made-up word. Digits,
phone numbers, web addresses, placeholders, Markdown marks and do-not-translate names are
copied unchanged, so every safety check passes and every page is published. The catalogs
are made by the toolkit's own `update-catalogs` command, then filled in.

`--hugo DIR` also writes the same texts as a Hugo site (one content folder per language,
minimal multilingual templates: a home page per language listing its messages and a page
per message), to compare build speed on the same texts.

The generator verifies its output with `check` (every message within its budget) and
fails if any message would not be published.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Target languages in the order they are added; L-1 of them are used. Mixed scripts and
# directions on purpose: Latin, Arabic (right to left), Cyrillic, Chinese.
TARGETS = ("en", "ar", "tr", "pl", "uk", "ro", "zh-Hans", "bg", "so", "fr", "de", "es")

LETTERS = {
    "en": "abcdefghijklmnoprstuvwy",
    "tr": "abcçdefgğhıijklmnoöprsştuüvyz",
    "pl": "aąbcćdeęfghijklłmnńoóprsśtuwyzźż",
    "ro": "aăâbcdefghiîjklmnoprsștțuvxz",
    "so": "abcdefghijklmnoqrstuwxy",
    "fr": "abcdefghijlmnopqrstuvéèàç",
    "de": "abcdefghiklmnoprstuvwzäöüß",
    "es": "abcdefghijlmnopqrstuvyzñáéí",
    "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
}
HANZI = ("的一是不了人我在有他这中大来上个到说们为子和你地出道也时年得就那要下以生会自着去"
         "过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方"
         "又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美"
         "点月")

# -- Dutch at A2: short main clauses of common words -------------------------------------

TOPICS = ("griep", "hitte", "kou", "hoest", "koorts", "hoofdpijn", "buikpijn", "slaap",
          "stress", "de zon", "je tanden", "je rug", "je ogen", "eten", "water", "bewegen",
          "roken", "alcohol", "je huid", "de winter", "de zomer", "een wond", "pijn",
          "je hart", "je baby", "je kind", "oudere mensen", "de griepprik", "zwanger zijn")

TITLES = ("Wat doe je bij {t}?", "Tips bij {t}", "Zo zorg je goed voor {t}",
          "Alles over {t}", "Let op bij {t}")

SUMMARIES = ("Hier lees je wat je zelf kunt doen. Het is niet moeilijk.",
             "Met een paar tips gaat het snel beter. Lees ze hier.",
             "Je kunt veel zelf doen. Wij helpen je op weg.",
             "Dit is goed om te weten. Lees de tips rustig door.")

# (pictogram id, step text); {n} is a small number, {h} an hour.
STEPS = (
    ("glass-of-water", "Drink elke dag {n} glazen water."),
    ("wash-hands", "Was je handen met water en zeep."),
    ("soap", "Gebruik zeep en warm water."),
    ("bed-rest", "Rust goed uit en slaap genoeg."),
    ("fruit", "Eet elke dag een stuk fruit."),
    ("exercise", "Beweeg elke dag {m} minuten."),
    ("pills", "Neem je pillen met een glas water."),
    ("thermometer", "Meet je koorts met een thermometer."),
    ("tissue", "Nies in een zakdoek en gooi hem weg."),
    ("elbow-cough", "Hoest in je elleboog."),
    ("no-smoking", "Rook niet in huis."),
    ("phone", "Bel de GGD op 088 123 4567."),
    ("pharmacy", "Vraag de apotheek om advies."),
    ("calendar", "Maak op tijd een afspraak."),
    ("shade", "Zoek een koele plek in de schaduw."),
    ("child", "Let goed op kleine kinderen."),
    ("elderly", "Ga langs bij oudere mensen in je buurt."),
    ("home", "Zet thuis elke dag een raam open."),
    ("ambulance", "Is het heel erg? Bel 112."),
    ("no-alcohol", "Drink geen alcohol."),
    ("towel", "Droog je handen met een schone doek."),
    ("clock", "Neem je pillen elke dag om {h}.00 uur."),
    ("food", "Eet gezond en op vaste tijden."),
    ("sun", "Blijf tussen 12.00 en 15.00 uur uit de zon."),
    ("doctor", "Ga naar de huisarts als het niet beter gaat."),
    ("stay-home", "Blijf thuis als je ziek bent."),
    ("mask", "Draag een mondkapje in de bus."),
    ("running-water", "Spoel je handen goed af."),
)

HEADINGS = ("Wanneer bel je de huisarts?", "Let op deze klachten", "Wat kun je nog meer doen?",
            "Goed om te weten")

ITEMS = ("Je hebt hoge koorts.", "Je bent heel moe.", "Je hebt veel pijn.",
         "Je kunt niet goed eten.", "Je hoest al {n} weken.", "Je hebt het koud.",
         "Je slaapt slecht.", "Je hebt hoofdpijn.", "Je voelt je niet goed.",
         "Je hebt buikpijn.", "Je bent snel boos.", "Je hebt dorst.")

CLOSING = ("Heb je vragen? Bel de GGD op 088 123 4567.",
           "Word je niet beter? Bel dan je huisarts.",
           "Het duurt vaak een paar dagen. Daarna gaat het weer goed.",
           "Twijfel je? Vraag het aan de apotheek.")


@dataclass(frozen=True)
class Text:
    """One message's Dutch texts, in the shape both generators write."""

    slug: str
    title: str
    summary: str
    steps: tuple[tuple[str, str], ...]  # (pictogram, text)
    heading: str
    items: tuple[str, ...]
    closing: str
    link: str  # paragraph with a Markdown link


def message(seed: int, i: int) -> Text:
    """Message number i (1-based), the same for every N."""
    rng = random.Random(f"{seed}:{i}")
    topic = rng.choice(TOPICS)

    def fill(s: str) -> str:
        return s.format(n=rng.randint(2, 8), m=rng.choice((10, 20, 30, 45)),
                        h=rng.randint(7, 21))

    steps = tuple((p, fill(t)) for p, t in rng.sample(STEPS, rng.randint(3, 5)))
    slug = f"bericht-{i:04d}"
    return Text(
        slug=slug,
        title=rng.choice(TITLES).format(t=topic),
        summary=rng.choice(SUMMARIES),
        steps=steps,
        heading=rng.choice(HEADINGS),
        items=tuple(fill(t) for t in rng.sample(ITEMS, 3)),
        closing=rng.choice(CLOSING),
        link=f"Meer lezen? Kijk op [onze website](https://gezond.example.nl/{slug}/).",
    )


def markdown_file(t: Text, day: int) -> str:
    steps = "".join(f"  - pictogram: {p}\n    text: {_yaml(s)}\n" for p, s in t.steps)
    items = "".join(f"- {x}\n" for x in t.items)
    return (f"---\ntitle: {_yaml(t.title)}\nsummary: {_yaml(t.summary)}\nlevel: A2\n"
            f"steps:\n{steps}"
            f"source:\n  name: GGD Voorbeeldregio\n  url: https://gezond.example.nl/\n"
            f"  date: 2026-0{1 + day % 9}-{10 + day % 18}\n"
            f"reviewed: 2026-10-{10 + day % 18}\n"
            f"contact:\n  name: GGD Voorbeeldregio\n  phone: 088 123 4567\n"
            f"  url: https://gezond.example.nl/\n---\n\n"
            f"## {t.heading}\n\n{items}\n{t.closing}\n\n{t.link}\n")


def _yaml(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


SITE_TOML = """\
# Benchmark corpus made by benchmarks/corpus.py (seed {seed}); not real advice.
title = "Gezond en veilig: informatie in gewone taal"
base_url = "https://gezond.example.nl/"
source_language = "nl"
languages = [{languages}]
level = "A2"
contact = "Vragen? Bel de GGD: 088 123 4567."

[publish]
missing_translation = "notice"

[glossary]
do_not_translate = ["GGD", "RIVM"]

[readability]
known_abbreviations = ["GGD"]
"""

# -- pseudo-translation ------------------------------------------------------------------

import re  # noqa: E402

KEEP = ("GGD", "RIVM")
# Copied unchanged: web and e-mail addresses, Markdown link targets, placeholders, words
# with digits, digit groups, do-not-translate names. Then the words that are replaced.
_TOKEN = re.compile(
    r"(?P<keep>https?://\S+?(?=[)\s]|$)|\]\([^)]*\)|%\(\w+\)[sd]|\{[\w.]+\}|\w*\d\w*|"
    + "|".join(rf"\b{k}\b" for k in KEEP) + r")|(?P<word>[^\W\d_]+)")


# A negation stays a negation, as in a real translation (the negation check refuses a
# translation that loses one): the Dutch words become a real negation of the language.
DUTCH_NEGATIONS = ("niet", "geen", "nooit", "niets", "niks", "niemand", "nergens", "noch")
NEGATION = {"en": "not", "ar": "لا", "pl": "nie", "uk": "не", "ro": "nu", "bg": "не",
            "zh": "不要"}


def pseudo_word(word: str, lang: str) -> str:
    """The made-up word that stands for `word` in `lang`: always the same one."""
    if word.lower() in DUTCH_NEGATIONS and lang.split("-")[0] in NEGATION:
        return NEGATION[lang.split("-")[0]]
    digest = hashlib.sha256(f"{lang}:{word.lower()}".encode()).digest()
    if lang.startswith("zh"):
        n = 1 + (len(word) > 3) + (len(word) > 7)
        return "".join(HANZI[b % len(HANZI)] for b in digest[:n])
    letters = LETTERS.get(lang, LETTERS["en"])
    out = "".join(letters[b % len(letters)] for b in digest[:max(2, len(word))])
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def pseudo(text: str, lang: str) -> str:
    """`text` with every Dutch word replaced; facts, links and marks kept as they are."""
    out = _TOKEN.sub(lambda m: m.group(0) if m.group("keep") else pseudo_word(m.group(0), lang),
                     text)
    if lang.startswith("zh"):  # no spaces between Chinese words
        out = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])", "", out)
    if lang == "ar":
        out = out.replace("?", "؟")
    return out


# -- writing ---------------------------------------------------------------------------


def languages(count: int) -> list[str]:
    if not 1 <= count <= len(TARGETS) + 1:
        raise SystemExit(f"--languages must be 1 to {len(TARGETS) + 1} (Dutch included)")
    return list(TARGETS[:count - 1])


def klaar(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The toolkit's CLI from this repository (not whatever `klaar` is installed)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("SOURCE_DATE_EPOCH", "1790000000")  # same catalog headers every time
    env.pop("KLAAR_CACHE", None)
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def write_klaar(out: Path, n: int, langs: list[str], seed: int, verify: bool = True) -> None:
    """The Klaar project: site.toml, content/, templates/, pictograms/, translations/."""
    import polib

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "site.toml").write_text(
        SITE_TOML.format(seed=seed, languages=", ".join(f'"{x}"' for x in langs)),
        encoding="utf-8")
    shutil.copytree(ROOT / "templates", out / "templates")
    shutil.copytree(ROOT / "pictograms", out / "pictograms")
    (out / "content").mkdir()
    (out / "translations").mkdir()
    for i in range(1, n + 1):
        t = message(seed, i)
        (out / "content" / f"{t.slug}.md").write_text(markdown_file(t, i), encoding="utf-8")
    if langs:
        done = klaar("update-catalogs", "-C", str(out))
        if done.returncode:
            raise SystemExit(f"update-catalogs failed:\n{done.stdout}{done.stderr}")
    for lang in langs:
        path = out / "translations" / f"{lang}.po"
        catalog = polib.pofile(str(path), wrapwidth=78)
        catalog.metadata["Last-Translator"] = "benchmarks/corpus.py (pseudo-translation)"
        for entry in catalog:
            if entry.obsolete:
                continue
            entry.msgstr = pseudo(entry.msgid, lang)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
        catalog.save(str(path))
    if verify:
        verify_klaar(out, n, langs)


def verify_klaar(out: Path, n: int, langs: list[str]) -> None:
    """Every message within budget, and every message published in every language."""
    done = klaar("check", "-C", str(out))
    if done.returncode:
        raise SystemExit(f"the corpus fails `check`:\n{done.stdout[-3000:]}{done.stderr}")
    done = klaar("status", "--json", "-C", str(out))
    if done.returncode:
        raise SystemExit(f"`status` failed:\n{done.stdout[-3000:]}{done.stderr}")
    for row in json.loads(done.stdout):
        if len(row["publishable"]) != n:
            raise SystemExit(f"only {len(row['publishable'])} of {n} messages are publishable "
                             f"in {row['lang']}: {row}")


def hugo_front(t: Text, lang: str | None, weight: int) -> str:
    tr = (lambda s: pseudo(s, lang)) if lang else (lambda s: s)
    steps = "".join(f"  - pictogram: {p}\n    text: {_yaml(tr(s))}\n" for p, s in t.steps)
    items = "".join(f"- {tr(x)}\n" for x in t.items)
    return (f"---\ntitle: {_yaml(tr(t.title))}\nsummary: {_yaml(tr(t.summary))}\n"
            f"weight: {weight}\nsteps:\n{steps}---\n\n"
            f"## {tr(t.heading)}\n\n{items}\n{tr(t.closing)}\n\n{tr(t.link)}\n")


HUGO_TOML = """\
baseURL = "https://gezond.example.nl/"
title = "Gezond en veilig"
defaultContentLanguage = "nl"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
[languages]
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ .Site.Language.Lang }}" dir="{{ .Site.Language.LanguageDirection | default "ltr" }}">
<head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="{{ "static/style.css" | relURL }}"></head>
<body>
<nav>{{ range .AllTranslations }}<a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body></html>
""",
    "home.html": """\
{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ .Summary }}</li>{{ end }}</ul>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
    "single.html": """\
{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.summary }}</p>
<ol>{{ range .Params.steps }}<li><img src="{{ printf "pictograms/%s.svg" .pictogram | absURL }}" alt=""> {{ .text | markdownify }}</li>{{ end }}</ol>
{{ .Content }}</article>
{{ end }}
""",
}


def write_hugo(out: Path, n: int, langs: list[str], seed: int) -> None:
    """The same texts as a Hugo site with minimal multilingual templates."""
    import tomllib

    if out.exists():
        shutil.rmtree(out)
    all_langs = ["nl", *langs]
    config = HUGO_TOML
    for w, lang in enumerate(all_langs, 1):
        from babel import Locale

        loc = Locale.parse(lang.replace("-", "_"))
        config += (f'[languages.{_toml_key(lang)}]\nweight = {w}\n'
                   f'contentDir = "content/{lang}"\nlanguageName = "{loc.get_display_name(loc)}"\n'
                   f'languageDirection = "{loc.text_direction}"\n')
    (out / "layouts").mkdir(parents=True)
    (out / "hugo.toml").write_text(config, encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (out / "layouts" / name).write_text(text, encoding="utf-8")
    static = out / "static"
    shutil.copytree(ROOT / "templates" / "static", static / "static")
    index = tomllib.loads((ROOT / "pictograms" / "pictograms.toml").read_text(encoding="utf-8"))
    (static / "pictograms").mkdir()
    for p in index["pictogram"]:
        shutil.copy(ROOT / "pictograms" / p["file"], static / "pictograms" / f"{p['id']}.svg")
    for lang in all_langs:
        folder = out / "content" / lang
        folder.mkdir(parents=True)
        for i in range(1, n + 1):
            t = message(seed, i)
            (folder / f"{t.slug}.md").write_text(
                hugo_front(t, None if lang == "nl" else lang, i), encoding="utf-8")


def _toml_key(lang: str) -> str:
    return f'"{lang.lower()}"' if "-" in lang else lang


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the Klaar project (replaced)")
    parser.add_argument("--messages", "-n", type=int, default=50)
    parser.add_argument("--languages", "-l", type=int, default=8,
                        help="languages including Dutch (default 8)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hugo", type=Path, help="also write the texts as a Hugo site here")
    parser.add_argument("--no-verify", action="store_true",
                        help="skip running `check` on the result")
    args = parser.parse_args(argv)
    langs = languages(args.languages)
    write_klaar(args.out, args.messages, langs, args.seed, verify=not args.no_verify)
    print(f"{args.out}: {args.messages} messages × {len(langs) + 1} languages")
    if args.hugo:
        write_hugo(args.hugo, args.messages, langs, args.seed)
        print(f"{args.hugo}: the same texts as a Hugo site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
