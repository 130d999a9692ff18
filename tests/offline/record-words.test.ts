// The offline end of a discussion read as a person reads it: the closing positions' reasons, the
// summary's last word, the decision record's stance groups and action items. Markov text splices
// sources where two share a word; where a sentence is quoted as someone's reason or position it
// must read as written, and the record must say what the seats said.
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiscussionEvent } from '../../src/engine/events.js';
import { STANCES } from '../../test-server/json/positions.js';
import { EXAMPLE_TABLE, LIBRARY_TABLE, type OfflineRun, runOffline } from './offline-run.js';
import { readsWhole, tokens, writtenQuads } from './written.js';

const SEEDS = [1, 2, 3, 4, 5];

/** A plain stance on a phrase of the question ("On the Dene Viaduct, I would start small …"). */
function stanceOn(position: string, question: string): boolean {
  return STANCES.some((stance) => {
    const [before = '', after = ''] = stance('\u0000').split('\u0000');
    if (!position.startsWith(before) || !position.endsWith(after)) return false;
    const phrase = position.slice(before.length, position.length - after.length);
    return phrase !== '' && question.toLowerCase().includes(phrase.toLowerCase());
  });
}

/**
 * A stance of the seat's own talk led by a phrase of the question ("For Millford, I would not bet
 * the reserves on a single grant."): the lead names the question, the rest reads whole.
 */
function ownStanceOn(
  position: string,
  question: string,
  written: ReturnType<typeof writtenQuads>,
): boolean {
  const [, phrase = '', rest = ''] = /^(?:On|For|As for) ([^,]+), (.+)$/u.exec(position) ?? [];
  return (
    phrase !== '' &&
    question.toLowerCase().includes(phrase.toLowerCase()) &&
    readsWhole(rest, written)
  );
}

/** Six words in a row, as the recitation rule counts them: a quoted fact of the case. */
function runsOfSix(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const keys = new Set<string>();
  for (let end = 6; end <= words.length; end++) keys.add(words.slice(end - 6, end).join(' '));
  return keys;
}

/** Words too common to show what a question is about. */
const STOP = new Set(
  'what which when where whom whose should would could shall will does make from with that this them they into than then just only both there their about become'.split(
    ' ',
  ),
);

type Of<T extends DiscussionEvent['type']> = Extract<DiscussionEvent, { type: T }>;
const all = <T extends DiscussionEvent['type']>(run: OfflineRun, type: T): Of<T>[] =>
  run.events.filter((event): event is Of<T> => event.type === type);

/** Words that cannot open an action item: it starts with what to do. */
const NOT_A_VERB = new Set(
  'i we you they he she it there the a an this that these those my our your their let tonight so well if because for in on at to and but or perhaps maybe nobody everyone people'.split(
    ' ',
  ),
);

const tables = [
  ['the example table', EXAMPLE_TABLE],
  ['a library panel', LIBRARY_TABLE],
] as const;

describe.each(tables)('the offline end of a discussion at %s, 5 seeds', (_name, dir) => {
  const runs: OfflineRun[] = [];
  beforeAll(async () => {
    for (const seed of SEEDS)
      runs.push(await runOffline(dir, { seed, turns: 10, config: { closing: true } }));
  }, 120_000);

  it('gives reasons a person would write: "Because" and a whole clause, never a splice or a lead-in', () => {
    let reasons = 0;
    for (const run of runs) {
      const written = writtenQuads(run);
      for (const answer of all(run, 'positions')) {
        for (const { because } of answer.positions) {
          reasons++;
          expect(because).toMatch(/^Because /);
          const clause = because.slice('Because '.length);
          expect(clause, because).not.toMatch(
            /^(?:let|could|can|would|what|why|how|so|well)\b|[?:]/i,
          );
          expect(readsWhole(clause, written), because).toBe(true);
        }
      }
    }
    expect(reasons).toBeGreaterThan(SEEDS.length * 4);
  });

  it("gives the seat's own reasons and positions, never a fact of the case", () => {
    let quoted = 0;
    for (const run of runs) {
      const context = runsOfSix(run.table.task.context);
      for (const answer of all(run, 'positions')) {
        for (const { position, because } of answer.positions) {
          for (const said of [position, because]) {
            quoted++;
            const facts = [...runsOfSix(said)].filter((key) => context.has(key));
            expect(facts, said).toEqual([]);
          }
        }
      }
    }
    expect(quoted).toBeGreaterThan(SEEDS.length * 8);
  });

  it('answers a free question about what it asks: a word of the question in the position', () => {
    let answered = 0;
    for (const run of runs) {
      const { questions } = run.table.task;
      const names = new Set(run.table.participants.flatMap((p) => tokens(p.name)));
      for (const answer of all(run, 'positions')) {
        for (const { question, position } of answer.positions) {
          if (!/[.!]$/.test(position)) continue;
          answered++;
          const asked = tokens(questions[question] ?? '').filter(
            (word) => word.length >= 4 && !STOP.has(word) && !names.has(word),
          );
          const words = tokens(position);
          expect(
            asked.some((word) => words.includes(word)),
            `${questions[question]} → ${position}`,
          ).toBe(true);
        }
      }
    }
    expect(answered).toBeGreaterThan(SEEDS.length);
  });

  it('says it changed its mind only where it stated a position before (no opening here)', () => {
    for (const run of runs) {
      for (const answer of all(run, 'positions'))
        for (const p of answer.positions) expect(p.changedMind, p.position).toBe(false);
    }
  });

  it('quotes free-text positions that read whole, not sentences ending mid-phrase', () => {
    let positions = 0;
    for (const run of runs) {
      const written = writtenQuads(run);
      const { questions } = run.table.task;
      for (const answer of all(run, 'positions')) {
        for (const { position, question } of answer.positions) {
          // An option ("rural-connectivity grant") is no sentence.
          if (!/[.!]$/.test(position)) continue;
          positions++;
          const asked = questions[question] ?? '';
          const stance = stanceOn(position, asked) || ownStanceOn(position, asked, written);
          expect(stance || readsWhole(position, written), position).toBe(true);
        }
      }
    }
    expect(positions).toBeGreaterThan(SEEDS.length);
  });

  it("ends the summary in the summarizer's own words, a whole sentence", () => {
    let own = 0;
    for (const run of runs) {
      const written = writtenQuads(run);
      const [summary] = all(run, 'summary');
      const mine = /For my part, (.+?[.!?])(?=\s|$)/.exec(summary?.text ?? '')?.[1];
      if (mine === undefined) continue;
      own++;
      expect(readsWhole(mine, written), summary?.text).toBe(true);
    }
    expect(own).toBeGreaterThanOrEqual(3);
  });

  it('says the summary agreed on an option only if most seats chose it, and who chose it only as they did', () => {
    let checked = 0;
    for (const run of runs) {
      const text = all(run, 'summary')[0]?.text ?? '';
      const names = run.table.participants.map((p) => p.name);
      const [summarizer] = all(run, 'summary').map((summary) => summary.speaker);
      const closing = all(run, 'positions').filter((answer) => answer.moment === 'closing');
      (run.table.task.options ?? []).forEach((labels, index) => {
        if (labels.length === 0) return;
        const chose = new Map<string, string>();
        for (const answer of closing) {
          const position = answer.positions.find((p) => p.question === index)?.position;
          if (position !== undefined) chose.set(answer.speaker, position);
        }
        const backers = (label: string) => [...chose].filter(([, o]) => o === label);
        for (const sentence of text.split(/(?<=[.!?])\s+/)) {
          // What the sentence says was agreed or chosen ("agree on the walking and cycling
          // trail", "Margit and I chose trail over trains"): the options it names there.
          const claim = /(?:agree on|common ground on|chose) ([^,.;]+)/i.exec(sentence);
          if (claim === null) continue;
          const claimed = (claim[1] ?? '').replace(/ over .*$/, '');
          for (const label of labels) {
            if (!new RegExp(`\\b${label}\\b`, 'i').test(claimed)) continue;
            checked++;
            expect(backers(label).length * 2, `${sentence} (${[...chose]})`).toBeGreaterThan(
              chose.size,
            );
            // Those it names as choosing it did; those it names as not, did not.
            const [who = '', rest = ''] = sentence.split(/ chose | did not/);
            const said = (part: string, name: string) =>
              new RegExp(`\\b${name === summarizer ? 'I' : name}\\b`).test(part);
            for (const name of names) {
              if (said(who, name)) expect(chose.get(name), sentence).toBe(label);
              if (said(rest.split(', and ')[1] ?? '', name))
                expect(chose.get(name), sentence).not.toBe(label);
            }
          }
        }
      });
    }
    // Not every run's summary speaks of an option; across the seeds some do, where there are any.
    const options = runs.some((run) => (run.table.task.options ?? []).some((l) => l.length > 0));
    expect(checked > 0).toBe(options);
  });

  it('groups the free-text positions as the seats took them at the closing', () => {
    let grouped = 0;
    for (const run of runs) {
      const [record] = all(run, 'summary-record');
      expect(record?.status).toBe('parsed');
      const closing = new Map<string, string>();
      for (const answer of all(run, 'positions')) {
        if (answer.moment !== 'closing') continue;
        for (const p of answer.positions)
          closing.set(`${p.question}\u0000${answer.speaker}`, p.position);
      }
      for (const group of record?.record.groups ?? []) {
        for (const seat of group.seats) {
          grouped++;
          expect(
            closing.get(`${group.question}\u0000${seat}`),
            `${seat} on question ${group.question}`,
          ).toBe(group.stance);
        }
      }
    }
    expect(grouped).toBeGreaterThan(SEEDS.length);
  });

  it('leaves open only free questions the closing did not settle, never one the vote decided', () => {
    let open = 0;
    for (const run of runs) {
      const [record] = all(run, 'summary-record');
      const closing = all(run, 'positions').filter((answer) => answer.moment === 'closing');
      for (const question of record?.record.openQuestions ?? []) {
        open++;
        const index = run.table.task.questions.findIndex((q) => q.startsWith(question));
        expect(index, question).toBeGreaterThanOrEqual(0);
        // Free text: every seat's position on it is a sentence, not one of its options.
        for (const answer of closing) {
          const position = answer.positions.find((p) => p.question === index)?.position ?? '';
          expect(position, question).toMatch(/\s.*[.!?]$/);
        }
      }
    }
    expect(open).toBeGreaterThan(0);
  });

  it('records action items that start with what to do, owned by a seat, in words of the discussion', () => {
    let items = 0;
    for (const run of runs) {
      const names = run.table.participants.map((p) => p.name);
      const [record] = all(run, 'summary-record');
      const said = tokens(
        [
          ...all(run, 'turn-ended').map((e) => e.text),
          ...all(run, 'summary').map((e) => e.text),
          ...all(run, 'positions').flatMap((a) =>
            a.positions.map((p) => `${p.position} ${p.because}`),
          ),
        ].join(' '),
      );
      for (const { action, owner } of record?.record.actionItems ?? []) {
        items++;
        expect(names, action).toContain(owner);
        const [first] = tokens(action);
        expect(NOT_A_VERB.has(first ?? ''), action).toBe(false);
        expect(action).not.toMatch(/\?$/);
        const content = tokens(action).filter((word) => word.length >= 5);
        const heard = content.filter((word) => said.includes(word));
        expect(heard.length, action).toBeGreaterThanOrEqual(Math.min(2, content.length));
      }
    }
    expect(items).toBeGreaterThanOrEqual(SEEDS.length);
  });
});
