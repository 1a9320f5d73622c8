// Kept for the public API: the implementation lives with the other output helpers in core/output-dir.ts.
export { writeFileAtomic } from '../core/output-dir.js';
