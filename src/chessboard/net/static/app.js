// The device page: one seat's hand and choices, over a WebSocket to the game on the big screen.
// The game decides everything (legality, prices, previews); this script only shows its answers
// and sends the player's taps. Text from the game is set with textContent, never as HTML.
"use strict";

(function () {
  const token = decodeURIComponent(location.pathname.split("/").pop() || "");
  const $ = (id) => document.getElementById(id);
  let socket = null;
  let page = null;          // the last "state" message
  let selected = null;      // key of the chosen action or card ("act:place")
  let pending = null;       // the target being previewed ("act:place kazakhstan military")
  let endingArmed = false;  // a move that ends the game needs a second tap
  let nextId = 1;
  let retry = 0;
  let stopped = false;
  let wasMyTurn = false;

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function send(message) {
    if (!socket || socket.readyState !== WebSocket.OPEN) {
      notice("Not connected: reconnecting…", "error");
      return;
    }
    message.id = nextId++;
    socket.send(JSON.stringify(message));
  }

  function notice(text, style) {
    const box = $("notice");
    box.textContent = text || "";
    box.className = text ? "show " + (style || "info") : "";
  }

  function linkState(text, bad) {
    const node = $("link");
    node.textContent = text;
    node.className = "link-state" + (bad ? " bad" : "");
  }

  // connection --------------------------------------------------------------------------------

  function connect() {
    if (stopped) return;
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws");
    linkState("connecting");
    socket.onopen = () => {
      retry = 0;
      linkState("connected");
      socket.send(JSON.stringify({ type: "join", token: token, id: nextId++ }));
    };
    socket.onmessage = (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (err) { return; }
      receive(message);
    };
    socket.onclose = (event) => {
      if (event.code === 4001 || event.code === 4002) {
        stopped = true;
        linkState("disconnected", true);
        if (event.code === 4002) notice("Disconnected by the game: " + (event.reason || ""), "error");
        return;
      }
      linkState("reconnecting…", true);
      // a locked phone or a Wi-Fi hiccup: come back with the same link, the game kept the seat
      retry = Math.min(retry + 1, 5);
      setTimeout(connect, 400 * retry);
    };
  }

  function receive(message) {
    switch (message.type) {
      case "state": render(message); break;
      case "targets": showIllegal(message); break;
      case "preview": showPreview(message); break;
      case "done":
        if (message.what === "confirm") { selected = null; pending = null; notice("", ""); }
        if (message.what === "undo") notice("Move taken back.", "info");
        break;
      case "revoked":
        stopped = true;
        notice(message.message, "error");
        break;
      case "error":
        notice(message.message, "error");
        if (message.message && message.message.indexOf("link") >= 0 && !page) {
          $("seat-name").textContent = "Link not valid";
        }
        break;
      default: break;
    }
  }

  // the page ----------------------------------------------------------------------------------

  function render(state) {
    page = state;
    document.documentElement.style.setProperty("--seat", state.colour || "#888");
    $("seat-name").textContent = state.name;
    $("ip").textContent = state.ip;
    $("vp").textContent = state.vp;
    const timer = $("timer");
    timer.hidden = state.timer === null || state.timer === undefined;
    if (!timer.hidden) timer.textContent = "⏱ " + state.timer + " s";

    const title = $("turn-title");
    const text = $("turn-text");
    if (state.over) {
      title.textContent = "The game is over";
      text.textContent = state.result || "";
    } else if (state.your_turn) {
      title.textContent = "Your turn · round " + state.round + "/" + state.rounds +
        ", action " + state.action_round + "/" + state.action_rounds;
      text.textContent = "Choose an action or a card, then a target, and confirm.";
    } else if (state.acted) {
      title.textContent = "You have acted";
      text.textContent = "";
    } else {
      title.textContent = state.current ? "Waiting for " + state.current : "Waiting…";
      text.textContent = "Round " + state.round + "/" + state.rounds + ", action " +
        state.action_round + "/" + state.action_rounds + ".";
    }
    if (state.your_turn && !wasMyTurn) {
      notice("Your turn!", "turn");
      if (navigator.vibrate) navigator.vibrate(200);
    } else if (!state.your_turn && wasMyTurn && !state.acted) {
      notice("", "");
    }
    wasMyTurn = state.your_turn;
    document.title = (state.your_turn ? "● Your turn · " : "") + state.name;

    $("acted").hidden = !state.acted;
    $("acted-text").textContent = state.last.join(" · ");
    $("undo").disabled = !state.can_undo;
    $("undo").title = state.can_undo ? "" : "New information was revealed: no undo";

    const choices = state.choices || [];
    if (selected && !choices.some((c) => c.key === selected && c.enabled)) {
      selected = null;
      pending = null;
    }
    // one step at a time on a phone: the list, or the chosen one's targets
    $("choose").hidden = !state.your_turn || currentChoiceOf(choices) !== null;
    renderChoices(choices);
    renderTargets();
    if (!pending) $("preview-panel").hidden = true;
    renderHand(state.hand);
    renderSeats(state.seats);
    const log = $("log");
    log.replaceChildren(...state.log.slice().reverse().map((line) => el("li", "", line)));
  }

  function renderChoices(choices) {
    const list = $("choices");
    list.replaceChildren(...choices.map((choice) => {
      const item = el("li");
      const button = el("button", "item" + (choice.enabled ? "" : " off"));
      button.type = "button";
      button.dataset.key = choice.key;
      const head = el("span", "head");
      head.append(el("span", "", choice.name),
        el("span", "cost", choice.kind === "pass" ? "" : choice.cost + " IP"));
      button.append(head);
      if (choice.text) button.append(el("span", "dim", choice.text));
      if (!choice.enabled && choice.why) button.append(el("span", "why", choice.why));
      button.addEventListener("click", () => choose(choice));
      item.append(button);
      return item;
    }));
  }

  function choose(choice) {
    if (!choice.enabled) {
      notice(choice.name + " cannot be played now: " + (choice.why || ""), "error");
      return;
    }
    selected = choice.key;
    pending = null;
    endingArmed = false;
    notice("", "");
    if (choice.targets.length === 1 && (choice.target === "none" || choice.kind === "pass")) {
      preview(choice.targets[0].action);
    } else {
      $("illegal-box").hidden = true;
      send({ type: "targets", choice: choice.key });
    }
    showSteps();
  }

  function currentChoiceOf(choices) {
    if (!selected) return null;
    return choices.find((c) => c.key === selected) || null;
  }

  function currentChoice() {
    return page ? currentChoiceOf(page.choices || []) : null;
  }

  function showSteps() {
    const choice = currentChoice();
    $("choose").hidden = !page || !page.your_turn || choice !== null;
    renderTargets();
    if (!pending) $("preview-panel").hidden = true;
    window.scrollTo({ top: 0, behavior: "smooth" });
  }

  function renderTargets() {
    const choice = currentChoice();
    const panel = $("targets-panel");
    panel.hidden = !choice || choice.target === "none" || choice.kind === "pass";
    if (panel.hidden) return;
    $("targets-title").textContent = choice.name;
    $("choice-text").textContent = choice.text;
    // the choice's name heads the panel: each target says only where ("Kazakhstan, economic")
    $("targets").replaceChildren(...choice.targets.map((target) => {
      const item = el("li");
      const button = el("button", "item" + (target.action === pending ? " chosen" : ""));
      button.type = "button";
      button.dataset.action = target.action;
      const head = el("span", "head");
      head.append(el("span", "", where(target.label, choice.name)),
        el("span", "cost", target.cost + " IP"));
      button.append(head);
      button.addEventListener("click", () => preview(target.action));
      item.append(button);
      return item;
    }));
  }

  function where(label, name) {
    const prefix = name + ": ";
    return label.startsWith(prefix) ? label.slice(prefix.length) : label;
  }

  function showIllegal(message) {
    if (message.choice !== selected) return;
    const illegal = message.targets.filter((t) => !t.legal);
    $("illegal-box").hidden = illegal.length === 0;
    $("illegal").replaceChildren(...illegal.map((target) => {
      const item = el("li", "illegal-item");
      const choice = currentChoice();
      item.append(el("div", "", choice ? where(target.label, choice.name) : target.label),
        el("div", "why", target.why));
      return item;
    }));
  }

  function preview(action) {
    pending = action;
    endingArmed = false;
    send({ type: "preview", action: action });
  }

  function showPreview(message) {
    if (message.action !== pending) return;
    renderTargets();
    $("preview-panel").hidden = false;
    $("preview-title").textContent = message.label;
    $("preview-cost").textContent = "Cost: " + message.cost + " IP";
    $("preview-reasons").replaceChildren(...message.reasons.map((r) => el("li", "", r)));
    const ending = $("preview-ending");
    ending.hidden = !message.ending;
    ending.textContent = message.ending ? "This move ENDS THE GAME: " + message.ending : "";
    const changes = message.changes.length ? message.changes : ["Nothing visible changes."];
    $("preview-changes").replaceChildren(...changes.map((c) => el("li", "", c)));
    const confirm = $("confirm");
    confirm.textContent = "Confirm";
    confirm.dataset.ending = message.ending ? "1" : "";
    window.scrollTo({ top: 0, behavior: "smooth" });
  }

  function confirmMove() {
    if (!pending) return;
    const confirm = $("confirm");
    if (confirm.dataset.ending && !endingArmed) {
      endingArmed = true;
      confirm.textContent = "Play it and end the game";
      return;
    }
    send({ type: "confirm", action: pending });
  }

  function renderHand(hand) {
    $("hand-empty").hidden = hand.length > 0;
    $("hand").replaceChildren(...hand.map((card) => {
      const item = el("li");
      item.dataset.card = card.id;
      const head = el("div", "head");
      head.append(el("span", "", card.name), el("span", "cost", card.cost + " IP"));
      item.append(head, el("div", "text", card.text));
      if (card.quote) {
        const quote = el("blockquote", "", "“" + card.quote + "”");
        if (card.section) {
          quote.append(el("div", "", "— the paper, section “" + card.section + "”"));
        }
        item.append(quote);
      }
      return item;
    }));
  }

  function renderSeats(seats) {
    $("seats").replaceChildren(...seats.map((seat) => {
      const item = el("li");
      item.append(el("span", "", seat.name), el("span", "cost", seat.vp + " VP"));
      return item;
    }));
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("back").addEventListener("click", () => { selected = null; pending = null; showSteps(); });
    $("cancel").addEventListener("click", () => {
      pending = null;
      const choice = currentChoice();
      if (choice && (choice.target === "none" || choice.kind === "pass")) selected = null;
      showSteps();
    });
    $("confirm").addEventListener("click", confirmMove);
    $("undo").addEventListener("click", () => send({ type: "undo" }));
    $("end-turn").addEventListener("click", () => send({ type: "end_turn" }));
    connect();
  });
})();
