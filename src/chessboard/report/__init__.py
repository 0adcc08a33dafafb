"""Debrief reports and handouts: self-contained HTML built from a game's history and the rules.

Depends on the engine and the rules only (``report -> engine``); never on pygame.
"""
