"""The board's hot keys that open other screens.

They live apart from the screens they open so the board can read them without importing those
screens (which would bring back the import circle between the board and its overlays).
"""

from __future__ import annotations

import pygame

PAUSE_KEY = pygame.K_p  # the instructor's pause screen, and back
HISTORY_KEY = pygame.K_h  # the game's history, and back
INSTRUCTOR_KEY = pygame.K_F2  # held: the instructor menu
LOG_KEY = pygame.K_l  # the whole log, and back
CONSOLE_KEY = pygame.K_BACKQUOTE  # the designer console, as in most games' consoles
