// Imported first by main.ts, so that it runs before the rest of the CLI is even loaded: the
// sooner the keyboard is held, the fewer keys the terminal echoes (see typeahead.ts).
import { holdTypeahead, startsLiveView } from '../tui/typeahead.js';

if (startsLiveView(process.argv.slice(2), process.stdin, process.stdout)) holdTypeahead();
