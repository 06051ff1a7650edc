/**
 * One build for the four parts: the renderer (React popover), the main process (ESM), the core's
 * thread (ESM, a worker of the main process) and the preload (a single CommonJS file, as sandboxed
 * preloads require).
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import electron from 'vite-plugin-electron';
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pkg from './package.json' with { type: 'json' };

/**
 * renderer/main.tsx is a tiny entry that asks main for the first screen's data, then imports the
 * popover (React and every feature) dynamically. That chunk is wanted at once: index.html preloads
 * it, so the browser fetches (and compiles) it in parallel with the entry instead of after it.
 */
const preloadPopover: Plugin = {
  name: 'htt-preload-popover',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (_html, ctx) =>
      (ctx.chunk?.dynamicImports ?? []).map((file) => ({
        tag: 'link',
        attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` },
        injectTo: 'head' as const,
      })),
  },
};

/**
 * The three main-process builds write into one folder without emptying it (each would remove the
 * others' files), so chunks of earlier builds stayed there and went into app.asar. The folder's
 * scripts go once, before the renderer's build (vite-plugin-electron builds main, the core's
 * worker and the preload after it, in its closeBundle).
 */
const cleanMainOutput = (dir: string): Plugin => ({
  name: 'htt-clean-main-output',
  apply: 'build',
  buildStart() {
    if (!existsSync(dir)) return;
    for (const f of readdirSync(dir)) if (/\.(c|m)?js$/.test(f)) rmSync(path.join(dir, f), { force: true });
  },
});

const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies)];

/** The main process's ESM bundles (main.js, core-worker.js): one file each, dependencies left to node_modules. */
const esmBuild = (outDir: string, file: string) => ({
  outDir,
  emptyOutDir: false,
  sourcemap: false,
  minify: false,
  rollupOptions: { external, output: { format: 'es' as const, entryFileNames: file } },
});

export default defineConfig(({ mode }) => {
  const mainOut = mode === 'e2e' ? 'dist-e2e' : 'dist-electron';
  return {
    root: 'renderer',
    base: './',
    plugins: [
      react(),
      preloadPopover,
      cleanMainOutput(mainOut),
      electron([
        {
          entry: 'main/index.ts',
          vite: {
            root: '.',
            // The test hooks (main/adapters/electron/e2e-hooks.ts) exist only in `vite build --mode e2e`.
            define: { __HTT_E2E_HOOKS__: JSON.stringify(mode === 'e2e') },
            build: esmBuild(mainOut, 'main.js'),
          },
        },
        {
          // The core's own thread (main/core-worker.ts): started by main.js as a worker_threads Worker.
          entry: 'main/core-worker.ts',
          vite: {
            root: '.',
            build: esmBuild(mainOut, 'core-worker.js'),
          },
        },
        {
          entry: 'main/preload.ts',
          onstart: ({ reload }) => reload(),
          vite: {
            root: '.',
            build: {
              outDir: mainOut,
              emptyOutDir: false,
              sourcemap: false,
              minify: false,
              // Not lib mode: vite-plugin-electron's lib default follows "type": "module" and would
              // emit ESM, which a sandboxed preload cannot load.
              lib: false,
              rollupOptions: {
                input: 'main/preload.ts',
                external: ['electron'],
                output: { format: 'cjs', entryFileNames: 'preload.cjs', codeSplitting: false },
              },
            },
          },
        },
      ]),
    ],
    build: {
      outDir: mode === 'e2e' ? '../dist-e2e/dist/renderer' : '../dist/renderer',
      emptyOutDir: true,
      sourcemap: false,
      target: 'chrome140',
    },
  };
});
