import path from 'node:path';
import { projectRoot } from '../core/paths.js';
import { plotlySourceCode } from '../report/plotly.js';

/** Static files the page loads, all from this server (no CDN): plotly.js from node_modules and the client bundle. */
export interface Asset {
  readonly type: string;
  readonly body: string;
}

let clientBundle: Promise<Asset> | undefined;

/**
 * The browser client (src/dashboard/client/*.ts) bundled into one ES module by esbuild, once per
 * process. Bundling at start-up keeps the repository free of build output; it takes well under a second.
 */
export function clientAsset(): Promise<Asset> {
  clientBundle ??= (async () => {
    const esbuild = await import('esbuild');
    const result = await esbuild.build({
      entryPoints: [path.join(projectRoot(), 'src', 'dashboard', 'client', 'main.ts')],
      bundle: true,
      format: 'esm',
      target: 'es2020',
      write: false,
      minify: false,
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    return { type: 'text/javascript; charset=utf-8', body: result.outputFiles[0]!.text };
  })();
  clientBundle.catch(() => (clientBundle = undefined));
  return clientBundle;
}

/**
 * plotly.js's basic bundle (scatter, bar, pie: the page draws only scatter lines), 1.2 MB instead of the full
 * bundle's 4.8 MB that reports and notebooks inline. A browser evaluates it on every page load: about 0.6 s less
 * of the page's main thread in headless Chromium on this machine, so the page is up sooner.
 */
export function plotlyAsset(): Asset {
  return { type: 'text/javascript; charset=utf-8', body: plotlySourceCode('basic') };
}
