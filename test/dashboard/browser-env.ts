export { launchChromium, startDashboard, type Dashboard, type ModelConfigInput } from '../../src/index.js';
export { projectRoot as projectRootForTests } from '../../src/core/paths.js';
