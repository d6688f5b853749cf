/// <reference types="vite/client" />
import type { Api } from '../shared/api';

declare global {
  interface Window {
    /** Built by core/install-api.ts from the host's transport (Electron preload or the browser bridge). */
    api: Api;
  }
}

export {};
