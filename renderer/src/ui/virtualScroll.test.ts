// @vitest-environment happy-dom
import type { Virtualizer } from '@tanstack/react-virtual';
import { describe, expect, it, vi } from 'vitest';
import { scrollUnlessFresh } from './virtualScroll';

function box(): { element: HTMLDivElement; scrollTo: ReturnType<typeof vi.fn>; instance: Virtualizer<HTMLDivElement, HTMLDivElement> } {
  const element = document.createElement('div');
  const scrollTo = vi.fn();
  element.scrollTo = scrollTo as unknown as HTMLDivElement['scrollTo'];
  const instance = { scrollElement: element, options: { horizontal: false, isRtl: false } } as unknown as Virtualizer<HTMLDivElement, HTMLDivElement>;
  return { element, scrollTo, instance };
}

describe('scrollUnlessFresh', () => {
  it('leaves a box it was never given at 0 untouched, and writes every later offset, 0 included', () => {
    const { scrollTo, instance } = box();
    scrollUnlessFresh(0, {}, instance);
    expect(scrollTo).not.toHaveBeenCalled();
    scrollUnlessFresh(172, { behavior: 'auto' }, instance);
    expect(scrollTo).toHaveBeenLastCalledWith({ top: 172, behavior: 'auto' });
    scrollUnlessFresh(0, {}, instance);
    expect(scrollTo).toHaveBeenLastCalledWith({ top: 0, behavior: undefined });
    expect(scrollTo).toHaveBeenCalledTimes(2);
  });

  it('writes a first offset that is not 0, adjustments counted, and each new box is fresh on its own', () => {
    const first = box();
    scrollUnlessFresh(0, { adjustments: 40 }, first.instance);
    expect(first.scrollTo).toHaveBeenCalledWith({ top: 40, behavior: undefined });
    const second = box();
    scrollUnlessFresh(0, {}, second.instance);
    expect(second.scrollTo).not.toHaveBeenCalled();
  });
});
