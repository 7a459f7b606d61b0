import { describe, expect, it } from 'vitest';
import { consoleUrl } from './console-url.ts';

describe('consoleUrl', () => {
  it.each([
    ['https://seats.example.com', 'device', 'https://seats.example.com/device'],
    ['https://seats.example.com/', '/device', 'https://seats.example.com/device'],
    ['https://example.com/seatkeeper', 'device', 'https://example.com/seatkeeper/device'],
    ['https://example.com/seatkeeper/', '/device', 'https://example.com/seatkeeper/device'],
    ['https://example.com/a/b/', 'reset-password/abc_-1', 'https://example.com/a/b/reset-password/abc_-1'],
    ['http://localhost:3000', 'not-me/x:y', 'http://localhost:3000/not-me/x:y'],
    [
      'https://example.com/seatkeeper?x=1#top',
      'device?code=ABCD-EFGH',
      'https://example.com/seatkeeper/device?code=ABCD-EFGH',
    ],
  ])('%s + %s → %s', (publicUrl, path, expected) => {
    expect(consoleUrl(new URL(publicUrl), path)).toBe(expected);
  });
});
