"""No message to a seat carries anything from another seat's hand, over a whole seeded game."""

from __future__ import annotations

import json
import random
import threading
from typing import Any

import pytest

from chessboard.net.server import Limits

from .conftest import Served, run

aiohttp = pytest.importorskip("aiohttp")


def test_no_message_to_a_seat_names_a_card_in_another_hand(serve) -> None:
    # a script plays far faster than people: no rate limit in the way
    served: Served = serve(seed=11, rounds=3, limits=Limits(rate=1000.0, burst=1000))
    session, t = served.session, served.session.engine._tables
    seats = [s.faction for s in session.seats]
    built: list[tuple[str, str, set[str]]] = []  # (seat, message, other hands' ids and names)
    lock = threading.Lock()

    def secrets_of_others(seat: str) -> set[str]:
        # read on the session's thread, at the moment the message is built
        f = t.faction_index[seat]
        mine = {t.card_ids[i] for i in session.state.hands[f]}
        out = set()
        for g in range(len(session.state.hands)):
            if g != f:
                for i in session.state.hands[g]:
                    if t.card_ids[i] not in mine:  # two copies of one card: ours may show
                        out |= {f'"{t.card_ids[i]}"', f"card:{t.card_ids[i]}", t.card_names[i]}
        return out

    bridge = served.devices.bridge
    publish, handle = bridge.publish, bridge.desk.handle
    assert publish is not None

    def spy_publish(pages: dict[str, dict[str, Any]]) -> None:
        with lock:
            for seat, page in pages.items():
                built.append((seat, json.dumps(page), secrets_of_others(seat)))
        publish(pages)

    def spy_handle(seat: str, message: dict[str, Any]) -> Any:
        answer = handle(seat, message)
        with lock:
            built.append((seat, json.dumps(answer.reply), secrets_of_others(seat)))
        return answer

    bridge.publish = spy_publish
    bridge.desk.handle = spy_handle  # type: ignore[method-assign]
    chooser = random.Random(5)
    received: dict[str, list[str]] = {}

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            devices = {seat: await served.device(http, seat) for seat in seats}
            pages = {seat: d.received[-1] for seat, d in devices.items()}
            for _turn in range(60):  # 3 rounds x 4 action rounds x 3 seats = 36 turns
                if session.state.over:
                    break
                seat = session.current
                device = devices[seat]
                page = pages[seat]
                while not page["your_turn"]:
                    page = await device.state()
                choice = chooser.choice([c for c in page["choices"] if c["enabled"]])
                await device.ask(type="targets", choice=choice["key"])
                action = chooser.choice(choice["targets"])["action"]
                await device.ask(type="preview", action=action)
                done = await device.ask(type="confirm", action=action)
                assert done["type"] == "done", done
                assert (await device.ask(type="end_turn"))["type"] == "done"
                for other, d in devices.items():
                    pages[other] = await d.state()
            for seat, d in devices.items():
                received[seat] = d.raw

    run(play(), 240)
    assert session.state.round >= 2 and len(built) > 100
    for seat, text, hidden in built:
        leaked = [secret for secret in hidden if secret in text]
        assert not leaked, f"a message to {seat} names {leaked}"
    # and every message the devices received is one of those checked above
    def canonical(message: dict[str, Any]) -> str:
        return json.dumps({k: v for k, v in message.items() if k != "id"}, sort_keys=True)

    for seat in seats:
        checked = {canonical(json.loads(text)) for s, text, _ in built if s == seat}
        assert received[seat]
        for raw in received[seat]:
            assert canonical(json.loads(raw)) in checked
