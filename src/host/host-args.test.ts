import { describe, expect, it } from 'vitest';
import { parseHostArgs, UsageError } from './host-args';

describe('parseHostArgs --faults', () => {
  it('takes a fault SPEC for the built-in sandbox', () => {
    expect(parseHostArgs(['--sandbox', '--faults', 'okta:malformed=1000']).faults).toEqual({ okta: { nextMalformed: 1000 }, threatlocker: {} });
  });

  it('refuses a bad SPEC, and --faults without --sandbox, saying what to fix', () => {
    expect(() => parseHostArgs(['--sandbox', '--faults', 'okta:teapot=1'])).toThrow(/Unknown fault "teapot"/);
    expect(() => parseHostArgs(['--faults', 'okta:5xx=1'])).toThrow(UsageError);
    expect(() => parseHostArgs(['--faults', 'okta:5xx=1'])).toThrow(/add --sandbox/);
    expect(() => parseHostArgs(['--sandbox', '--faults'])).toThrow(/--faults needs a value/);
  });
});
