import { composeJson, type JsonFormat } from '../json/json-reply.js';
import type { Random } from '../prng.js';
import { ConversationCache } from './chain/conversation-cache.js';
import { composeReply } from './compose.js';
import type { Knobs } from './knobs.js';
import { LruBytes } from './lru.js';
import { MessageMemo } from './message-memo.js';
import { type Prepared, prepare } from './prepare.js';
import type { ReadRequest } from './read-request.js';
import type { SeatMaterial } from './seat-material.js';
import type { ReplyText } from './turn.js';

export interface MarkovModelOptions {
  /** The model's context window in words (see ConversationChain). */
  readonly contextWords: number;
  /** Bytes the conversation and seat caches may hold together. */
  readonly cacheBytes: number;
}

/**
 * A share of the cache for seats' material, shared by a seat's every request. It grows as the
 * seat speaks (its mix's memo, its sentence banks): a 200-turn discussion's four seats hold
 * ~4.5 MB, which 0.2 of the default 16 MB could not keep without rebuilding them every request.
 */
const SEAT_SHARE = 0.4;
/** A share for what messages were read as (their text is mostly the chains' text too). */
const MESSAGE_SHARE = 0.15;
/**
 * A share for the HTTP server's messages as bytes (JsonBodyMemo, which the server keeps beside
 * the model): the cache's bytes cover both.
 */
export const BODY_SHARE = 0.1;

/**
 * The offline model: reads a request into its parts, reuses what earlier requests of the same
 * conversation and seat already built, and composes replies.
 */
export class MarkovModel {
  readonly conversations: ConversationCache;
  readonly seats: LruBytes<string, SeatMaterial>;
  readonly messages: MessageMemo;

  constructor(options: MarkovModelOptions) {
    this.messages = new MessageMemo(Math.floor(options.cacheBytes * MESSAGE_SHARE));
    this.conversations = new ConversationCache(
      options.contextWords,
      Math.floor(options.cacheBytes * (1 - SEAT_SHARE - MESSAGE_SHARE - BODY_SHARE)),
    );
    // A prepared state holds its seat's material but counts only itself: a seat that leaves
    // this cache takes its states with it, or they would keep it (and its banks) alive outside
    // every bound (a worker serving many tables once ran out of heap so).
    this.seats = new LruBytes(Math.floor(options.cacheBytes * SEAT_SHARE), (_key, seat) =>
      this.conversations.dropStates((state) => (state as Prepared).seat === seat),
    );
  }

  prepare(read: ReadRequest): Prepared {
    return prepare(read, {
      seats: this.seats,
      conversations: this.conversations,
    });
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
