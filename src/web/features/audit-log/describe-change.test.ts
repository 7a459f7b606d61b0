import { describe, expect, it } from 'vitest';
import { describeChange } from './describe-change';

describe('describeChange', () => {
  it('says each changed field as before → after', () => {
    expect(describeChange({ before: { role: 'member' }, after: { role: 'owner' } })).toEqual([
      { field: 'role', text: 'role: member → owner' },
    ]);
  });

  it('names what was created, removed, emptied and listed', () => {
    const lines = describeChange({
      before: { url: 'https://a.example', note: 'x' },
      after: { note: null, domains: ['a.example', 'b.example'], enabled: false },
    }).map((line) => line.text);
    expect(lines).toEqual([
      'url: https://a.example → —',
      'note: x → —',
      'domains: a.example, b.example',
      'enabled: false',
    ]);
  });

  it('has nothing to say without before or after', () => {
    expect(describeChange({ before: null, after: null })).toEqual([]);
  });
});
