import { runNow, type Task } from '../after-reply.js';
import { composeJson, type JsonFormat } from '../json/json-reply.js';
import type { Random } from '../prng.js';
import { PromptDigests } from '../prompt-digest.js';
import { ConversationCache, type ViewTrail } from './chain/conversation-cache.js';
import { composeReply } from './compose.js';
import type { Knobs } from './knobs.js';
import { LruBytes } from './lru.js';
import { MessageMemo } from './message-memo.js';
import { type Prepared, prepare } from './prepare.js';
import type { ReadRequest } from './read-request.js';
import { RequestMemo } from './request-memo.js';
import type { SeatMaterial } from './seat-material.js';
import type { ReplyText } from './turn.js';

export interface MarkovModelOptions {
  /** The model's context window in words (see ConversationChain). */
  readonly contextWords: number;
  /** Bytes the model's caches and the HTTP server's body memo may hold together. */
  readonly cacheBytes: number;
  /**
   * Runs work the reply being made does not need (what is kept for a later request): after the
   * reply is written, and always before the next request is read, so no reply depends on when
   * it ran (the worker's AfterReply, after-reply.ts). Unset: at once (the offline model
   * in-process, where nothing waits between requests).
   */
  readonly defer?: ((task: Task) => void) | undefined;
}

/**
 * How the cache bytes (`cacheBytes`, 16 MB unless told) are shared out: every cache a server
 * keeps has its share, bounded by bytes, and what it holds is counted where it is held (a
 * value kept by two caches is counted by both, never by neither). The shares add up to 1.
 * Outside them, bounded by count and small: name tests (words.ts, 64), words' normal forms
 * (walker.ts, 100,000 words), letters' classes past ASCII (letters.ts); and per seat, weakly
 * (they leave with it): its books by topic (turn.ts).
 */
export const CACHE_SHARES = {
  /**
   * Seats' material, shared by a seat's every request: its chains and tables, its table's
   * context material, its mix's memo and its sentence banks, which grow as it speaks (a
   * 200-turn discussion's four seats hold ~4.5 MB). Measured again after each reply.
   */
  seats: 0.4,
  /**
   * Conversations' chains and the prepared states kept with them (their pools and guards; the
   * seat a state holds is the seat cache's, and leaves with it).
   */
  conversations: 0.3,
  /** What each message was read as (MessageMemo; its text is mostly the chains' text too). */
  messages: 0.07,
  /**
   * Each seat's last chat request as read (RequestMemo), for its next request to carry on from:
   * its messages' readings (the memo's too while it keeps them), its turns, its prefix keys.
   */
  requests: 0.08,
  /** The HTTP server's messages as bytes and parsed values (JsonBodyMemo, beside the model). */
  bodies: 0.1,
  /** Prompts hashed lately, carried on by a seat's next request (PromptDigests). */
  digests: 0.05,
} as const;

/** The HTTP server's share (see CACHE_SHARES). */
export const BODY_SHARE = CACHE_SHARES.bodies;

const share = (cacheBytes: number, part: keyof typeof CACHE_SHARES) =>
  Math.floor(cacheBytes * CACHE_SHARES[part]);

/**
 * The offline model: reads a request into its parts, reuses what earlier requests of the same
 * conversation and seat already built, and composes replies.
 */
export class MarkovModel {
  readonly conversations: ConversationCache;
  readonly seats: LruBytes<string, SeatMaterial>;
  readonly messages: MessageMemo;
  readonly digests: PromptDigests;
  readonly requests: RequestMemo;
  /** See MarkovModelOptions.defer: a task must not change what the current reply is. */
  readonly defer: (task: Task) => void;

  constructor(options: MarkovModelOptions) {
    const { cacheBytes } = options;
    this.defer = options.defer ?? runNow;
    this.messages = new MessageMemo(share(cacheBytes, 'messages'));
    this.digests = new PromptDigests(share(cacheBytes, 'digests'));
    this.requests = new RequestMemo(share(cacheBytes, 'requests'));
    this.conversations = new ConversationCache(
      options.contextWords,
      share(cacheBytes, 'conversations'),
    );
    // A prepared state holds its seat's material but counts only itself: a seat that leaves
    // this cache takes its states with it, or they would keep it (and its banks) alive outside
    // every bound (a worker serving many tables once ran out of heap so).
    this.seats = new LruBytes(share(cacheBytes, 'seats'), (_key, seat) =>
      this.conversations.dropStates((state) => (state as Prepared).seat === seat),
    );
  }

  prepare(read: ReadRequest, trail?: ViewTrail): Prepared {
    return prepare(
      read,
      {
        seats: this.seats,
        conversations: this.conversations,
      },
      trail,
    );
  }

  /**
   * One reply: text, or the JSON value a response_format asks for. `poolSeed` seeds the sentence
   * pools of the state (see pool.ts); without it every sentence is walked afresh.
   */
  reply(
    prepared: Prepared,
    knobs: Knobs,
    temperature: number,
    random: Random,
    json?: JsonFormat | undefined,
    poolSeed?: string | undefined,
    maxTokens?: number | undefined,
  ): ReplyText {
    const voice = { knobs, temperature, random, poolSeed, maxTokens };
    return json === undefined ? composeReply(prepared, voice) : composeJson(prepared, voice, json);
  }
}
