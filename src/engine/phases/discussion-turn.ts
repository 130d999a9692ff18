// One turn of the free discussion: who has the floor and why, the request from the speaker's
// point of view, the reply (asked again once when it repeats an earlier turn and the table says
// so), and what it changes for the turns that follow.
import { takeControlWord } from '../control-words.js';
import { conversationFor } from '../conversation.js';
import type { ControlWord, DiscussionEvent, HeldBack, RepeatMark } from '../events.js';
import { namingOutcome } from '../floor-record.js';
import { DEFAULT_REPEAT_THRESHOLD, findRepeat } from '../guards/repetition.js';
import { hearTurn, isHeard } from '../heard.js';
import { errorEvent, type Outcome, settleReply } from '../outcome.js';
import { type Choice, decideSpeaker, namedFloor } from '../policies/choose.js';
import { chooseOriginal } from '../policies/original.js';
import { createRandom, deriveSeed } from '../random.js';
import type { Reply } from '../reply.js';
import { buildTurnRequest, controlWordsOn, guidanceText, type TurnGuidance } from '../request.js';
import {
  directivesFor,
  discussionTurnFollows,
  leastDiscussed,
  MAX_TOPICS_DUE,
  topicHold,
  turnsBeforeMove,
  wrapUpFrom,
} from '../schedule.js';
import type { Seat } from '../seats.js';
import type { DiscussionState } from '../state.js';
import { streamReply } from '../stream-reply.js';
import { changeTopic } from '../topics.js';
import { addUsage } from '../usage.js';
import { markReply } from './marks.js';
import { alternatingSides, answeringSide, floorCandidates } from './sides.js';
import type { PhaseKindOf, SpeakerPolicy } from './spec.js';

type DiscussionSpec = PhaseKindOf<'discussion'>;

/** What a turn's reply means once the control word is off and the repetition guard has looked. */
interface Heard {
  readonly reply: Reply;
  readonly text: string;
  readonly control?: ControlWord | undefined;
  readonly repeat?: RepeatMark | undefined;
}

export async function* runDiscussionTurn(
  state: DiscussionState,
  spec: DiscussionSpec,
  policy: SpeakerPolicy,
  turn: number,
  turns: number,
): AsyncGenerator<DiscussionEvent, Outcome | 'moderator-end'> {
  // The turn's place in this phase: what its guidance counts and its directives go by.
  const step = state.phaseTurns + 1;
  // A stream of its own per turn, always drawn in the same order: the same seed gives the
  // same draws whatever the replies were, and a resumed run stays on the same path.
  const random = createRandom(deriveSeed(state.seed, turn));
  const changeTopicNow = random.chance(state.pTopic);
  const inviteOpinions = random.chance(state.pInvite);

  const settings = { ...state.settings, turns };
  const allowed = floorCandidates(state, spec);
  // The floor goes round the sides: the side whose turn it is stands for the table.
  const sides = policy !== 'original' && answeringSide(state, spec, state.previous) !== undefined;
  const held: HeldBack[] = [];
  // Drawn on every turn after the first; ones drawn earlier and held may still be waiting.
  const due = state.topicsDue + (step > 1 && changeTopicNow ? 1 : 0);
  if (due > 0 && !state.moderatorChangedTopic) {
    const wrapUp = step >= wrapUpFrom(settings);
    const hold = yield* scheduledTopicChange(state, spec, allowed, turn, { wrapUp, due, sides });
    if (hold !== undefined) held.push(hold);
  }

  let choice: Choice;
  if (policy === 'original') {
    choice = chooseOriginal(state, allowed, random);
  } else {
    const decision = yield* decideSpeaker(state, policy, allowed, random, {
      turn,
      step,
      turnsLeft: turns - step,
      sides,
    });
    if (decision.kind === 'end') return 'moderator-end';
    choice = decision.choice;
    if (decision.nextTopic) {
      const index = leastDiscussed(state.topicTurns, state.topic.index);
      if (index !== state.topic.index) {
        const topic = { index, text: state.question(index) };
        yield* changeTopic(state, topic, turn, 'llm-moderator');
      }
    }
  }
  if (choice.silenceWaits !== undefined) {
    const waits = state.seat(choice.silenceWaits).participant;
    held.push({
      decision: 'silence-guard',
      reason: 'answer',
      seat: waits.seat,
      speaker: waits.name,
    });
  }
  const seat = state.seat(choice.index);
  const { participant } = seat;
  const turnsLeft = turns - step;
  // Drawn whatever comes after, so the stream stays the same; given only when it can be answered.
  const answerable = discussionTurnFollows(state.phases, state.phaseIndex, turnsLeft);
  const { directives, withheld } = directivesFor(step, settings, { inviteOpinions, answerable });
  if (withheld !== undefined) held.push(withheld);
  const topic = state.topic;
  const topicChanged = state.topicFresh;
  state.topicFresh = false;
  state.moderatorChangedTopic = false;
  if (topic.index >= 0) state.topicTurns[topic.index] = (state.topicTurns[topic.index] ?? 0) + 1;
  state.turnsOnTopic += 1;
  state.turnsTaken = turn;
  state.phaseTurns = step;

  const passed = passedOver(state, choice.index);
  yield {
    type: 'turn-started',
    turn,
    kind: 'turn',
    seat: participant.seat,
    speaker: participant.name,
    model: participant.model,
    topic,
    directives,
    ...(held.length === 0 ? {} : { withheld: held }),
    turnsLeft,
    reason: choice.reason,
    why: choice.why,
    ...(choice.addressed === undefined ? {} : { addressed: choice.addressed }),
    ...(passed === undefined ? {} : { passedOver: passed }),
    guard: choice.guard,
    steer: choice.steer,
    phase: state.phaseIndex,
  };
  const notes = [
    ...(choice.steer === undefined ? [] : [`Moderator's note for you: ${choice.steer}`]),
    ...(state.newPoint.has(choice.index)
      ? ['Your last reply repeated an earlier turn: make a new point this time.']
      : []),
  ];
  const guidance: TurnGuidance = {
    turn: step,
    turns,
    topic,
    topicChanged,
    directives,
    turnsLeft,
    introduce: state.settings.introductions && !seat.hadFloor,
    notes,
    otherSide: answeringSide(state, spec, choice.index)?.map(
      (index) => state.seat(index).participant.name,
    ),
  };
  const moderated = policy !== 'original';
  let heard = yield* speak(state, seat, turn, guidance, moderated);
  seat.hadFloor = true;
  if (heard.repeat !== undefined && moderated && state.settings.onRepeat === 'regenerate') {
    // Withdrawn and asked again, once: what it cost counts all the same.
    yield {
      type: 'reply-discarded',
      turn,
      seat: participant.seat,
      speaker: participant.name,
      text: heard.text,
      usage: heard.reply.usage,
      reason: 'repeat',
      repeat: heard.repeat,
    };
    state.usage = addUsage(state.usage, heard.reply.usage);
    const again: TurnGuidance = {
      ...guidance,
      notes: [...notes, `That nearly repeated turn ${heard.repeat.of}: say something new instead.`],
    };
    heard = yield* speak(state, seat, turn, again, moderated);
  }
  const { reply, text } = heard;
  if (reply.failure !== undefined) yield errorEvent(reply.failure, turn, participant);
  const ended = {
    type: 'turn-ended' as const,
    turn,
    seat: participant.seat,
    speaker: participant.name,
    text,
    status: reply.status,
    usage: reply.usage,
    cut: reply.cleaned.cut,
    ...(reply.cutOff === undefined ? {} : { cutOff: reply.cutOff }),
    control: heard.control,
    repeat: heard.repeat,
  };
  yield ended;

  state.previous = choice.index;
  state.floor = undefined;
  const spoken = isHeard(ended);
  const naming =
    !spoken || heard.control === 'pass'
      ? undefined
      : seat.mentions.naming(text, state.settings.floor ?? 'named');
  const named = namingOutcome(naming, (name) => state.indexOf(name), participant.name);
  state.record.push({ step, index: choice.index, reason: choice.reason, ...named.entry });
  markReply(state, choice.index, ended);
  if (spoken) hearTurn(state.log, seat, ended);
  if (named.floor !== undefined) state.floor = named.floor;
  return yield* settleReply(state, reply, turn);
}

/**
 * The seat the last reply named only in passing, when it is not the one speaking now: the event
 * says it was named but not addressed, so a reader sees why it did not take the floor.
 */
function passedOver(
  state: DiscussionState,
  index: number,
): { readonly seat: number; readonly speaker: string } | undefined {
  const passing = state.record.at(-1)?.passing;
  if (passing === undefined || passing === index || state.floor?.reason === 'moderator') {
    return undefined;
  }
  const { participant } = state.seat(passing);
  return { seat: participant.seat, speaker: participant.name };
}

/**
 * Makes the first of the `due` scheduled topic changes if the turn may, and returns what it holds
 * back: one change waits per hold (see `HeldBack`), and a wrap-up turn drops them all.
 */
async function* scheduledTopicChange(
  state: DiscussionState,
  spec: DiscussionSpec,
  allowed: readonly number[],
  turn: number,
  {
    wrapUp,
    due,
    sides,
  }: { readonly wrapUp: boolean; readonly due: number; readonly sides: boolean },
): AsyncGenerator<DiscussionEvent, HeldBack | undefined> {
  const index = leastDiscussed(state.topicTurns, state.topic.index);
  // With a single question there is nowhere to move to.
  if (index === state.topic.index) return undefined;
  const reason = topicHold({
    wrapUp,
    answering: answering(state, allowed, sides),
    turnsOnTopic: state.turnsOnTopic,
    minTurns: turnsBeforeMove(alternatingSides(state, spec)),
  });
  let waiting = due;
  if (reason === undefined) {
    yield* changeTopic(state, { index, text: state.question(index) }, turn, 'schedule');
    waiting -= 1;
  }
  // A change made now leaves the new topic fresh: a second one due waits for its second turn.
  const still = reason ?? (waiting > 0 ? 'fresh-topic' : undefined);
  waiting = still === 'wrap-up' ? 0 : Math.min(waiting, MAX_TOPICS_DUE);
  state.topicsDue = waiting;
  if (still === undefined) return undefined;
  return { decision: 'topic-change', reason: still, ...(waiting > 1 ? { due: waiting } : {}) };
}

/**
 * The floor goes to a seat named in the last reply (or by a person) that may speak now, or in a
 * debate to one named since its side last spoke: its turn answers what it was asked, on the
 * topic it was asked about.
 */
function answering(state: DiscussionState, allowed: readonly number[], sides: boolean): boolean {
  if (state.floor?.reason === 'moderator') return true;
  return namedFloor(state, allowed, sides) !== undefined;
}

/** Asks the speaker, streams the reply, takes off a control word and looks for a repeat. */
async function* speak(
  state: DiscussionState,
  seat: Seat,
  turn: number,
  guidance: TurnGuidance,
  moderated: boolean,
): AsyncGenerator<DiscussionEvent, Heard> {
  const { participant } = seat;
  const request = buildTurnRequest({
    table: state.table,
    settings: state.settings,
    participant,
    conversation: yield* conversationFor(state, turn, seat, guidanceText(participant, guidance)),
    system: seat.system,
    guidance,
  });
  const words = moderated && controlWordsOn(state.settings);
  const reply = yield* streamReply(state, request, turn, seat, { controlWords: words });
  state.context?.observe(participant, request, reply.usage);
  const { text, control } = words
    ? takeControlWord(reply.cleaned.text)
    : { text: reply.cleaned.text };
  const threshold = state.settings.repeatThreshold ?? DEFAULT_REPEAT_THRESHOLD;
  const spoken = isHeard({ status: reply.status, text });
  const repeat = moderated && spoken ? findRepeat(text, state.log.entries, threshold) : undefined;
  return { reply, text, control, repeat };
}
