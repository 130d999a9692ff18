// The keyboard and paste of the live view: each key press is read against the latest UI state and
// what the engine has said so far (controller.ts decides), and its effects are carried out: a
// command sent, a person's answer handed over, Ctrl-C, leaving. Another use of the view (replay)
// may take every key instead.
import { useApp, useInput, usePaste, useStdin } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { Command } from '../../engine/commands.js';
import {
  type Effect,
  initialUiState,
  interpretKeys,
  interpretPaste,
  type KeyContext,
  type Step,
  type UiState,
} from '../controller.js';
import type { HumanSeat } from '../human-seat.js';
import { decodeKeys, type KeyPress } from '../keys.js';
import type { TuiStore } from '../store.js';
import { helpPages } from './HelpOverlay.js';

/** Every key press goes to `onKey`; the status line shows `hints` where the keys would be. */
export interface KeyOverride {
  hints(width: number): string;
  onKey(press: KeyPress): void;
}

export interface KeysInput {
  readonly store: TuiStore;
  readonly humanSeat: HumanSeat;
  readonly send: (command: Command) => void;
  readonly onAbort: () => void;
  readonly keys: KeyOverride | undefined;
  readonly names: readonly string[];
  readonly columns: number;
  /** The rows help is paged to: its page count bounds the paging keys. */
  readonly helpRoom: number;
  /** The engine's pause, as drawn. */
  readonly paused: boolean;
}

/** The UI state the keys have made. */
export function useKeys(input: KeysInput): UiState {
  const { store, humanSeat, keys } = input;
  const { isRawModeSupported } = useStdin();
  const { exit } = useApp();
  const [ui, setUi] = useState<UiState>(initialUiState);
  // Key handlers read the latest UI state even when several keys arrive between renders.
  const uiRef = useRef<UiState>(initialUiState);

  const update = (next: UiState): void => {
    uiRef.current = next;
    setUi(next);
  };

  // Once the engine confirms a pause or resume, the request is settled.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the engine's pause flips
  useEffect(() => {
    if (uiRef.current.pauseWanted !== undefined) {
      update({ ...uiRef.current, pauseWanted: undefined });
    }
  }, [input.paused]);

  const apply = (effect: Effect): void => {
    switch (effect.type) {
      case 'send':
        input.send(effect.command);
        return;
      case 'answer':
        humanSeat.answer(effect.text);
        return;
      case 'abort':
        input.onAbort();
        return;
      case 'exit':
        exit();
        return;
      default: {
        const unknown: never = effect;
        throw new Error(`unhandled effect ${JSON.stringify(unknown)}`);
      }
    }
  };

  const context = (): KeyContext => {
    // Events are drawn in stream order: what the engine said before the key is drawn first, and
    // the key is read against it (a notice then answers the key under the turn it came in).
    store.flush();
    const current = store.getState();
    return {
      names: input.names,
      questionCount: current.questions.length,
      prompt: humanSeat.current(),
      enginePaused: current.paused,
      turnsStarted: current.turnsStarted,
      ended: current.ended !== undefined,
      helpPages: helpPages(input.columns, input.helpRoom).length,
    };
  };
  const handle = (step: Step): void => {
    if (step.ui !== uiRef.current) update(step.ui);
    for (const effect of step.effects) apply(effect);
  };

  useInput(
    (text, key) => {
      if (keys === undefined) {
        handle(interpretKeys(uiRef.current, decodeKeys(text, key), context()));
        return;
      }
      for (const press of decodeKeys(text, key)) keys.onKey(press);
      // What the keys changed is not in the store: draw the status line again now.
      update({ ...uiRef.current });
    },
    {
      isActive: isRawModeSupported,
    },
  );
  usePaste((text) => handle(interpretPaste(uiRef.current, text, context())), {
    isActive: isRawModeSupported && keys === undefined,
  });
  return ui;
}
