"""The Central Asian Chessboard."""
