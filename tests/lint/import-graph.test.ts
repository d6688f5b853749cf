import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderArrows, violations, type Arrow } from '../../scripts/import-graph';

/**
 * The folder import graph of all of src/ against the floor plan (scripts/import-graph.ts): no
 * arrow climbs a floor and no two folders import each other.
 * `npx tsx scripts/import-graph.ts` prints every arrow.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const describeArrow = (a: Arrow) => `${a.from} -> ${a.to} (${a.example})`;

describe('import graph', () => {
  const arrows = folderArrows(root);
  const { upward, mutual } = violations(arrows);

  it('reads the graph (the check has something to check)', () => {
    expect(arrows.some((a) => a.from === 'src/renderer/app' && a.to.startsWith('src/renderer/features/'))).toBe(true);
    expect(arrows.some((a) => a.from.startsWith('src/renderer/features/') && a.to === 'src/renderer/core')).toBe(true);
    expect(arrows.some((a) => a.from === 'src/main/ipc' && a.to.startsWith('src/main/services/'))).toBe(true);
  });

  it('has no arrow that climbs a floor anywhere in src/', () => {
    expect(upward.map(describeArrow)).toEqual([]);
  });

  it('has no two folders in src/ that import each other', () => {
    expect(mutual.map(([a, b]) => `${describeArrow(a)} <-> ${describeArrow(b)}`)).toEqual([]);
  });

  it('would catch a feature climbing into the shell, and two features importing each other', () => {
    const bad: Arrow[] = [
      { from: 'src/renderer/features/setup', to: 'src/renderer/app', example: 'x' },
      { from: 'src/renderer/features/setup', to: 'src/renderer/features/profiles', example: 'y' },
      { from: 'src/renderer/features/profiles', to: 'src/renderer/features/setup', example: 'z' },
      { from: 'src/renderer/lib', to: 'src/renderer/components', example: 'w' },
    ];
    const found = violations(bad);
    expect(found.upward.map((a) => a.example)).toEqual(['x', 'w']);
    expect(found.mutual.map(([a, b]) => [a.example, b.example])).toEqual([['z', 'y']]);
  });
});
