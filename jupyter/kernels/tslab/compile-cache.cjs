// A disk cache for the work tslab repeats in every new kernel: before the first cell that imports src runs, tslab
// type-checks, emits and converts to CommonJS every src file the cell imports (about 9 of the first cell's ~10
// CPU-seconds, in every notebook). Each result is a pure function of its inputs, so it is stored under a hash of
//   the TypeScript version, the compiler options and the text of every file in the program except the cell
// ("program key"): any edit to src, to a .d.ts or to the options misses the cache. What is cached:
//  - "this src file has no errors": only clean verdicts, so an error is always found and shown; the cell itself is
//    always checked; a cell that augments global or module types (`declare global` / `declare module`, which can
//    change how src checks and emits) bypasses the cache;
//  - the JavaScript tslab emits for a src file (never the cell's own output, nor a file tslab's last-expression
//    rewrite touched, as that depends on the cell);
//  - the ES module → CommonJS step (ts.transpileModule: input text + options in, text out).
// tslab reads TypeScript as a module, so the only hook is to hand it a copy of that module with three functions
// wrapped (through require.cache) before tslab loads. Entries live in build/tslab-cache/ (git-ignored), written
// atomically (temp sibling + rename), so kernels running at once share them.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const VIRTUAL = new Set(['__tslab__.ts', '__tslab__.js', '__prev__.d.ts']);
const AUGMENTS = /\bdeclare\s+(global|module)\b/;
const KEEP_PROGRAMS = 8; // program keys kept; older ones (from earlier versions of src) are pruned

function sha(...parts) {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined; // absent (or torn by a crash before rename, which cannot happen): recompute
  }
}

function prune(dir, keep) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== keep);
  } catch {
    return;
  }
  const byAge = entries
    .map((e) => ({ p: path.join(dir, e.name), t: fs.statSync(path.join(dir, e.name)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const old of byAge.slice(KEEP_PROGRAMS - 1)) fs.rmSync(old.p, { recursive: true, force: true });
}

const isVirtual = (fileName) => VIRTUAL.has(path.basename(fileName));

/** Hand tslab a TypeScript module whose diagnostics, emit and CommonJS step use the cache; returns that module. */
function install(root, dir = path.join(root, 'build', 'tslab-cache')) {
  const tsPath = require.resolve('@tslab/typescript-for-tslab', { paths: [path.join(root, 'node_modules', 'tslab', 'dist')] });
  const ts = require(tsPath);
  const fileHashes = new WeakMap(); // SourceFile objects are reused across cells while their text is unchanged
  const programKeys = new WeakMap();
  const pruned = new Set();

  /** The folder for this program's entries, or undefined when a cell augments global or module types. */
  function programDir(program) {
    if (programKeys.has(program)) return programKeys.get(program);
    const files = [];
    for (const sf of program.getSourceFiles()) {
      if (isVirtual(sf.fileName)) {
        if (AUGMENTS.test(sf.text)) {
          programKeys.set(program, undefined);
          return undefined;
        }
        continue;
      }
      let h = fileHashes.get(sf);
      if (h === undefined) fileHashes.set(sf, (h = sha(sf.text)));
      files.push(`${sf.fileName}\0${h}`);
    }
    files.sort();
    const options = program.getCompilerOptions();
    const key = sha(ts.version, JSON.stringify(options, Object.keys(options).sort()), ...files);
    const out = path.join(dir, 'programs', key.slice(0, 32));
    programKeys.set(program, out);
    if (!pruned.has(out)) {
      pruned.add(out);
      prune(path.dirname(out), path.basename(out));
      // CommonJS entries are keyed by content alone; drop them all once they outgrow a few versions of src
      if ((fs.existsSync(path.join(dir, 'cjs')) ? fs.readdirSync(path.join(dir, 'cjs')).length : 0) > 4000)
        fs.rmSync(path.join(dir, 'cjs'), { recursive: true, force: true });
    }
    return out;
  }

  function getPreEmitDiagnosticsOfFiles(program, sourceFiles, cancellationToken) {
    const pdir = programDir(program);
    const file = pdir && path.join(pdir, 'clean.json');
    const clean = new Set((file && readJson(file)) || []);
    const todo = sourceFiles.filter((sf) => !clean.has(sf.fileName));
    const diagnostics = ts.getPreEmitDiagnosticsOfFiles(program, todo, cancellationToken);
    const checked = todo.map((sf) => sf.fileName).filter((f) => !isVirtual(f));
    // clean: nothing but the options' own diagnostics (tslab's deprecated noImplicitUseStrict, recomputed every time)
    const onlyOptions = diagnostics.length === program.getOptionsDiagnostics().length && diagnostics.every((d) => d.file === undefined);
    if (file && onlyOptions && checked.length > 0) writeAtomic(file, JSON.stringify([...clean, ...checked].sort()));
    return diagnostics;
  }

  /** Replay a src file's cached JavaScript instead of checking and emitting it again. */
  function cachedEmit(builder) {
    const emit = builder.emit.bind(builder);
    builder.emit = (target, writeFile, cancellationToken, emitOnlyDts, transformers) => {
      const pdir = target && !isVirtual(target.fileName) && !emitOnlyDts && writeFile ? programDir(builder.getProgram()) : undefined;
      if (!pdir) return emit(target, writeFile, cancellationToken, emitOnlyDts, transformers);
      const file = path.join(pdir, 'emit', `${sha(target.fileName).slice(0, 32)}.json`);
      const hit = readJson(file);
      if (hit && hit.source === target.fileName) {
        for (const [name, data] of hit.outputs) writeFile(name, data, false);
        return { emitSkipped: false, diagnostics: [] };
      }
      const outputs = [];
      const result = emit(
        target,
        (name, data, ...rest) => {
          if (name.endsWith('.js')) outputs.push([name, data]);
          return writeFile(name, data, ...rest);
        },
        cancellationToken,
        emitOnlyDts,
        transformers,
      );
      const touched = outputs.some(([, data]) => data.includes('tsLastExpr')); // tslab's last-expression rewrite
      if (!result.emitSkipped && result.diagnostics.length === 0 && !touched)
        writeAtomic(file, JSON.stringify({ source: target.fileName, outputs }));
      return result;
    };
    return builder;
  }

  function createWatchCompilerHost(rootFiles, options, system, createProgram, ...reporters) {
    const create = createProgram || ts.createEmitAndSemanticDiagnosticsBuilderProgram;
    return ts.createWatchCompilerHost(rootFiles, options, system, (...args) => cachedEmit(create(...args)), ...reporters);
  }

  function transpileModule(input, options) {
    if (options.reportDiagnostics || options.transformers) return ts.transpileModule(input, options);
    const file = path.join(dir, 'cjs', `${sha(ts.version, JSON.stringify(options), input).slice(0, 32)}.json`);
    const hit = readJson(file);
    if (hit) return hit;
    const out = ts.transpileModule(input, options);
    writeAtomic(file, JSON.stringify({ outputText: out.outputText, sourceMapText: out.sourceMapText }));
    return out;
  }

  const overrides = { getPreEmitDiagnosticsOfFiles, createWatchCompilerHost, transpileModule };
  const wrapped = {};
  for (const k of Object.keys(ts))
    Object.defineProperty(wrapped, k, k in overrides ? { enumerable: true, value: overrides[k] } : { enumerable: true, get: () => ts[k] });
  require.cache[tsPath] = { id: tsPath, filename: tsPath, loaded: true, exports: wrapped, children: [], paths: [] };
  return wrapped;
}

module.exports = { install };
