import { describe, expect, it } from 'vitest';
import { readStepData, setupStepIds, toViewData, viewDataOf } from './setup-data';

describe('step data schemas', () => {
  it('reads a step that saved nothing yet as empty data, for every step', () => {
    for (const id of setupStepIds) expect(readStepData(id, undefined)).toEqual({ readable: true, data: {} });
  });

  it('drops keys no schema describes, and drops malformed findings one by one', () => {
    const { readable, data } = readStepData('to-app', { how: 'api', retired: 1, findings: [{ label: 'ok', outcome: 'pass' }, { label: 3 }] });
    expect(readable).toBe(true);
    expect(data).toEqual({ how: 'api', findings: [{ label: 'ok', outcome: 'pass' }] });
  });

  it('calls data in a shape it cannot read unreadable, and hands back nothing of it', () => {
    expect(readStepData('push-groups', { groups: 'Admins' })).toEqual({ readable: false, data: {} });
    expect(readStepData('create-app', { appId: 42 })).toEqual({ readable: false, data: {} });
  });

  it('tags the view data with its step and leaves the frame keys (findings, hint, checklist) out', () => {
    const view = toViewData('to-app', readStepData('to-app', { how: 'manual', hint: 'Tick them', checklist: { a: true } }).data);
    expect(view).toEqual({ stepId: 'to-app', how: 'manual' });
    expect(viewDataOf({ data: view }, 'to-app')?.how).toBe('manual');
    expect(viewDataOf({ data: view }, 'create-app')).toBeUndefined();
  });
});
