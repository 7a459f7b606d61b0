import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { ipFilterError } from './ip-filter-error';

const refused = (problem: Partial<ConstructorParameters<typeof ApiError>[0]>, status = 400) =>
  new ApiError({ title: 'Bad request', status, ...problem }, null);

describe('ipFilterError', () => {
  it('shows what the server says is wrong with this value', () => {
    const error = refused({
      code: 'invalid-ip-filter',
      detail: '"99" is not a prefix length of an IPv4 network: use 0 to 32.',
      errors: [{ path: 'querystring/ip', message: 'must be an address or a network' }],
    });
    expect(ipFilterError(error, '10.0.0.0/99')).toBe('"99" is not a prefix length of an IPv4 network: use 0 to 32.');
  });

  it('shows the message the problem gives for the ip field', () => {
    const error = refused({ errors: [{ path: '/querystring/ip', message: 'Not an address or a CIDR network' }] });
    expect(ipFilterError(error, '10.0.0.0/99')).toBe('Not an address or a CIDR network');
  });

  it('shows the detail of a problem about the address that lists no field', () => {
    const error = refused({
      code: 'invalid-address',
      title: 'Invalid address',
      detail: '10.0.0.0/99 is not a network.',
    });
    expect(ipFilterError(error, '10.0.0.0/99')).toBe('10.0.0.0/99 is not a network.');
  });

  it('leaves other failures to the page', () => {
    expect(ipFilterError(refused({ detail: 'from must be before to' }), '10.0.0.1')).toBeNull();
    expect(ipFilterError(refused({ detail: 'bad ip' }, 500), '10.0.0.1')).toBeNull();
    expect(ipFilterError(refused({ errors: [{ path: '/querystring/ip', message: 'x' }] }), null)).toBeNull();
    expect(ipFilterError(new Error('offline'), '10.0.0.1')).toBeNull();
  });
});
