import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Proves the real lint config enforces each layer boundary: every fixture below breaks one rule
 * and must be reported; if a rule is dropped from eslint.config.js or .eslint/boundaries.js, its
 * fixture lints clean and this test fails.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

const forbidden: Array<{ rule: string; file: string; code: string }> = [
  { rule: 'shared-is-pure', file: 'src/shared/fixture.ts', code: "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n" },
  { rule: 'shared-is-pure', file: 'src/shared/fixture.ts', code: "import { useState } from 'react';\nexport const x = useState;\n" },
  { rule: 'shared-is-pure', file: 'src/shared/fixture.ts', code: "import { EventBus } from '../main/ipc/event-bus';\nexport const x = EventBus;\n" },
  { rule: 'renderer-is-a-web-page', file: 'src/renderer/fixture.ts', code: "import { join } from 'path';\nexport const x = join;\n" },
  { rule: 'renderer-is-a-web-page', file: 'src/renderer/features/fixture.ts', code: "import { SecretStore } from '../../main/services/secrets/secret-store';\nexport const x = SecretStore;\n" },
  { rule: 'renderer-core-is-the-ground-floor', file: 'src/renderer/core/fixture.ts', code: "import { useSetupStore } from '../features/setup';\nexport const x = useSetupStore;\n" },
  { rule: 'renderer-core-is-the-ground-floor', file: 'src/renderer/lib/fixture.ts', code: "import { Icon } from '../components/Icon';\nexport const x = Icon;\n" },
  { rule: 'components-import-no-feature', file: 'src/renderer/components/fixture.ts', code: "import { useProfilesStore } from '../features/profiles';\nexport const x = useProfilesStore;\n" },
  { rule: 'features-never-import-the-shell', file: 'src/renderer/features/setup/fixture.ts', code: "import { Sidebar } from '../../app/Sidebar';\nexport const x = Sidebar;\n" },
  { rule: 'features-meet-through-index', file: 'src/renderer/features/setup/fixture.ts', code: "import { useCredentialsStore } from '../credentials/credentials-store';\nexport const x = useCredentialsStore;\n" },
  { rule: 'features-meet-through-index', file: 'src/renderer/app/fixture.ts', code: "import { useProfilesStore } from '../features/profiles/profiles-store';\nexport const x = useProfilesStore;\n" },
  { rule: 'features-meet-through-index', file: 'src/renderer/features/profiles/fixture.ts', code: "import '../setup/setup.css';\n" },
  { rule: 'electron-only-in-adapters', file: 'src/main/services/log/fixture.ts', code: "import { app } from 'electron';\nexport const x = app;\n" },
  { rule: 'electron-only-in-adapters', file: 'src/host/fixture.ts', code: "export const load = () => import('electron');\n" },
  { rule: 'main-never-imports-renderer', file: 'src/main/services/fixture.ts', code: "import { formatDate } from '../../renderer/lib/format';\nexport const x = formatDate;\n" },
  { rule: 'sandbox-only-through-demo-entry', file: 'src/main/services/fixture.ts', code: "import { startSandbox } from '../../../sandbox/index';\nexport const x = startSandbox;\n" },
  { rule: 'services-never-import-ipc', file: 'src/main/services/setup/fixture.ts', code: "import type { EventBus } from '../../ipc/event-bus';\nexport type X = EventBus;\n" },
  { rule: 'no-restricted-syntax', file: 'src/main/services/fixture.ts', code: "import { ipcMain } from 'electron';\nexport const x = ipcMain;\n" },
  { rule: 'no-restricted-syntax', file: 'src/main/security/fixture.ts', code: "import * as electron from 'electron';\nelectron.ipcMain.handle('x', () => 1);\n" },
];

const allowed: Array<{ why: string; file: string; code: string }> = [
  { why: 'the Electron adapters import electron', file: 'src/main/security/fixture.ts', code: "import { session } from 'electron';\nexport const x = session;\n" },
  { why: 'demo-entry reaches the sandbox', file: 'src/main/demo-entry.ts', code: "import { startSandbox } from '../../sandbox/index';\nexport const x = startSandbox;\n" },
  { why: 'the renderer imports shared', file: 'src/renderer/fixture.ts', code: "import { errorCodes } from '../shared/errors';\nexport const x = errorCodes;\n" },
  { why: 'a feature imports another through its public file', file: 'src/renderer/features/setup/fixture.ts', code: "import { useCredentialsStore } from '../credentials';\nexport const x = useCredentialsStore;\n" },
  { why: 'a feature imports its own insides and the ground floor', file: 'src/renderer/features/setup/fixture.ts', code: "import { useSetupStore } from './setup-store';\nimport { postError } from '../../core/errors';\nexport const x = [useSetupStore, postError];\n" },
  { why: 'lib builds on core', file: 'src/renderer/lib/fixture.ts', code: "import type { UiError } from '../core/errors';\nexport type X = UiError;\n" },
  { why: 'main.tsx lists every stylesheet, feature ones included', file: 'src/renderer/main.tsx', code: "import './features/setup/setup.css';\n" },
  { why: 'services import shared', file: 'src/main/services/fixture.ts', code: "import { AppError } from '../../shared/errors';\nexport const x = AppError;\n" },
];

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const results = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return results.flatMap((r) => r.messages).map((m) => (m.ruleId === 'boundaries/imports' ? /\((\S+): /.exec(m.message)?.[1] ?? m.ruleId : (m.ruleId ?? 'parse-error')));
}

describe('lint boundaries', () => {
  it.each(forbidden)('rejects a $rule violation in $file', async ({ rule, file, code }) => {
    expect(await ruleIdsFor(file, code)).toContain(rule);
  });

  it.each(allowed)('allows what the layers may do: $why', async ({ file, code }) => {
    expect(await ruleIdsFor(file, code)).toEqual([]);
  });

  it('has a fixture for every boundary zone', async () => {
    const { zones } = await import('../../.eslint/boundaries');
    const covered = new Set(forbidden.map((f) => f.rule));
    expect(zones.map((z) => z.name).filter((n) => !covered.has(n))).toEqual([]);
  });
});
