import { afterEach, describe, expect, it, vi } from 'vitest';

// Chalk decides on colour when it is first imported, and drops it without a TTY or under CI.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '3';
});

import type { Participant } from '../../engine/table.js';
import { createHumanSeat } from '../human-seat.js';
import { createTuiStore } from '../store.js';
import { delta, HEADER, started, turnStarted } from '../test-utils/events.js';
import { renderAt, stripAnsi, tick } from '../test-utils/render.js';
import { App } from './App.js';
import type { HeaderInfo } from './Header.js';

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  for (const instance of mounted.splice(0)) instance.unmount();
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching a truecolor escape
const TRUECOLOR = /\u001b\[38;2;(\d+);(\d+);(\d+)m/;

function colorOf(line: string): string | undefined {
  const match = TRUECOLOR.exec(line);
  return match === null ? undefined : `${match[1]},${match[2]},${match[3]}`;
}

function render(header: HeaderInfo) {
  const store = createTuiStore();
  const screen = renderAt(
    <App
      store={store}
      header={header}
      humanSeat={createHumanSeat()}
      send={() => {}}
      onAbort={() => {}}
    />,
    { columns: 120, rows: 60 },
  );
  mounted.push(screen);
  return { store, screen };
}

describe('seat colours', () => {
  it("paints each participant in its colour, honouring a participant's own", async () => {
    const { store, screen } = render(HEADER);
    store.push(started());
    store.push(turnStarted(1, 2));
    store.push(delta(1, 'Hello'));
    store.flush();
    await tick();
    const lines = screen.lastFrame().split('\n');
    const bobHeader = lines.find((line) => line.includes('Bob Baker')) ?? '';
    expect(colorOf(bobHeader)).toBe('255,136,0');
    const bobLive = lines.find((line) => line.includes('Bob') && line.includes('turn 1/10')) ?? '';
    expect(colorOf(bobLive)).toBe('255,136,0');
  });

  it('gives a table of twelve twelve different colours', async () => {
    const participants: Participant[] = Array.from({ length: 12 }, (_, i) => ({
      seat: i + 1,
      name: `P${i + 1}`,
      fullName: `Person Number${i + 1}`,
      creativity: 0.5,
      prompt: 'p',
    }));
    const { store, screen } = render({
      context: 'Many voices.',
      seats: participants.map((participant) => ({ participant, runsOn: 'offline: Markov' })),
    });
    store.push(started(10, participants));
    store.flush();
    await tick();
    const lines = screen.lastFrame().split('\n');
    const colours = participants.map((p) =>
      colorOf(lines.find((line) => stripAnsi(line).includes(`Person Number${p.seat} ·`)) ?? ''),
    );
    expect(colours.every((colour) => colour !== undefined)).toBe(true);
    expect(new Set(colours).size).toBe(12);
  });
});
