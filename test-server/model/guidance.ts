import { nameTest } from './words.js';

// What the moderator's last line asks of the seat. Each part is recognised by a few words that
// any wording of it is likely to keep ("turn 5 of 10", "Topic:", "invite", "wrap up", "0-9"),
// so rephrased guidance still reads right and unknown guidance is answered as a turn.

/** A turn, the closing summary, a bid for the floor, a debate's verdict or a council's synthesis. */
export type AskKind = 'turn' | 'summary' | 'bid' | 'verdict' | 'synthesis';

export interface Guidance {
  readonly kind: AskKind;
  /** The topic this turn is about, when the line names one. */
  readonly topic: string | undefined;
  readonly turn: number | undefined;
  readonly turns: number | undefined;
  readonly lastTurn: boolean;
  readonly introduce: boolean;
  readonly invite: boolean;
  readonly wrapUp: boolean;
  /** Other seats the line names (a steer such as "ask Tomasz about the cost"). */
  readonly named: readonly string[];
}

const TOPIC_LINE =
  /(?:^|[\n.:!?]\s*)(?:new |first |current |next |our first )?topic:[ \t]*([^\n]+)/i;
const TURN_OF = /\bturn (\d+) of (\d+)\b/i;
const FLOOR = /\bfloor\b|\byour turn\b/i;
const LAST_TURN = /\b(?:the|your) (?:last|final) turn\b/i;
const INTRODUCE = /\bintroduce yourself\b|\byour first turn\b/i;
const INVITE =
  /\binvite\b|\bask (?:one|some|any|them|the others|others|each other|someone)\b|\bwhat they think\b|\btheir (?:views|opinions?)\b/i;
const WRAP_UP =
  /\bwrap(?:ping)?[\s-]?up\b|\bdraw your points together\b|\bclosing (?:statement|remarks|words)\b|\bconclude\b/i;
const SCALE = /\b0\s*(?:-|–|—|to)\s*9\b/;
const BID = /\burgen|\bbid\b|\beager|\bwant to speak\b|\bhow much\b/i;
/** The judge's ask ("give your verdict: which side made the stronger case") and the chair's. */
const VERDICT = /\bverdict\b|\bstronger case\b/i;
const SYNTHESIS = /\bsynthesi[sz]e\b|\bcouncil recommends\b/i;
const SUMMARY =
  /\bsummar|\bsum up\b|\brecap|\bis over\b|\bclose (?:it|the)\b|\bclosing\b|\bminutes\b|\bconclu/i;

/** The topic a moderator line announces ("Our first topic: …", "New topic: …", "Topic: …"). */
export function topicOf(line: string): string | undefined {
  const match = TOPIC_LINE.exec(line);
  const topic = match?.[1]?.trim();
  return topic === undefined || topic === '' ? undefined : topic;
}

function named(line: string, others: readonly string[]): string[] {
  return others.filter((name) => nameTest([name]).test(line));
}

/** Reads the moderator's last line; `others` are the other seats' names. */
export function readGuidance(ask: string, others: readonly string[]): Guidance {
  const turnMatch = TURN_OF.exec(ask);
  const turn = turnMatch === null ? undefined : Number(turnMatch[1]);
  const turns = turnMatch === null ? undefined : Number(turnMatch[2]);
  const topic = topicOf(ask);
  const isTurn = turnMatch !== null || topic !== undefined || FLOOR.test(ask);
  let kind: AskKind = 'turn';
  if (SCALE.test(ask) && BID.test(ask)) kind = 'bid';
  else if (!isTurn && SYNTHESIS.test(ask)) kind = 'synthesis';
  else if (!isTurn && VERDICT.test(ask)) kind = 'verdict';
  else if (!isTurn && SUMMARY.test(ask)) kind = 'summary';
  return {
    kind,
    topic,
    turn,
    turns,
    lastTurn: LAST_TURN.test(ask) || (turn !== undefined && turn === turns),
    introduce: INTRODUCE.test(ask),
    invite: INVITE.test(ask),
    wrapUp: WRAP_UP.test(ask),
    named: named(ask, others),
  };
}
