import type { JSX, ReactNode } from 'react';

/** One titled section of a connection's detail, named by its heading (`id` is the heading's). */
export function DetailSection({ id, title, className, children }: { id: string; title: string; className?: string; children: ReactNode }): JSX.Element {
  return (
    <section className={className === undefined ? 'detail-section' : `detail-section ${className}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
