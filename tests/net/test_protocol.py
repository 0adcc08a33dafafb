"""The device protocol over a real WebSocket on 127.0.0.1: join, act, refusals, limits."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from chessboard.engine.actions import Action
from chessboard.engine.state import unroll
from chessboard.net.server import CLOSE_REVOKED, Limits

from .conftest import SEATS, Served, run

aiohttp = pytest.importorskip("aiohttp")


def first_target(page: dict, kind: str = "act") -> str:
    choice = next(c for c in page["choices"] if c["enabled"] and c["kind"] == kind)
    return choice["targets"][0]["action"]


def test_the_net_package_does_not_import_pygame() -> None:
    code = ("import sys, chessboard.net.host, chessboard.net.desk, chessboard.net.server; "
            "assert 'pygame' not in sys.modules, 'pygame imported'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_device_joins_acts_and_ends_its_turn(serve) -> None:
    served: Served = serve()
    session = served.session
    seat = session.current
    before = session.state

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            device = await served.device(http)
            reply = await device.ask(type="join", token=served.token(seat))
            assert reply["type"] == "state" and reply["seat"] == seat and reply["your_turn"]
            f = session.engine._tables.faction_index[seat]
            assert reply["ip"] == before.ip[f]
            action = first_target(reply)
            preview = await device.ask(type="preview", action=action)
            assert preview["type"] == "preview" and preview["cost"] > 0 and preview["changes"]
            done = await device.ask(type="confirm", action=action)
            assert done == {"type": "done", "what": "confirm", "log": done["log"], "id": 3}
            page = await device.state()
            assert page["acted"] and not page["your_turn"] and page["ip"] < reply["ip"]
            # the session moved at once, through the window's own session object
            assert session.last is not None and str(session.last.action) == action
            assert session.turn_done and session.state is not before
            assert (await device.ask(type="end_turn"))["type"] == "done"
            page = await device.state()
            assert not page["acted"] and session.current != seat and not session.turn_done

    run(play())


def test_the_targets_of_a_choice_come_with_the_engines_reasons(serve) -> None:
    served: Served = serve()
    session = served.session

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            devices = {s.faction: await served.device(http, s.faction) for s in SEATS}
            # the powers that may counter (the EU engages the states instead): pass to one
            while session.current not in ("russia", "china"):
                device = devices[session.current]
                assert (await device.ask(type="confirm", action="pass"))["type"] == "done"
                assert (await device.ask(type="end_turn"))["type"] == "done"
            device = devices[session.current]
            page = await device.state(turn=True)
            counter = next(c for c in page["choices"] if c["id"] == "counter")
            reply = await device.ask(type="targets", choice=counter["key"])
            legal = [t for t in reply["targets"] if t["legal"]]
            illegal = [t for t in reply["targets"] if not t["legal"]]
            assert {t["action"] for t in legal} == {t["action"] for t in counter["targets"]}
            assert illegal and all(t["why"] for t in illegal)
            engine, state = session.engine, session.state
            for target in illegal:
                assert target["why"] == engine.why_illegal(state, Action.parse(target["action"]))

    run(play())


def test_a_seat_cannot_act_for_another_or_out_of_turn(serve) -> None:
    served: Served = serve()
    session = served.session
    current = session.current
    other = next(s.faction for s in session.seats if s.faction != current)
    before = session.state

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            mine = await served.device(http, current)
            theirs = await served.device(http, other)
            action = first_target(mine.received[-1])
            refused = await theirs.ask(type="confirm", action=action)
            assert refused["type"] == "error" and "not your turn" in refused["message"]
            refused = await theirs.ask(type="preview", action=action)
            assert refused["type"] == "error"
            # a card the acting seat does not hold, and an action of another faction
            f = session.engine._tables.faction_index[other]
            held = next(i for i in session.state.hands[f] if i >= 0)
            card = session.engine._tables.card_ids[held]
            refused = await mine.ask(type="confirm", action=f"card:{card} kazakhstan")
            assert refused["type"] == "error" and "Not allowed" in refused["message"]
            refused = await mine.ask(type="undo")
            assert refused["type"] == "error"

    run(play())
    assert session.state is before and not session.turn_done


def test_bad_and_revoked_tokens_are_refused(serve) -> None:
    served: Served = serve()
    seat = served.session.current
    old = served.token(seat)

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            for token in ("x" * 22, "", None, 12, "a" * 3000, old[:-1] + "!"):
                device = await served.device(http)
                reply = await device.ask(type="join", token=token)
                assert reply["type"] == "error" and "not valid" in reply["message"]
                assert await device.receive() is None  # then closed, 4001: do not retry
                assert device.ws.close_code == CLOSE_REVOKED
            async with http.get(f"http://127.0.0.1:{served.devices.server.port}/s/{'x' * 22}") \
                    as response:
                assert response.status == 404
            device = await served.device(http, seat)
            # revoked from the window (a lost phone): the open device is told and closed
            new_link = served.devices.revoke(seat)
            told = await device.expect("revoked")
            assert "revoked" in told["message"]
            assert await device.receive() is None and device.ws.close_code == CLOSE_REVOKED
            again = await served.device(http, token=old)
            assert again.received[-1]["type"] == "error"
            assert new_link.endswith(served.token(seat)) and served.token(seat) != old
            fresh = await served.device(http, seat)
            assert fresh.received[-1]["your_turn"]

    run(play())
    assert seat in served.session.remote  # joined again with the new link


def test_malformed_and_hostile_messages_get_errors_not_crashes(serve) -> None:
    served: Served = serve(limits=Limits(message_bytes=1024, frame_bytes=8192))
    seat = served.session.current
    before = served.session.state

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            early = await served.device(http)
            assert (await early.ask(type="state"))["message"].startswith("join")
            device = await served.device(http, seat)
            bad = [
                "{not json", "[1, 2]", '"text"', "null", json.dumps({"type": 5}),
                json.dumps({"type": "rm -rf /"}), json.dumps({"type": "confirm"}),
                json.dumps({"type": "confirm", "action": 3}),
                json.dumps({"type": "confirm", "action": "act:place ../../etc/passwd"}),
                json.dumps({"type": "confirm", "action": "__import__('os')"}),
                json.dumps({"type": "preview", "action": "card:" + "x" * 500}),
                json.dumps({"type": "targets", "choice": {"a": 1}}),
                "[" * 900 + "]" * 900,
                json.dumps({"type": "confirm", "action": "pass", "pad": "x" * 2000}),  # too big
            ]
            for text in bad:
                await device.send_raw(text)
                reply = await device.expect("error")
                assert reply["message"]
            await device.ws.send_bytes(b"\x00\x01")
            assert "text" in (await device.expect("error"))["message"]
            # still served after all that
            assert (await device.ask(type="state"))["type"] == "state"
            # a frame over the hard limit closes that connection only
            await device.send_raw(json.dumps({"type": "state", "pad": "x" * 10000}))
            assert await device.receive() is None
            other = await served.device(http, seat)
            assert other.received[-1]["your_turn"]

    run(play())
    assert served.session.state is before


def test_a_connection_that_never_joins_is_closed(serve) -> None:
    served: Served = serve(limits=Limits(join_seconds=0.3))

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            idle = await served.device(http)
            assert "no seat joined" in (await idle.expect("error"))["message"]
            assert await idle.receive() is None
            joined = await served.device(http, served.session.current)
            time.sleep(0.5)
            assert (await joined.ask(type="state"))["type"] == "state"

    run(play())


def test_a_flood_of_messages_is_slowed_down(serve) -> None:
    served: Served = serve(limits=Limits(rate=5.0, burst=10, abuse=1000))
    seat = served.session.current

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            device = await served.device(http, seat)
            for _ in range(60):
                await device.send(type="state")
            replies = [await device.expect("state", "error") for _ in range(60)]
            slowed = [r for r in replies if r["type"] == "error"]
            assert slowed and all("slow down" in r["message"] for r in slowed)
            assert len(slowed) >= 40  # 10 in the burst, a few refilled meanwhile
            time.sleep(0.5)
            assert (await device.ask(type="state"))["type"] == "state"

    run(play())


def test_reconnecting_with_the_same_token_restores_the_page(serve) -> None:
    served: Served = serve()
    session = served.session
    seat = session.current

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            device = await served.device(http, seat)
            action = first_target(device.received[-1])
            assert (await device.ask(type="confirm", action=action))["type"] == "done"
            await device.ws.close()  # the phone locks mid-turn, after playing
            back = await served.device(http, seat)
            page = back.received[-1]
            assert page["acted"] and page["can_undo"] and page["last"]
            assert (await back.ask(type="undo"))["what"] == "undo"
            page = await back.state(turn=True)
            assert not page["acted"] and page["choices"]

    run(play())
    assert not session.turn_done and session.current == seat


def test_two_devices_on_one_seat_both_follow_and_only_one_move_counts(serve) -> None:
    served: Served = serve()
    session = served.session
    seat = session.current
    start = session.state

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            phone = await served.device(http, seat)
            laptop = await served.device(http, seat)
            assert served.devices.connected()[seat] == 2
            action = first_target(phone.received[-1])
            assert (await phone.ask(type="confirm", action=action))["type"] == "done"
            seen = await laptop.state(turn=False)
            assert seen["acted"]
            late = await laptop.ask(type="confirm", action=action)
            assert late["type"] == "error" and "already acted" in late["message"]
            await phone.ws.close()
            for _ in range(50):
                if served.devices.connected().get(seat) == 1:
                    break
                time.sleep(0.02)
            assert served.devices.connected()[seat] == 1

    run(play())
    # one move applied, not two
    assert len(unroll(session.state.actions)) == len(unroll(start.actions)) + 1


def test_a_device_dropping_mid_turn_leaves_the_turn_waiting(serve) -> None:
    served: Served = serve()
    session = served.session
    seat = session.current
    other = next(s.faction for s in session.seats if s.faction != seat)

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            device = await served.device(http, seat)
            watcher = await served.device(http, other)
            page = device.received[-1]
            await device.ask(type="preview", action=first_target(page))
            await device.ws.close()
            for _ in range(50):
                if seat not in served.devices.connected():
                    break
                time.sleep(0.02)
            assert seat not in served.devices.connected()
            # the seat still plays from its device: the window neither shows its hand nor acts
            assert session.current == seat and seat in session.remote
            assert not session.needs_handover() and not session.can_act()
            # the other devices are still served
            assert (await watcher.ask(type="state"))["current"] == session.label(seat)
            back = await served.device(http, seat)
            assert back.received[-1]["your_turn"]

    run(play())


def test_only_the_shipped_files_are_served(serve) -> None:
    served: Served = serve()
    base = f"http://127.0.0.1:{served.devices.server.port}"

    async def play() -> None:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base}/static/app.js") as response:
                assert response.status == 200 and "WebSocket" in await response.text()
                assert response.headers["Referrer-Policy"] == "no-referrer"
            for path in ("/static/index.html", "/static/..%2f__init__.py",
                         "/static/%2e%2e%2fpyproject.toml", "/s/../../pyproject.toml"):
                async with http.get(base + path) as response:
                    assert response.status == 404, path
            async with http.get(f"{base}/s/{served.token(served.session.current)}") as response:
                assert response.status == 200 and "/static/app.js" in await response.text()

    run(play())
