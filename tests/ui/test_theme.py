"""Text layout: wrapping and cutting stay near-linear, whatever the text."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pygame
import pytest

from chessboard.ui.theme import Theme

pytestmark = pytest.mark.ui


class CountingFont:
    """A font that counts how many times text is measured, and how many characters."""

    def __init__(self, font: pygame.font.Font) -> None:
        self.font = font
        self.calls = 0
        self.chars = 0

    def size(self, text: str) -> tuple[int, int]:
        self.calls += 1
        self.chars += len(text)
        return self.font.size(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.font, name)


@pytest.fixture
def theme() -> Iterator[Theme]:
    pygame.init()
    yield Theme((1280, 720))
    pygame.quit()


def counting(theme: Theme, size: float, *, bold: bool = False) -> CountingFont:
    font = theme.font(size, bold=bold)
    key = next(k for k, f in theme._fonts.items() if f is font)
    spy = CountingFont(font)
    theme._fonts[key] = spy  # type: ignore[assignment]
    return spy


@pytest.mark.parametrize("word", ["x" * 10_000, "Ж漢a.W" * 2_000])
def test_a_10000_character_word_wraps_in_few_measures(theme: Theme, word: str) -> None:
    spy = counting(theme, 15)
    lines = theme.wrap(word, 15, 300)
    assert "".join(lines) == word
    assert all(spy.font.size(line)[0] <= 300 for line in lines)
    # lines are filled: none but the last could take the next character
    assert all(spy.font.size(a + b[0])[0] > 300 for a, b in pairwise(lines))
    # breaking one character at a time measured each line ~ its length times (about 4 million
    # measures here); a binary search on a range the glyph advances bound takes a handful
    assert spy.calls <= 10 * len(lines) + 10
    assert spy.chars <= 12 * len(word)


def test_a_10000_character_text_is_cut_in_few_measures(theme: Theme) -> None:
    spy = counting(theme, 15, bold=True)
    text = "The save says: " + "y" * 10_000
    cut = theme.fit(text, 15, 400, bold=True)
    assert cut.endswith("…") and text.startswith(cut[:-1])
    assert spy.font.size(cut)[0] <= 400
    assert spy.font.size(text[:len(cut)] + "…")[0] > 400  # not one character more fits
    assert spy.calls <= 20
    assert theme.fit("short", 15, 400, bold=True) == "short"


def test_wrapping_keeps_words_whole_where_they_fit(theme: Theme) -> None:
    assert theme.wrap("hello world this is a test of wrapping", 15, 80) == \
        ["hello world", "this is a", "test of", "wrapping"]
    assert theme.wrap("one\ntwo", 15, 500) == ["one", "two"]
    assert theme.wrap("abc", 15, 1) == ["a", "b", "c"]  # never an empty or endless line
