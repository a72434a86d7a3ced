import { describe, expect, it } from 'vitest';
import { sandboxAddressProblem } from './sandboxAddress';

describe('sandboxAddressProblem', () => {
  it.each(['http://127.0.0.1:4890', '  http://127.0.0.1:4890/  ', 'http://localhost:4890', 'http://LOCALHOST:4890', 'http://[::1]:4890', 'http://127.0.0.1'])(
    'accepts %j, an http address on this computer',
    (address) => {
      expect(sandboxAddressProblem(address)).toBeUndefined();
    },
  );

  it('asks for an address when there is none', () => {
    expect(sandboxAddressProblem('  ')).toBe('Enter the address npm run sandbox printed, such as http://127.0.0.1:4890.');
  });

  it('says when the text is not a web address', () => {
    expect(sandboxAddressProblem('127.0.0.1:4890')).toMatch(/^That is not a web address\./);
    expect(sandboxAddressProblem('http://')).toMatch(/^That is not a web address\./);
  });

  it.each([
    'https://login.example.com',
    'http://192.168.1.20:4890',
    'http://127.0.0.2:4890',
    'http://localhost.example.com:4890',
    'ftp://127.0.0.1:4890',
    // The main process accepts only plain http for the Sandbox.
    'https://127.0.0.1:4890',
  ])('refuses %j: not plain http on this computer', (address) => {
    expect(sandboxAddressProblem(address)).toBe(
      'The sandbox runs on this computer, so its address starts with http://127.0.0.1 or http://localhost, such as http://127.0.0.1:4890.',
    );
  });

  it('keeps to the contract’s 200 characters', () => {
    expect(sandboxAddressProblem(`http://127.0.0.1:4890/${'a'.repeat(200)}`)).toMatch(/too long/);
  });
});
