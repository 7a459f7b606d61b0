import { describe, expect, it } from 'vitest';
import { assertAcceptableWebhookUrl, refusedAddressReason } from './webhook-address.ts';

describe('webhook addresses', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['fd12:3456::1', 'private (fc00::/7)'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
  ])('refuses %s (%s)', (address, kind) => {
    expect(refusedAddressReason(address)).toContain(kind);
  });

  it.each(['8.8.8.8', '81.2.69.142', '172.32.0.1', '100.128.0.1', '2001:218::1', '::ffff:8.8.8.8'])(
    'accepts the public address %s',
    (address) => {
      expect(refusedAddressReason(address)).toBeNull();
    },
  );

  it('accepts a public URL as given and refuses other schemes and credentials', async () => {
    await expect(assertAcceptableWebhookUrl(' https://8.8.8.8/hook?x=1 ', false)).resolves.toBe(
      'https://8.8.8.8/hook?x=1',
    );
    await expect(assertAcceptableWebhookUrl('http://127.0.0.1/', true)).resolves.toBe('http://127.0.0.1/');
    await expect(assertAcceptableWebhookUrl('file:///etc/passwd', true)).rejects.toThrow(/Only http/);
    await expect(assertAcceptableWebhookUrl('https://user:pw@8.8.8.8/', false)).rejects.toThrow(/user name/);
    await expect(assertAcceptableWebhookUrl('http://[::ffff:7f00:1]/', false)).rejects.toThrow(/loopback/);
  });
});
