/**
 * The import graph between folders of src/, checked against the floor plan: an import may stay
 * on its floor or go down, never up, and no two folders may import each other. Run it with
 * `npx tsx scripts/import-graph.ts` (prints every offending arrow); tests/lint/import-graph.test.ts
 * asserts there are none.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export interface Arrow {
  from: string;
  to: string;
  /** One file-level import that makes this folder arrow, to say where to look. */
  example: string;
}

/**
 * Floors, lowest first. A folder is the first path segments that name a unit (a feature, a
 * service domain); its floor decides which way an arrow between two folders may point.
 */
const floors: Array<{ floor: number; unit: RegExp }> = [
  { floor: 0, unit: /^src\/shared$/ },
  { floor: 1, unit: /^src\/main\/services\/[^/]+$/ },
  { floor: 2, unit: /^src\/main\/(ipc|security)$/ },
  { floor: 3, unit: /^src\/main$/ },
  { floor: 1, unit: /^src\/preload$/ },
  { floor: 4, unit: /^src\/host$/ },
  { floor: 1, unit: /^src\/renderer\/(core|lib)$/ },
  { floor: 2, unit: /^src\/renderer\/components$/ },
  { floor: 3, unit: /^src\/renderer\/features\/[^/]+$/ },
  { floor: 4, unit: /^src\/renderer\/(app|)$/ },
];

/** The unit a source file belongs to: services/<domain>, features/<feature>, or its top folder. */
export function unitOf(file: string): string {
  const parts = file.split('/');
  if (parts[1] === 'main' && parts[2] === 'services' && parts.length > 4) return parts.slice(0, 4).join('/');
  if (parts[1] === 'renderer' && parts[2] === 'features' && parts.length > 4) return parts.slice(0, 4).join('/');
  if ((parts[1] === 'main' || parts[1] === 'renderer') && parts.length > 3) return parts.slice(0, 3).join('/');
  return parts.slice(0, Math.min(parts.length - 1, 2)).join('/');
}

export function floorOf(unit: string): number | undefined {
  return floors.find((f) => f.unit.test(unit))?.floor;
}

function sourceFiles(dir: string, root: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path, root);
    if (!/\.tsx?$/.test(entry.name) || /\.(test|spec)\.tsx?$/.test(entry.name) || entry.name.endsWith('.d.ts')) return [];
    return [relative(root, path).split(sep).join('/')];
  });
}

/** Every folder-to-folder arrow in src/ with one file import that makes it. */
export function folderArrows(root: string): Arrow[] {
  const arrows = new Map<string, Arrow>();
  for (const file of sourceFiles(join(root, 'src'), root)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const path = posix.normalize(posix.join(posix.dirname(file), fileName));
      // A folder import (a feature's public index) belongs to that folder, not to its parent.
      const target = statSync(join(root, path), { throwIfNoEntry: false })?.isDirectory() ? `${path}/index` : path;
      const from = unitOf(file);
      const to = unitOf(`${target}.ts`);
      if (from === to || !to.startsWith('src/')) continue;
      const key = `${from} -> ${to}`;
      if (!arrows.has(key)) arrows.set(key, { from, to, example: `${file} imports ${fileName}` });
    }
  }
  return [...arrows.values()];
}

/** Arrows that climb a floor, and folder pairs that import each other. */
export function violations(arrows: Arrow[]): { upward: Arrow[]; mutual: Array<[Arrow, Arrow]> } {
  const upward = arrows.filter((a) => {
    const from = floorOf(a.from);
    const to = floorOf(a.to);
    return from !== undefined && to !== undefined && to > from;
  });
  const byKey = new Map(arrows.map((a) => [`${a.from} -> ${a.to}`, a]));
  const mutual: Array<[Arrow, Arrow]> = [];
  for (const a of arrows) {
    const back = byKey.get(`${a.to} -> ${a.from}`);
    if (back && a.from < a.to) mutual.push([a, back]);
  }
  return { upward, mutual };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const arrows = folderArrows(root);
  const { upward, mutual } = violations(arrows);
  console.log(`${arrows.length} folder arrows in src/`);
  for (const a of upward) console.log(`UP      ${a.from} -> ${a.to}   (${a.example})`);
  for (const [a, b] of mutual) console.log(`MUTUAL  ${a.from} <-> ${a.to}   (${a.example}; ${b.example})`);
  console.log(`${upward.length} upward arrows, ${mutual.length} mutual folder pairs`);
  process.exitCode = upward.length + mutual.length > 0 ? 1 : 0;
}
