// Does what a notebook kernel does before its first cell (`import * as tslab from 'tslab'` and
// './src/index.js'): type-check, emit and convert src with tslab, filling build/tslab-cache/ so that
// kernels started at once (the notebook test runs them concurrently) all find it filled.
// Prints tslab's diagnostics and exits 1 when there are any.
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..', '..');
process.chdir(root);
require('./compile-cache.cjs').install(root);
const { createConverter } = require(path.join(root, 'node_modules/tslab/dist/converter.js'));
const converter = createConverter({ isJS: false, isBrowser: false });
const out = converter.convert('', "import * as tslab from 'tslab';\nimport * as omega from './src/index.js';\n");
for (const d of out.diagnostics) console.error(`${d.fileName ?? ''} ${d.start.line + 1}:${d.start.character + 1} - ${d.messageText}`);
converter.close();
process.exit(out.diagnostics.length > 0 ? 1 : 0);
