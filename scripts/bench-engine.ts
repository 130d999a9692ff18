// The engine's own CPU time per turn, at turns 10, 100 and 1,000, with an instant in-process
// model (a ~60-word reply in four chunks). Run: npx tsx scripts/bench-engine.ts [runs]
import { cpus } from 'node:os';
import { runDiscussion } from '../src/engine/discussion.js';
import type { Model, ModelChunk } from '../src/engine/model.js';
import type { EngineSettings, Table } from '../src/engine/table.js';
import { benchSettings, benchTable } from './bench-table.js';
import { median } from './median.js';

const TURNS = 1000;
const RUNS = Number(process.argv[2] ?? 7);
const AT = [10, 100, 1000] as const;
const WINDOW = 10;

const table: Table = benchTable();
const settings: EngineSettings = benchSettings(TURNS);

const VOCABULARY =
  'the railway could become a linear park with housing along its edges and a tram line later if the costs per metre allow it while the neighbourhood keeps its character and rents stay within reach of the people who live there today'.split(
    ' ',
  );

/** ~60 words, four chunks; every other reply ends by naming someone. */
function reply(call: number, speaker: string): string[] {
  const words = Array.from(
    { length: 58 },
    (_, i) => VOCABULARY[(call * 7 + i) % VOCABULARY.length],
  );
  const names = ['Ann', 'Bob', 'Cy', 'Dee'].filter((n) => n !== speaker);
  const ending =
    call % 2 === 0 ? `What do you think, ${names[call % names.length]}?` : 'That is my view.';
  const text = `${words.join(' ')}. ${ending}`;
  const size = Math.ceil(text.length / 4);
  return [0, 1, 2, 3].map((i) => text.slice(i * size, (i + 1) * size));
}

function instantModel(reportUsage: boolean): Model {
  let call = 0;
  return async function* (request): AsyncGenerator<ModelChunk> {
    const chunks = reply(call++, request.speaker);
    for (const text of chunks) yield { type: 'text', text };
    if (reportUsage)
      yield {
        type: 'usage',
        usage: { promptTokens: 1000, completionTokens: 80, estimated: false },
      };
  };
}

const cpuMicros = (): number => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** CPU µs spent on each turn: from its turn-started to the next turn-started (or the end). */
async function perTurnCpu(reportUsage: boolean): Promise<number[]> {
  const marks: number[] = [];
  for await (const event of runDiscussion({ table, settings, model: instantModel(reportUsage) })) {
    if (event.type === 'turn-started' || event.type === 'discussion-ended') marks.push(cpuMicros());
  }
  return marks.slice(1).map((mark, i) => mark - (marks[i] ?? mark));
}

async function measure(reportUsage: boolean): Promise<string> {
  await perTurnCpu(reportUsage); // warm-up: JIT and the first allocations
  const runs: number[][] = [];
  const totals: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const before = cpuMicros();
    runs.push(await perTurnCpu(reportUsage));
    totals.push(cpuMicros() - before);
  }
  const cells = AT.map((turn) => {
    // Turns turn-WINDOW+1 .. turn of every run (index = turn - 1).
    const window = runs.flatMap((costs) => costs.slice(turn - WINDOW, turn));
    return `${median(window).toFixed(0)} µs`;
  });
  const label = reportUsage ? 'usage reported by the model' : 'usage estimated by the engine';
  return `| ${label} | ${cells.join(' | ')} | ${(median(totals) / 1000).toFixed(0)} ms |`;
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
process.stdout.write(
  `Engine CPU per turn (median of turns n-${WINDOW - 1}..n over ${RUNS} runs of ${TURNS} turns; Node ${process.version}, ${cpus().length} × ${cpu})\n\n`,
);
process.stdout.write(
  `| model | turn 10 | turn 100 | turn 1,000 | whole ${TURNS}-turn run |\n| --- | --- | --- | --- | --- |\n`,
);
process.stdout.write(`${await measure(true)}\n`);
process.stdout.write(`${await measure(false)}\n`);
