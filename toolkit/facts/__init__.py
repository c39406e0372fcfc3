"""The facts of a health message (doses, times, dates, phone numbers, addresses), typed.

`extract(text, lang)` lists the facts a text states: quantities with their unit
(2 tabletten, 500 mg, 38 °C), times of day, dates, phone numbers, web and e-mail
addresses, and bare numbers. `compare(source, target, lang)` says which facts of the Dutch
source the translation changed, lost or added.

Two texts state the same fact when kind, value and unit agree, however each language writes
it: 2,5 and 2.5 and ٢٫٥; 1.000 and 1,000 and 1 000; 12.00 and 12:00 and 12 p.m.; 0800-1351
and 0800 13 51; 2 tabletten and дві таблетки and قرصين. Units are compared by dimension
(500 mg = 0.5 g), so "2 tablets every 6 hours" against "6 tablets every 2 hours" differs in
two facts, which catches swaps. A unit the tables do not know is not an error by itself:
that number is compared by value only, and when two such numbers come in the opposite order
to the Dutch, where the Dutch gives them different units, that is reported as a swap.

Pure functions; the word tables (toolkit/data/facts) are read once.

Modules: tables (the word tables, toolkit/data/facts/*.tsv), extract (text → facts),
compare (facts of source and translation → differences).
"""

from .compare import Difference, compare, compatible
from .extract import DIGITS, Fact, extract, parse_number

__all__ = ["DIGITS", "Difference", "Fact", "compare", "compatible", "extract", "parse_number"]
