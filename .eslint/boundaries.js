// Where a file runs decides what it may import. ONE rule checks every import against every zone
// the file lies in: ESLint's flat config keeps only the last matching block's options for a rule,
// so per-folder `no-restricted-imports` blocks used to replace one another silently.
import { builtinModules } from 'node:module';
import path from 'node:path';

const isNodeBuiltin = (pkg) => pkg.startsWith('node:') || builtinModules.includes(pkg);
const isElectron = (pkg) => pkg === 'electron' || pkg.startsWith('electron/');
const isReact = (pkg) => /^react(-dom)?(\/|$)/.test(pkg);

/**
 * Each zone: the files it covers (project-relative, `/` separators), the ones it leaves out, and
 * what they may not import: a bare package (`pkg`) or a project path (`file`, resolved), given the
 * importing file's path as the second argument.
 * Exported so the boundary test can prove each one is enforced.
 */
export const zones = [
  {
    name: 'shared-is-pure',
    files: /^src\/shared\//,
    forbids: ({ pkg, file }) =>
      (pkg && (isElectron(pkg) || isNodeBuiltin(pkg) || isReact(pkg))) || (file && /^(src\/(main|renderer|preload|host)|sandbox)\//.test(file)),
    message: 'src/shared imports no platform (electron, node, react) and no other layer.',
  },
  {
    name: 'renderer-is-a-web-page',
    files: /^src\/renderer\//,
    forbids: ({ pkg, file }) => (pkg && (isElectron(pkg) || isNodeBuiltin(pkg))) || (file && /^(src\/(main|host)|sandbox)\//.test(file)),
    message: 'The renderer runs without Node or Electron and talks to main only through window.api.',
  },
  // The renderer's floors, lowest first: core/ and lib/ (errors, toasts, app store, IPC client,
  // helpers), components/, features/<name>/, and app/ (the shell) with main.tsx on top.
  {
    name: 'renderer-core-is-the-ground-floor',
    files: /^src\/renderer\/(core|lib)\//,
    forbids: ({ file }) => file && /^src\/renderer\/(app|components|features)\/|^src\/renderer\/main$/.test(file),
    message: 'core/ and lib/ are the ground floor: they import no component, feature or shell.',
  },
  {
    name: 'components-import-no-feature',
    files: /^src\/renderer\/components\//,
    forbids: ({ file }) => file && /^src\/renderer\/(app|features)\/|^src\/renderer\/main$/.test(file),
    message: 'Shared components know no feature and no shell; pass what they need as props.',
  },
  {
    name: 'features-never-import-the-shell',
    files: /^src\/renderer\/features\//,
    forbids: ({ file }) => file && /^src\/renderer\/app\/|^src\/renderer\/main$/.test(file),
    message: 'Features import core/, lib/ and components/, never the shell in app/; what they share lives in core/.',
  },
  {
    name: 'features-meet-through-index',
    files: /^src\/renderer\//,
    forbids: ({ file }, from) => {
      const inside = file && /^src\/renderer\/features\/([^/]+)\/(.+)$/.exec(file);
      const stylesheetFromEntry = from === 'src/renderer/main.tsx' && inside?.[2].endsWith('.css');
      return Boolean(inside) && inside[2] !== 'index' && !from.startsWith(`src/renderer/features/${inside[1]}/`) && !stylesheetFromEntry;
    },
    message: "Outside a feature, import it only through its public file (features/<name>/index.ts), never its insides (main.tsx alone lists every stylesheet).",
  },
  {
    name: 'electron-only-in-adapters',
    files: /^src\/(main|host)\//,
    except: /^src\/main\/(index\.ts|lifecycle\.ts|ipc\/electron-ipc(\.test)?\.ts|security\/)/,
    forbids: ({ pkg }) => pkg && isElectron(pkg),
    message: 'Only the thin Electron adapters (main/index.ts, lifecycle.ts, ipc/electron-ipc.ts, security/) import electron.',
  },
  {
    name: 'main-never-imports-renderer',
    files: /^src\/(main|host|preload)\//,
    forbids: ({ file }) => file && file.startsWith('src/renderer/'),
    message: 'main, the host and the preload never import the renderer.',
  },
  {
    name: 'sandbox-only-through-demo-entry',
    files: /^src\/main\//,
    except: /^src\/main\/(demo-entry\.ts$|.*\.test\.ts$)/,
    forbids: ({ file }) => file && file.startsWith('sandbox/'),
    message: 'main reaches the sandbox only through demo-entry.ts.',
  },
  {
    name: 'services-never-import-ipc',
    files: /^src\/main\/services\//,
    forbids: ({ file }) => file && file.startsWith('src/main/ipc/'),
    message: 'Services report through callbacks they own; only ipc/*.ipc.ts emits to the renderer.',
  },
];

function targetOf(spec, fromFile) {
  if (spec.startsWith('.')) return { file: path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec)) };
  return { pkg: spec };
}

export const boundariesRule = {
  meta: { type: 'problem', schema: [], docs: { description: 'Import boundaries between the layers.' } },
  create(context) {
    const relative = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    const active = zones.filter((zone) => zone.files.test(relative) && !zone.except?.test(relative));
    if (active.length === 0) return {};
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = targetOf(source.value, relative);
      for (const zone of active) {
        if (zone.forbids(target, relative)) context.report({ node: source, message: `${zone.message} (${zone.name}: '${source.value}')` });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export const boundariesPlugin = { rules: { imports: boundariesRule } };
