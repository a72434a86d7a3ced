import { describe, expect, it } from 'vitest';
import { notificationText } from './notificationText';

describe('what a system notification shows', () => {
  it('is the text as written where nothing in it is special', () => {
    const text = { title: 'Sandbox access ended', body: 'Sandbox no longer accepts Scopekeeper’s access to alex@sandbox.test.' };
    expect(notificationText(text, 'darwin')).toEqual(text);
    expect(notificationText(text, 'linux')).toEqual(text);
  });

  it('on Linux escapes a hostile name’s markup in the body, so it is read, not rendered', () => {
    const shown = notificationText({ title: '<b>my-agent</b> asks', body: '<a href="https://evil.test">Read</a> & <img src=x>' }, 'linux');
    expect(shown.body).toBe('&lt;a href="https://evil.test"&gt;Read&lt;/a&gt; &amp; &lt;img src=x&gt;');
    expect(shown.title).toBe('<b>my-agent</b> asks');
    expect(notificationText({ title: 't', body: '<b>x</b>' }, 'win32').body).toBe('<b>x</b>');
  });

  it('drops control characters and bounds the length', () => {
    const shown = notificationText({ title: `evil\u001b[31m\nname${'x'.repeat(500)}`, body: 'a\u2028b\u0000c' }, 'darwin');
    expect(shown.title).toMatch(/^evil \[31m namex+…$/);
    expect(shown.title).toHaveLength(120);
    expect(shown.body).toBe('a b c');
  });
});
