// Imported before bin/roundtable.js (`node --import`): records the V8 flags the bin sets at run
// time and Node's built-in modules loaded, all of them and those after the first flag, into the
// JSON file named by WATCH_REPORT when the process exits (tests/cli/bin-flags.test.ts, and the
// live view's start in tests/tui/readme-view.test.ts).
import { writeFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const v8 = createRequire(import.meta.url)('node:v8');
const set = v8.setFlagsFromString;
const flags = [];
let from;
v8.setFlagsFromString = (flag) => {
  from ??= process.moduleLoadList.length;
  flags.push(flag);
  set.call(v8, flag);
};
syncBuiltinESMExports();

const builtins = (entries) =>
  entries.filter((e) => e.startsWith('NativeModule ')).map((e) => e.slice('NativeModule '.length));

process.on('exit', () => {
  const loaded = process.moduleLoadList;
  writeFileSync(
    process.env.WATCH_REPORT,
    JSON.stringify({
      flags,
      loaded: builtins(loaded),
      afterFlags: from === undefined ? [] : builtins(loaded.slice(from)),
    }),
  );
});
