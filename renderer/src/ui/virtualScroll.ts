import { elementScroll } from '@tanstack/react-virtual';
import type { Virtualizer } from '@tanstack/react-virtual';

const given = new WeakSet<Element>();

/**
 * The virtualizer's own scroll writer, less one write that moves nothing. Given a scroll box, the
 * library writes its offset to it. A box it was never given, written 0, was just mounted (each
 * list owns its box) and is at 0 already; in the commit that mounts it, that write made the
 * browser lay out the whole page before the frame (15–25 ms of the window's first render with
 * data), to move nothing. Every later write goes through.
 */
export function scrollUnlessFresh<S extends Element, I extends Element>(
  offset: number,
  options: Parameters<typeof elementScroll>[1],
  instance: Virtualizer<S, I>,
): void {
  const element = instance.scrollElement;
  if (element !== null && !given.has(element)) {
    given.add(element);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
}
