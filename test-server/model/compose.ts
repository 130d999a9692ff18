// One reply to one prepared request: a turn, a summary or a bid for a request in roundtable's
// layout; for anyone else, a few sentences drawn from the conversation.
import type { Random } from '../prng.js';
import { composeBid } from './bid.js';
import type { Prepared } from './prepare.js';
import { Speech } from './speech.js';
import { composeSummary } from './summary.js';
import { composeTurn, type ReplyText } from './turn.js';
import { composeVerdict } from './verdict.js';
import type { Voicing } from './voicing.js';

/** How many sentences a plain reply runs to when nothing cuts it short. */
function sentenceTarget(temperature: number, random: Random): number {
  return temperature <= 0 ? 3 : 2 + Math.floor(random() * 4);
}

function composePlain(prepared: Prepared, voicing: Voicing): ReplyText {
  const { knobs, temperature, random } = voicing;
  const speech = new Speech(prepared, temperature, random, voicing.poolSeed);
  const count = knobs.sentences ?? sentenceTarget(temperature, random);
  speech.sayAnything();
  for (let i = 1; i < count; i++) speech.say();
  const runsOn = knobs.ramble > 0 && random() < knobs.ramble;
  return { text: speech.text, more: speech.more, runsOn };
}

export function composeReply(prepared: Prepared, voicing: Voicing): ReplyText {
  if (prepared.read.table === undefined) return composePlain(prepared, voicing);
  const { knobs, temperature, random } = voicing;
  switch (prepared.guidance?.kind) {
    case 'bid':
      return {
        text: composeBid(prepared, knobs, temperature, random),
        more: undefined,
        runsOn: false,
      };
    case 'summary':
      return composeSummary(prepared, voicing);
    case 'verdict':
    case 'synthesis':
      return composeVerdict(prepared, voicing, prepared.guidance?.kind === 'synthesis');
    default:
      return composeTurn(prepared, voicing);
  }
}
