"""The Central Asian Chessboard."""

__version__ = "0.1.0"
