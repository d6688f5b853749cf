import { describe, expect, it } from 'vitest';
import { resultNumbers } from './scim-check';

describe('resultNumbers', () => {
  it('letters the results of a check that has several, so no number repeats', () => {
    const numbers = resultNumbers([1, 1, 1, 2, 3, 3].map((number) => ({ number })));
    expect(numbers).toEqual(['1a', '1b', '1c', '2', '3a', '3b']);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('keeps a plain number for a check with one result', () => {
    expect(resultNumbers([{ number: 4 }, { number: 7 }])).toEqual(['4', '7']);
  });
});
