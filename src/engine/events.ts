import type { FloorEvent } from './events/floor.js';
import type { PhaseEvent } from './events/phases.js';
import type { RequestEvent } from './events/requests.js';
import type { RunEvent } from './events/run.js';
import type { TurnEvent } from './events/turns.js';
import type { OutcomeEvent } from './outcome-events.js';

// The events live in ./events/, one file per family; this module is the one place to import
// them from.
export type * from './events/floor.js';
export type * from './events/phases.js';
export type * from './events/requests.js';
export type * from './events/run.js';
export type * from './events/turns.js';

/**
 * Everything a discussion does, in order. Every consumer (TUI, plain text, JSON lines,
 * transcripts) reads this one stream; events are plain JSON-serialisable data.
 */
export type DiscussionEvent =
  | RunEvent
  | TurnEvent
  | PhaseEvent
  | FloorEvent
  | RequestEvent
  | OutcomeEvent;

export type DiscussionEventType = DiscussionEvent['type'];
export type EventOf<T extends DiscussionEventType> = Extract<DiscussionEvent, { type: T }>;
