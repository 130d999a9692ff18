// "How urgently do you want to speak, 0-9?": one digit, higher when the seat was just asked
// something, has been quiet for a while, or runs hot; the `bid` knob fixes it.
import type { Random } from '../prng.js';
import type { Knobs } from './knobs.js';
import type { Prepared } from './prepare.js';
import { nameTest } from './words.js';

export function composeBid(
  prepared: Prepared,
  knobs: Knobs,
  temperature: number,
  random: Random,
): string {
  if (knobs.bid !== undefined) return String(knobs.bid);
  const self = prepared.self?.name;
  const turns = prepared.turns;
  const last = turns.at(-1);
  let urgency = 2 + Math.round(Math.min(temperature, 1.5) * 2);
  if (self !== undefined && last !== undefined && !last.own) {
    if (nameTest([self]).test(last.text)) urgency += 4;
  }
  let since = 0;
  for (let i = turns.length - 1; i >= 0 && turns[i]?.own !== true; i--) since++;
  urgency += Math.floor(Math.min(since, turns.length) / 2);
  if (last?.own === true) urgency -= 2;
  if (temperature > 0) urgency += Math.floor(random() * 3) - 1;
  return String(Math.max(0, Math.min(9, urgency)));
}
