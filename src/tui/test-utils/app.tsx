// The whole live view (App) on a fake terminal, for its tests.
import { afterEach } from 'vitest';
import type { Command } from '../../engine/commands.js';
import type { DiscussionEvent } from '../../engine/events.js';
import { App } from '../components/App.js';
import { createHumanSeat } from '../human-seat.js';
import { createTuiStore } from '../store.js';
import { HEADER } from './events.js';
import { keys, renderAt, stripAnsi, tick } from './render.js';

// Every App a test mounts is unmounted after it.
const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  for (const instance of mounted.splice(0)) instance.unmount();
});

/** The App on a fake terminal, with what it sent and how to feed it events and keys. */
export function setupApp(size: { columns?: number; rows?: number } = {}, reprintOnResize = false) {
  const store = createTuiStore();
  const humanSeat = createHumanSeat();
  const sent: Command[] = [];
  let aborts = 0;
  const screen = renderAt(
    <App
      store={store}
      header={HEADER}
      humanSeat={humanSeat}
      send={(command) => sent.push(command)}
      onAbort={() => {
        aborts += 1;
      }}
      reprintOnResize={reprintOnResize}
    />,
    size,
  );
  mounted.push(screen);
  return {
    store,
    humanSeat,
    sent,
    aborts: () => aborts,
    stdout: screen.stdout,
    frame: () => stripAnsi(screen.lastFrame()),
    async emit(...events: DiscussionEvent[]) {
      for (const event of events) store.push(event);
      store.flush();
      await tick();
    },
    async press(...inputs: string[]) {
      for (const input of inputs) {
        screen.stdin.write(input);
        // A lone Esc is held briefly by Ink in case an escape sequence follows.
        await tick(input === keys.escape ? 40 : 0);
      }
    },
    async type(text: string) {
      for (const char of text) {
        screen.stdin.write(char);
        await tick();
      }
    },
  };
}

export const count = (haystack: string, needle: string): number =>
  haystack.split(needle).length - 1;

/** The lines of the live area and status block: everything after the last finished item. */
export const statusBlock = (frame: string): string[] => {
  const lines = frame.split('\n');
  const rule = lines.findLastIndex((line) => line.startsWith('───'));
  return lines.slice(rule);
};
