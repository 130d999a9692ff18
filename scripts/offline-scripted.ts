// What reads scripted in the offline seats' words over long runs and structured answers, counted
// over seeds as a person reads the plain output: a stock answer opener ("Fair question, and here is
// my answer.") said twice by one seat or by two seats in a run; a closing free-text stance template
// ("I want a costed plan for X before anything else.") said by two seats; a peer review that ranks
// first an answer against the reviewer's own position while another answer shares it; a sentence
// that joins two talk sentences and turns the meaning of the end it took (see reversal.ts); an
// invitation ("What do you think, Tomasz?") said again, or in a form its seat used before.
// Figures for docs and progress notes, not a test. Build first (`node scripts/build.ts`).
//   npx tsx scripts/offline-scripted.ts [table] [--seeds 1-12] [--long 40] [--show]
import { execFileSync } from 'node:child_process';
import { STANCES } from '../test-server/json/positions.js';
import { ANSWERS, invitationForm } from '../test-server/model/lines.js';
import { reversesTalk } from '../test-server/model/reversal.js';
import { option, root, say, seeds, show, table } from './offline-args.js';

const long = option('--long', '40');

function run(seed: number, extra: string[]): string {
  const bin = process.env.ROUNDTABLE_BIN ?? 'bin/roundtable.js';
  return execFileSync(
    process.execPath,
    [bin, 'run', table, '--plain', '--no-transcript', '--seed', String(seed), ...extra],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 << 20, stdio: 'pipe' },
  ).toString();
}

const sentencesOf = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

interface Turn {
  readonly speaker: string;
  readonly text: string;
}

/** The discussion's turns (not the phases where everyone answers at once). */
function turnsOf(output: string): Turn[] {
  const turns: Turn[] = [];
  let parallel = false;
  for (const line of output.split('\n')) {
    const header = /^── (.+?) ──(.*)$/.exec(line);
    if (header !== null) parallel = /everyone at once|^Summary|^Verdict|^Outcome/.test(line);
    const turn = /^([A-Z][\p{L}'-]*): (.*)$/u.exec(line);
    if (!parallel && turn !== null && !/^(?:Dissent|Borda|Topic|Finished)/.test(line))
      turns.push({ speaker: turn[1] ?? '', text: turn[2] ?? '' });
  }
  return turns;
}

/** Free-text closing positions, by seat: "5 → I would not rush …; …. (79% sure.)" */
function closingPositions(output: string): Map<string, string[]> {
  const bySeat = new Map<string, string[]>();
  const at = output.indexOf('── Closing positions ──');
  if (at < 0) return bySeat;
  let seat = '';
  for (const line of output.slice(at).split('\n')) {
    if (line.startsWith('── ') && !line.startsWith('── Closing')) break;
    const head = /^([A-Z][\p{L}'-]*): (.*)$/u.exec(line);
    if (head !== null) seat = head[1] ?? '';
    const position = /\d+ → (.+?) \(\d+% sure[^)]*\)/.exec(line)?.[1];
    if (position !== undefined && /\s/.test(position))
      bySeat.set(seat, [...(bySeat.get(seat) ?? []), position]);
  }
  return bySeat;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const stanceForms = STANCES.map(
  (stance) => new RegExp(`^${escaped(stance('\u0000')).replace('\u0000', '.+')}$`),
);
const templateOf = (position: string): number =>
  stanceForms.findIndex((form) => form.test(position));

const tally = {
  runs: 0,
  openers: 0,
  openerAgain: 0,
  openerShared: 0,
  openerExamples: [] as string[],
  stances: 0,
  templated: 0,
  templateShared: 0,
  stanceExamples: [] as string[],
  sentences: 0,
  reversed: 0,
  reversedExamples: [] as string[],
  invitations: 0,
  invitationAgain: 0,
  formAgain: 0,
  invitationExamples: [] as string[],
};

function countLong(output: string): void {
  tally.runs++;
  const turns = turnsOf(output);
  const openerSeats = new Map<string, string[]>();
  const invited = new Map<string, string>();
  const formsBySeat = new Map<string, number[]>();
  for (const { speaker, text } of turns) {
    const sentences = sentencesOf(text);
    for (const sentence of sentences) {
      tally.sentences++;
      if (reversesTalk(sentence.split(' '))) {
        tally.reversed++;
        tally.reversedExamples.push(`${speaker}: ${sentence}`);
      }
    }
    const last = sentences.at(-1) ?? '';
    const form = last.endsWith('?') ? invitationForm(last) : -1;
    if (form >= 0) {
      tally.invitations++;
      if (invited.has(last)) {
        tally.invitationAgain++;
        tally.invitationExamples.push(`${speaker} after ${invited.get(last)}: ${last}`);
      }
      invited.set(last, speaker);
      const forms = formsBySeat.get(speaker) ?? [];
      if (forms.includes(form)) tally.formAgain++;
      formsBySeat.set(speaker, [...forms, form]);
    }
    const opener = sentences.find((s) => ANSWERS.includes(s));
    if (opener === undefined) continue;
    tally.openers++;
    const seats = openerSeats.get(opener) ?? [];
    if (seats.includes(speaker)) {
      tally.openerAgain++;
      tally.openerExamples.push(`${speaker} again: ${opener}`);
    } else if (seats.length > 0) {
      tally.openerShared++;
      tally.openerExamples.push(`${speaker} after ${seats.join('+')}: ${opener}`);
    }
    openerSeats.set(opener, [...seats, speaker]);
  }
  const bySeat = closingPositions(output);
  const templates = new Map<number, string[]>();
  for (const [seat, positions] of bySeat)
    for (const position of positions) {
      tally.stances++;
      const template = templateOf(position);
      if (template < 0) continue;
      tally.templated++;
      const seats = templates.get(template) ?? [];
      if (!seats.includes(seat) && seats.length > 0) {
        tally.templateShared++;
        if (tally.stanceExamples.length < 6) tally.stanceExamples.push(`${seat}: ${position}`);
      }
      templates.set(template, [...seats, seat]);
    }
}

/** Council reviews: does the reviewer rank first an answer that shares its own position? */
const reviews = {
  reviewers: 0,
  couldShare: 0,
  sharedFirst: 0,
  examples: [] as string[],
  said: 0,
  vague: 0,
  vagueExamples: [] as string[],
};

/** A review's sentence on an answer that names only a phrase of it ("vague on the plan"). */
const VAGUE =
  /argues for (.+?) and says why|convinced me most, on (.+?), with|makes a fair case for (.+?), but|has a point on (.+?) and leaves|argues for (.+?) with the least|is the weakest, vague on (.+?)\.|asserts (.+?) more than|its case for (.+?) rests|alone does not carry (.+?)\./;

function countCouncil(output: string): void {
  const own = new Map<string, string>();
  for (const match of output.matchAll(/^([A-Z][\p{L}'-]*): 1 → (.+?) \(\d+% sure/gmu))
    own.set(match[1] as string, match[2] as string);
  for (const review of output.matchAll(/^[A-Z][\p{L}'-]*: (.*Response [A-Z].*)$/gmu))
    for (const sentence of (review[1] as string).split(/(?<=\.) (?=Response|I put|In Response)/)) {
      reviews.said++;
      if (!VAGUE.test(sentence)) continue;
      reviews.vague++;
      if (reviews.vagueExamples.length < 4) reviews.vagueExamples.push(sentence);
    }
  for (const match of output.matchAll(/^\(([A-Z][\p{L}'-]*) ranks: (.+)\)$/gmu)) {
    const reviewer = match[1] as string;
    const ranked = (match[2] as string).split(', ');
    const mine = own.get(reviewer);
    reviews.reviewers++;
    if (!ranked.some((seat) => own.get(seat) === mine)) continue;
    reviews.couldShare++;
    if (own.get(ranked[0] ?? '') === mine) reviews.sharedFirst++;
    else if (reviews.examples.length < 4)
      reviews.examples.push(
        `${reviewer} (${mine}) ranks ${ranked.map((s) => `${s} (${own.get(s)})`).join(', ')}`,
      );
  }
}

for (const seed of seeds) {
  const output = run(seed, ['--turns', long]);
  if (show) say(`\n##### seed ${seed} --turns ${long}\n${output}`);
  countLong(output);
  const council = run(seed, ['--format', 'council']);
  if (show) say(`\n##### seed ${seed} council\n${council}`);
  countCouncil(council);
}
say(
  `${tally.runs} ${long}-turn runs: stock answer openers ${tally.openers}, said again by the same seat ${tally.openerAgain}, by a second seat ${tally.openerShared}`,
);
for (const example of tally.openerExamples.slice(0, 4)) say(`  opener ${example}`);
say(
  `invitations ${tally.invitations}: said again ${tally.invitationAgain}, a form the same seat used before in the run ${tally.formAgain}`,
);
for (const example of tally.invitationExamples.slice(0, 4)) say(`  invitation ${example}`);
say(
  `closing free-text positions ${tally.stances}: a stance template ${tally.templated}, a template a second seat also said ${tally.templateShared}`,
);
for (const example of tally.stanceExamples.slice(0, 4)) say(`  stance ${example}`);
say(`sentences ${tally.sentences}: a talk sentence's end turned (reversal.ts) ${tally.reversed}`);
for (const example of tally.reversedExamples.slice(0, 8)) say(`  reversed ${example}`);
say(
  `council reviews ${reviews.reviewers}: another answer shares the reviewer's position in ${reviews.couldShare}, ranked first in ${reviews.sharedFirst}`,
);
for (const example of reviews.examples) say(`  review ${example}`);
say(`reviews' sentences on an answer ${reviews.said}: naming only a phrase of it ${reviews.vague}`);
for (const example of reviews.vagueExamples) say(`  vague ${example}`);
