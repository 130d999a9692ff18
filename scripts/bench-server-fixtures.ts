// Writes test-server/fixtures/words20000-request.json: a chat request whose prompt is a long
// four-person discussion of about 20,000 words, like a roundtable request late in a very long
// run. Sentences come from a small grammar driven by a seeded generator, so the text is varied
// (de-duplication does not shrink it) and the file is the same on every run.
//   npx tsx scripts/bench-server-fixtures.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sfc32 } from '../test-server/prng.js';

const TARGET_WORDS = 20_000;
const random = sfc32(20_000, 4, 2026, 11);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const PEOPLE = ['Ada', 'Bruno', 'Chen', 'Dara'] as const;
const OPENERS = [
  'Honestly,',
  'To be fair,',
  'In my experience,',
  'Look,',
  'On the other hand,',
  'Frankly,',
  'If you ask me,',
  'Again,',
  'Still,',
  'For what it is worth,',
  'Then again,',
  'Put simply,',
];
const SUBJECTS = [
  'the council',
  'the shop owners',
  'most commuters',
  'the bus company',
  'older residents',
  'young families',
  'the cycling lobby',
  'the regional government',
  'delivery drivers',
  'the tourism office',
  'our neighbours',
  'the school board',
  'city planners',
  'taxpayers',
  'the local press',
  'night workers',
  'the hospital staff',
  'market traders',
];
const VERBS = [
  'underestimate',
  'worry about',
  'pay for',
  'benefit from',
  'argue against',
  'ask for',
  'depend on',
  'complain about',
  'quietly support',
  'keep forgetting',
  'cannot afford',
  'want proof of',
  'will notice',
  'rarely mention',
  'already feel',
];
const OBJECTS = [
  'the loss of parking',
  'cleaner air',
  'longer bus routes',
  'the transition costs',
  'late deliveries',
  'the noise on the ring road',
  'a slower commute',
  'higher rents',
  'the park-and-ride plan',
  'safer crossings',
  'the empty shop fronts',
  'the bridge funding',
  'weekend markets',
  'the new cycle lanes',
  'the rush-hour traffic',
  'fewer accidents',
];
const TAILS = [
  'and nobody has measured it yet',
  'which the last report ignored',
  'more than they admit',
  'in the first year at least',
  'once the roadworks end',
  'if the buses run on time',
  'unless the council moves first',
  'as the survey showed',
  'even in winter',
  'according to the traffic counts',
  'long before the vote',
  'whatever the slogans say',
];
const QUESTIONS = [
  'What would convince you otherwise?',
  'Who checks the numbers?',
  'Is that really fair?',
  'Can we test it on one street first?',
  'Who pays if it fails?',
  'Does anyone disagree?',
];

function sentence(): string {
  if (random() < 0.12) return pick(QUESTIONS);
  const body = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}`;
  const text = random() < 0.5 ? `${pick(OPENERS)} ${body}` : body;
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function turn(): string {
  const sentences: string[] = [];
  const count = 5 + Math.floor(random() * 6);
  for (let i = 0; i < count; i++) sentences.push(sentence());
  return sentences.join(' ');
}

const system = `You are Chen Wei, a civil engineer who designs bus corridors and cycle lanes. Speak in the first person, in two to five sentences, and stay in character.

Context: A mid-sized city is deciding whether to close its historic centre to private cars.

At the table: Ada (Ada Okafor, an urban economist), Bruno (Bruno Marchetti, a teacher), Chen (you), and Dara (Dara Lindqvist, a shop owner).

Instructions: Respond to what the others said, name the person you answer, and add one new argument.`;

const messages: { role: 'system' | 'user' | 'assistant'; content: string }[] = [
  { role: 'system', content: system },
];
let words = system.split(/\s+/).length;
let speaker = 0;
while (words < TARGET_WORDS) {
  const name = PEOPLE[speaker % PEOPLE.length] ?? 'Ada';
  const text = turn();
  words += text.split(' ').length;
  // The request is from Chen's point of view: Chen's turns are its own, the rest are others'.
  const own = name === 'Chen';
  const content = own ? text : `${name}: ${text}`;
  const last = messages.at(-1);
  const role = own ? 'assistant' : 'user';
  if (last !== undefined && last.role === role) last.content += `\n\n${content}`;
  else messages.push({ role, content });
  speaker += 1 + Math.floor(random() * 2);
}
messages.push({
  role: 'user',
  content: 'Topic: Who should pay for the transition?\nThere are 3 turns left in this discussion.',
});

const request = { model: 'markov', messages, temperature: 0.7, max_tokens: 200, stream: false };
const target = fileURLToPath(
  new URL('../test-server/fixtures/words20000-request.json', import.meta.url),
);
writeFileSync(target, `${JSON.stringify(request)}\n`);
const total = messages.reduce((sum, message) => sum + message.content.split(/\s+/).length, 0);
process.stdout.write(`wrote ${target}: ${total} words, ${messages.length} messages\n`);
