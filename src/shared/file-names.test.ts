import { describe, expect, it } from 'vitest';
import { datedFileName } from './file-names';

describe('datedFileName', () => {
  it('is <profile-slug>-<what>-<YYYY-MM-DD>.<ext> on the local calendar', () => {
    expect(datedFileName('Acme Corp (EU)', 'setup-report', 'html', new Date(2025, 2, 4, 23, 59))).toBe('acme-corp-eu-setup-report-2025-03-04.html');
    expect(datedFileName('***', 'group-role-mappings', 'csv', new Date(2025, 0, 9))).toBe('profile-group-role-mappings-2025-01-09.csv');
  });
});
