import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import type { RollupLog } from 'rollup';

// zod 4 ships comments Rollup cannot place; harmless, and they would drown real warnings.
const onwarn = (warning: RollupLog, warn: (w: RollupLog) => void) => {
  if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
};

/**
 * `electron-vite dev` only: the meta CSP would block the React-refresh preamble (an inline
 * script), giving a blank window. Main sends the dev policy as a header instead; builds keep the meta.
 */
const devCspMeta: Plugin = {
  name: 'tloc-dev-csp-meta',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, ''),
};

export default defineConfig({
  main: {
    build: {
      // Dependencies stay in node_modules (electron-vite 5's default, said explicitly).
      externalizeDeps: true,
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') }, onwarn },
    },
  },
  preload: {
    // The preload stays one self-contained bundle so the window's sandbox can stay on.
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        onwarn,
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), devCspMeta],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves renderer builds unminified; the window loads faster minified (esbuild).
      minify: 'esbuild',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') }, onwarn },
    },
  },
});
