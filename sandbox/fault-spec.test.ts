import { describe, expect, it } from 'vitest';
import { describeFaultPlan, parseFaultSpec } from './fault-spec';

describe('parseFaultSpec', () => {
  it('reads per-simulator and shared faults', () => {
    expect(parseFaultSpec('okta:malformed=20, threatlocker:5xx=1,latency=150')).toEqual({
      okta: { nextMalformed: 20, latencyMs: 150 },
      threatlocker: { next5xx: 1, latencyMs: 150 },
    });
    expect(parseFaultSpec('tl:429=3,OKTA:drop=2')).toEqual({ okta: { nextDrop: 2 }, threatlocker: { next429: 3 } });
  });

  it('names the part to fix', () => {
    expect(parseFaultSpec('')).toMatchObject({ error: expect.stringMatching(/at least one fault/) });
    expect(parseFaultSpec('okta:teapot=1')).toMatchObject({ error: expect.stringMatching(/Unknown fault "teapot"/) });
    expect(parseFaultSpec('okta:5xx')).toMatchObject({ error: expect.stringMatching(/"okta:5xx" is not a fault/) });
    expect(parseFaultSpec('azure:5xx=1')).toMatchObject({ error: expect.stringMatching(/"azure:5xx=1" is not a fault/) });
    expect(parseFaultSpec('5xx=-1')).toMatchObject({ error: expect.stringMatching(/is not a fault/) });
    expect(parseFaultSpec('latency=999999')).toMatchObject({ error: expect.stringMatching(/latency can be at most 30000/) });
  });

  it('describes what is switched on', () => {
    const plan = parseFaultSpec('okta:malformed=20,threatlocker:5xx=1');
    if ('error' in plan) throw new Error(plan.error);
    expect(describeFaultPlan(plan)).toEqual(['FAULTS_OKTA=malformed=20', 'FAULTS_THREATLOCKER=5xx=1']);
  });
});
