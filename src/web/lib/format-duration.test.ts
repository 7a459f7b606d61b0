import { describe, expect, it } from 'vitest';
import { formatDuration, formatWait } from './format-duration';

describe('formatDuration', () => {
  it('says seconds, then minutes, then hours and minutes, then days and hours', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(5 * 60 + 59)).toBe('5 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(3600 + 12 * 60 + 30)).toBe('1 h 12 min');
    expect(formatDuration(2 * 86_400 + 3 * 3600 + 59 * 60)).toBe('2 d 3 h');
    expect(formatDuration(86_400)).toBe('1 d');
  });

  it('treats negative and non-finite input as nothing', () => {
    expect(formatDuration(-5)).toBe('0 s');
    expect(formatDuration(Number.NaN)).toBe('0 s');
  });
});

describe('formatWait', () => {
  it('rounds waits up, in words', () => {
    expect(formatWait(0.2)).toBe('1 second');
    expect(formatWait(61)).toBe('2 minutes');
    expect(formatWait(3600)).toBe('1 hour');
  });
});
