// The live page's one script, sent inline (the page loads nothing else) and allowed by its hash.
// It reads the discussion's event stream and adds what each record brings: the server's escaped
// fragment for a finished turn, and plain text nodes for the words of the turn being spoken.
// Nothing a model wrote is ever parsed as markup here: deltas go in with appendData.
// Plain ES2022 in a string, so that no build step stands between it and the browser.

export const LIVE_SCRIPT = String.raw`(() => {
  'use strict';
  const main = document.querySelector('main');
  const log = document.getElementById('log');
  const liveArea = document.getElementById('live');
  const status = document.getElementById('status');
  const notice = document.getElementById('notice');
  const token = new URLSearchParams(location.search).get('token');
  const withToken = (url) => (token ? url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : url);
  const total = Number(main.dataset.turns || 0);
  const sheet = document.styleSheets[0];
  const live = new Map();
  let turn = 0;
  let speaking = '';
  let ended = '';
  let paused = false;
  let tokens = 0;
  let estimated = false;
  let connected = false;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const atBottom = () => window.innerHeight + window.scrollY >= document.body.scrollHeight - 120;
  const setColors = (colors) => {
    for (const [seat, color] of Object.entries(colors)) {
      if (/^\d+$/.test(seat) && /^#[0-9a-fA-F]{6}$/.test(color)) {
        sheet.insertRule('.seat-' + seat + '{--seat:' + color + '}', sheet.cssRules.length);
      }
    }
  };
  const showStatus = () => {
    const parts = [];
    if (ended) parts.push(ended);
    else if (!connected) parts.push('reconnecting…');
    else parts.push(paused ? 'paused' : 'live');
    if (turn > 0) parts.push('turn ' + turn + (total ? ' of ' + total : ''));
    if (speaking && !ended) parts.push(speaking + ' speaking');
    if (tokens > 0) parts.push((estimated ? '~' : '') + tokens.toLocaleString('en-US') + ' tokens');
    status.textContent = parts.join(' · ');
    status.dataset.state = ended ? 'ended' : connected ? 'live' : 'offline';
    const pause = document.getElementById('pause');
    if (pause) pause.textContent = paused ? 'Resume' : 'Pause';
    for (const button of document.querySelectorAll('.controls button, .controls input')) button.disabled = Boolean(ended);
  };
  const startTurn = (r) => {
    const article = el('article', 'turn live-turn seat-' + Number(r.seat));
    const header = el('header');
    header.append(el('span', 'who', r.speaker), el('span', 'why', r.kind === 'summary' ? 'sums up' : 'speaking'));
    const body = el('div', 'text');
    body.dir = 'auto';
    const text = document.createTextNode('');
    body.append(text, el('span', 'cursor', '▍'));
    article.append(header, body);
    liveArea.append(article);
    live.set(r.turn, { article, text, kind: r.kind });
    speaking = r.speaker;
    if (r.kind === 'turn') turn = r.turn;
  };
  const endTurn = (number) => {
    const open = live.get(number);
    if (!open) return;
    open.article.remove();
    live.delete(number);
    if (live.size === 0) speaking = '';
  };
  const addUsage = (usage) => {
    if (!usage) return;
    tokens += (usage.promptTokens || 0) + (usage.completionTokens || 0);
    estimated = estimated || Boolean(usage.estimated);
  };
  const apply = (r) => {
    switch (r.type) {
      case 'turn-started':
        startTurn(r);
        break;
      case 'text-delta': {
        const open = live.get(r.turn);
        if (open) open.text.appendData(r.text);
        break;
      }
      case 'reply-discarded': {
        const open = live.get(r.turn);
        if (open) open.text.data = '';
        break;
      }
      case 'turn-ended':
        addUsage(r.usage);
        endTurn(r.turn);
        break;
      case 'summary':
        addUsage(r.usage);
        for (const [number, open] of live) if (open.kind === 'summary') endTurn(number);
        break;
      case 'command':
        if (r.command.type === 'pause') paused = true;
        if (r.command.type === 'resume') paused = false;
        break;
      case 'run':
        ended = '';
        break;
      case 'discussion-ended':
      case 'closed':
        ended = r.reason === 'completed' ? 'finished' : r.reason;
        for (const number of [...live.keys()]) endTurn(number);
        break;
      default:
        break;
    }
  };

  const source = new EventSource(withToken(main.dataset.events));
  source.onopen = () => {
    connected = true;
    showStatus();
  };
  source.onmessage = (message) => {
    const { record, html, colors } = JSON.parse(message.data);
    const follow = atBottom();
    if (colors) setColors(colors);
    if (html) log.insertAdjacentHTML('beforeend', html);
    apply(record);
    showStatus();
    if (follow) window.scrollTo(0, document.body.scrollHeight);
  };
  source.addEventListener('end', () => {
    source.close();
    if (!ended) ended = 'ended';
    showStatus();
  });
  source.onerror = () => {
    connected = false;
    showStatus();
  };

  const controls = document.getElementById('controls');
  if (controls) {
    const send = async (command) => {
      notice.textContent = '';
      try {
        const response = await fetch(main.dataset.control, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
          body: JSON.stringify(command),
        });
        const body = await response.json().catch(() => ({}));
        notice.textContent = response.ok ? body.message || 'sent' : body.error || 'refused (' + response.status + ')';
        notice.dataset.ok = String(response.ok);
      } catch (error) {
        notice.textContent = 'not sent: the server cannot be reached';
        notice.dataset.ok = 'false';
      }
    };
    controls.addEventListener('click', (event) => {
      const button = event.target.closest('button[data-command]');
      if (!button) return;
      const type = button.dataset.command;
      send({ type: type === 'pause' && paused ? 'resume' : type });
    });
    const form = document.getElementById('say');
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const input = form.elements.namedItem('text');
      const text = input.value.trim();
      if (text === '') return;
      send({ type: 'interject', text });
      input.value = '';
    });
  }
  showStatus();
})();
`;
