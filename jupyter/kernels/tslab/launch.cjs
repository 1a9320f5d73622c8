// Starts the project's own tslab from the repo root, whatever folder Jupyter opened the notebook in.
// tslab uses the working directory as its TypeScript root, so notebooks import './src/index.js'.
// (.cjs because the package is "type": "module".)
const path = require('node:path');
const root = path.resolve(__dirname, '..', '..', '..');
process.chdir(root);
// before tslab loads: reuse what an earlier kernel already checked and compiled of src (see compile-cache.cjs)
require('./compile-cache.cjs').install(root);
const connectionFile = process.argv[2];
process.argv = [process.argv[0], path.join(root, 'node_modules/tslab/bin/tslab'), 'kernel', '--config-path', connectionFile];
require(path.join(root, 'node_modules/tslab/dist/main.js')).main();
