// Vite replaces these at build time: DEV is true only under `electron-vite dev`.
interface ImportMetaEnv {
  readonly DEV: boolean;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
