"""Find follow-up promises ("let's do lunch", "I'll send the deck") in free-typed notes.

Notes are short, hurried and ungrammatical, so the detector is a small rule system over
English, not a model: it must run offline, instantly (thousands of notes a second) and
explain itself. It works in three steps:

1. Split the note into sentences and each sentence into words, expanding contractions
   ("she'll" -> "she will", "won't" -> "will not") so one rule covers every spelling.
2. Find *anchors*: the words that make a clause a promise ("will", "going to", "need to",
   "let us", "promised to", a to-do verb at the start of a fragment). The word before the
   anchor names who owes the step; the verb after it says what.
3. Reject what only looks like a promise: negations, questions, hypotheticals,
   pleasantries ("let's stay in touch"), states rather than actions ("she'll be in
   Berlin") and plans of others that owe the user nothing ("they'll launch in March").

Each step lives in a module of its own: `tokens` (1), `anchors` (2, a table of rules, each
promise naming the rule that found it for `extract --explain`), `negatives` (3), `names`
and `owner` (who owes it), `dates` and `past` (when), `fragments` (verbless plans such as
"coffee thurs?"), `describe` (what), `detector` (putting them together).

Dates are resolved by an own small resolver against the day the note was written, not by
`dateparser`: one compiled pattern over the note is what keeps `extract` at thousands of
notes a second. Vague times ("sometime", "after Christmas") give no due date.

The package is pure: no I/O, no clock, no network. `detect` never raises.
"""

from followthru.domain.commitments.detector import detect
from followthru.domain.commitments.model import Commitment

__all__ = ["Commitment", "detect"]
