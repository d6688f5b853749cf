import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import type { RollupLog } from 'rollup';

// zod 4 ships comments Rollup cannot place; harmless, and they would drown real warnings.
const onwarn = (warning: RollupLog, warn: (w: RollupLog) => void) => {
  if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
};

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
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
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') }, onwarn },
    },
  },
});
