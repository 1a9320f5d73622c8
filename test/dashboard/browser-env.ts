export { startDashboard, type Dashboard } from '../../src/dashboard/index.js';
export { type ModelConfigInput } from '../../src/abm/index.js';
export { launchChromium } from '../../src/report/index.js';
export { projectRoot as projectRootForTests } from '../../src/core/paths.js';
