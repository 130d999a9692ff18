// Loads the CLI from dist/scripts/ (the chunks as scripts, scripts/chunk-scripts.ts) with a code
// cache made after the command ran, so that it holds every function the command compiled.
//
// Why: Node's compile cache, for ES modules, keeps only what V8 compiled with a module before
// any of it ran; the arrow functions, class methods and nested functions a discussion calls were
// compiled again at every start. A script's `createCachedData()`, called at exit, keeps them all
// (the first run of a command writes it; later runs compile almost nothing). Figures:
// docs/benchmarks.md, "Start-up › Session 13".
//
// The cache sits beside Node's compile cache (in the system's temporary folder), one folder per
// build, Node, V8 flags and command (`variant`): runs that differ there compile different
// functions, and V8 refuses a cache made under other flags. Each file is checked before use
// against the script it was made from (size, modification time, inode); V8 checks its version,
// flags and the source's length itself and refuses what does not match (`cachedDataRejected`).
// A missing, stale or refused cache costs only the time to compile, and is written again at exit.

// Built-ins taken as objects: an ES import of one makes Node build its module facade, reading
// every export (docs/benchmarks.md, "Start-up › Session 9").
const {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} = process.getBuiltinModule('fs');
const { createRequire } = process.getBuiltinModule('module');
const { join } = process.getBuiltinModule('path');
const { pathToFileURL } = process.getBuiltinModule('url');
const { Script, constants } = process.getBuiltinModule('vm');

/** A cache file: this header (the script's size, mtime in ms, inode, as text), then V8's data. */
const MAGIC = 'roundtable-code-cache-1\n';

/**
 * Runs the entry script `entry` of `dir` (whose chunks' ES module twins are in `esmDir`), caching
 * in `cacheDir` (undefined: no cache). Resolves when the entry has finished. `loaded` lists what
 * happened to each script: 'cached' (V8 took the cache), 'compiled' (none, or stale), 'rejected'.
 */
export function runScripts({ dir, esmDir, entry, cacheDir }) {
  const records = new Map();
  const loaded = [];
  let nodeRequire;
  const requireFor = (id) => {
    if (id.startsWith('./chunk-')) return evaluate(id.slice(2), false).exports;
    nodeRequire ??= createRequire(join(esmDir, 'roundtable.js'));
    return nodeRequire(id);
  };
  const importChunk = async (id) => {
    const record = evaluate(id.slice(2), true);
    await record.done;
    return record.exports;
  };

  function evaluate(name, mayWait) {
    let record = records.get(name);
    if (record !== undefined) return record;
    const file = join(dir, name);
    // Its identity and text from one open file: a build replacing it meanwhile cannot pair the
    // new text with the old file's identity.
    const fd = openSync(file, 'r');
    let source;
    let identity;
    try {
      identity = stamp(fstatSync(fd));
      source = readFileSync(fd, 'latin1');
    } finally {
      closeSync(fd);
    }
    const cachedData =
      cacheDir === undefined ? undefined : readCache(join(cacheDir, name), identity);
    const script = new Script(source, {
      filename: file,
      cachedData,
      // A chunk's import() of something other than a chunk (BullMQ's sandboxed processor file).
      importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
    });
    const state =
      cachedData === undefined ? 'compiled' : script.cachedDataRejected ? 'rejected' : 'cached';
    loaded.push({ name, state, script, identity });
    const module = { exports: {} };
    // Few chunks read import.meta: their URL is made when one does.
    const meta = {
      get url() {
        return pathToFileURL(join(esmDir, name)).href;
      },
    };
    record = {
      module,
      done: undefined,
      get exports() {
        return module.exports;
      },
    };
    records.set(name, record);
    const result = script.runInThisContext()(module.exports, requireFor, module, meta, importChunk);
    if (result instanceof Promise && !mayWait) {
      throw new Error(`${name} awaits at its top level and cannot be required (bin/code-cache.js)`);
    }
    record.done = result;
    return record;
  }

  if (cacheDir !== undefined) process.on('exit', () => saveCaches(cacheDir, loaded, dir));
  return { loaded, done: importChunk(`./${entry}`) };
}

function stamp(stats) {
  return `${stats.size} ${stats.mtimeMs} ${stats.ino}\n`;
}

/** The V8 data of the cache at `path` if it was made from the script as it is now. */
function readCache(path, identity) {
  let data;
  try {
    const fd = openSync(path, 'r');
    try {
      if (!ownFile(fstatSync(fd))) return undefined;
      data = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const header = MAGIC + identity;
  if (data.length <= header.length || data.latin1Slice(0, header.length) !== header) {
    return undefined;
  }
  return data.subarray(header.length);
}

/**
 * Whether a cache file is this user's and only theirs to write. V8 runs what a cache holds, and
 * the temporary folder is shared: a file another user could have written is not used.
 */
function ownFile(stats) {
  if (process.getuid === undefined) return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}

/** Writes the cache of each script that had none, a stale one, or one V8 refused. */
function saveCaches(cacheDir, loaded, dir) {
  const fresh = loaded.filter(({ state }) => state !== 'cached');
  if (fresh.length === 0) return;
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    for (const { name, script, identity } of fresh) {
      // Written aside and renamed, so that a run starting meanwhile reads a whole file or none.
      const path = join(cacheDir, name);
      const aside = `${path}.${process.pid}`;
      const fd = openSync(aside, 'wx', 0o600);
      try {
        writeSync(fd, MAGIC + identity);
        writeSync(fd, script.createCachedData());
      } finally {
        closeSync(fd);
      }
      renameSync(aside, path);
    }
    // A rebuild names its chunks anew: the caches of chunks no longer in the build go.
    const current = new Set(readdirSync(dir));
    for (const name of readdirSync(cacheDir)) {
      if (name.endsWith('.js') && !current.has(name)) rmSync(join(cacheDir, name), { force: true });
    }
  } catch {
    // A cache that cannot be written (a read-only or full disk) only costs the next run's time.
  }
}

/**
 * The folder for `variant`'s caches of the scripts in `dir`, under Node's compile cache folder
 * `compileCacheDir`: a hash of the build's folder, Node's version and the variant.
 */
export function cacheFolder(compileCacheDir, dir, variant) {
  const key = `${dir}\0${process.version}\0${process.arch}\0${variant}`;
  // FNV-1a, 32 bits twice (no crypto module loaded for it).
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < key.length; i++) {
    a = Math.imul(a ^ key.charCodeAt(i), 0x01000193) >>> 0;
    b = Math.imul(b ^ key.charCodeAt(key.length - 1 - i), 0x811c9dc5) >>> 0;
  }
  return join(compileCacheDir, 'roundtable-scripts', a.toString(16) + b.toString(16));
}
