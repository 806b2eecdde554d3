"""The one sentence splitter: where sentences of a note begin and end.

A sentence ends at ``.``, ``!`` or ``?`` followed by a space or the end of the text (so "3.5"
and "e.g.x" do not split), at a semicolon, or at a line break, except a line break inside a
sentence typed across two lines: one after a word or a comma whose next line goes on in lower
case ("described her as\nputting herself at risk"). The language rules, the language model and
the web app's challenge export all use it.
"""

from __future__ import annotations

import re

#: Every alternative starts with one of ``.!?;`` or a line break, so the regex engine skips
#: straight to those characters; a line break ends a sentence unless a word or comma comes just
#: before it (perhaps with one space or tab between) and its next line goes on in lower case.
#: (Written with the look-behinds before the line break, the same regex tried them at every
#: character, and ran 2.4 times slower; tests/test_language_text_forms.py checks the two agree.)
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|;|\n(?:(?<![\w,][ \t]\n)(?<![\w,]\n)|(?![ \t]*[a-z]))")


def sentence_starts(text: str) -> list[int]:
    """Offsets where each sentence of ``text`` begins (the first is 0)."""
    starts = [0]
    starts += [m.end() for m in SENTENCE_END.finditer(text)]
    return starts


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, in order."""
    starts = sentence_starts(text)
    ends = starts[1:]
    ends.append(len(text))
    return list(zip(starts, ends))  # noqa: B905 - the same length


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """Start and end offsets of the sentence of ``text`` that holds position ``pos``."""
    start, end = 0, len(text)
    for s in sentence_starts(text):
        if s <= pos:
            start = s
        else:
            end = s
            break
    return start, end


def sentence_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence holding ``text[start:end]``, stripped, and the offset where it begins."""
    left = sentence_span(text, start)[0]
    right = sentence_span(text, max(start, end - 1))[1]
    chunk = text[left:right]
    lead = len(chunk) - len(chunk.lstrip())
    return chunk.strip(), left + lead
