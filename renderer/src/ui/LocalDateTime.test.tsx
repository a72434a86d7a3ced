// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalDateTime } from './LocalDateTime';

afterEach(cleanup);

const AT = '2025-03-01T10:15:00.000Z';

describe('LocalDateTime', () => {
  it('writes no localized date in the first render, so that render never opens the locale data', () => {
    const toLocaleString = vi.spyOn(Date.prototype, 'toLocaleString');
    try {
      expect(renderToString(<LocalDateTime iso={AT} />)).toBe(`<time dateTime="${AT}"></time>`);
      expect(toLocaleString).not.toHaveBeenCalled();
    } finally {
      toLocaleString.mockRestore();
    }
  });

  it('shows the moment in the person’s locale once rendered, and follows a new moment', () => {
    const { container, rerender } = render(<LocalDateTime iso={AT} />);
    expect(container.querySelector('time')?.textContent).toBe(new Date(AT).toLocaleString());
    rerender(<LocalDateTime iso="2025-03-02T09:00:00.000Z" />);
    expect(screen.getByText(new Date('2025-03-02T09:00:00.000Z').toLocaleString()).getAttribute('datetime')).toBe('2025-03-02T09:00:00.000Z');
  });
});
