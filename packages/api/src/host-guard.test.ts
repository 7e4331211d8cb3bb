import { describe, expect, it } from 'vitest';
import { allowedHostNames, hostName } from './host-guard.ts';

describe('Host header names', () => {
  it.each([
    ['evil.example:3400', 'evil.example'],
    ['LOCALHOST:3000', 'localhost'],
    ['[::1]:3000', '[::1]'],
    ['127.0.0.1', '127.0.0.1'],
    ['localhost.:3000', 'localhost'],
    ['', null],
    [undefined, null],
    ['bad host:1', null],
  ])('reads %j as %j', (header, name) => {
    expect(hostName(header)).toBe(name);
  });
});

describe('allowed Host names (architecture.md §12 host guard)', () => {
  const names = (host: string, allowedHosts: string[] = []) => {
    const allowed = allowedHostNames({ host, allowedHosts });
    return allowed && [...allowed].sort();
  };

  it('on loopback: only the loopback names, plus configured ones', () => {
    expect(names('127.0.0.1')).toEqual(['127.0.0.1', '[::1]', 'localhost']);
    expect(names('127.0.0.1', ['looptroop.lan'])).toContain('looptroop.lan');
    expect(names('::1')).toContain('[::1]');
  });

  it('bound to a named host: that name too', () => {
    expect(names('box.lan')).toContain('box.lan');
  });

  it('bound to a wildcard (token required): any name unless names are configured', () => {
    expect(names('0.0.0.0')).toBeNull();
    expect(names('::')).toBeNull();
    expect(names('0.0.0.0', ['box.lan'])).toEqual(['127.0.0.1', '[::1]', 'box.lan', 'localhost']);
    expect(names('127.0.0.1', ['*'])).toBeNull();
  });
});
