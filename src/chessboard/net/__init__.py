"""Team devices: each seat's hand and choices on a phone or laptop over the local network.

The window stays the authority. :mod:`chessboard.net.desk` answers a device's questions and
acts through the window's :class:`~chessboard.ui.session.GameSession`; :mod:`.bridge` carries
requests from the server's thread to the thread that owns the session; :mod:`.server` is the
aiohttp server (an optional extra: ``pip install 'chessboard[devices]'``); :mod:`.tokens` keeps
the per-seat join tokens. Nothing here imports pygame.
"""
