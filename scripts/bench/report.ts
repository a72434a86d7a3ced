// Shared by the bench modules: timing and one printed line per figure, next to its reference.
import { performance } from 'node:perf_hooks';

export async function time(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** `label: median ms (p90) vs reference median ms → ratio`. */
export function compare(label: string, samples: readonly number[], reference: readonly number[], referenceLabel: string): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))]!;
  const ratio = median(samples) / median(reference);
  console.log(
    `${label.padEnd(46)} ${median(samples).toFixed(2).padStart(9)} ms (p90 ${p90.toFixed(2).padStart(8)})   ${referenceLabel.padEnd(30)} ${median(reference)
      .toFixed(2)
      .padStart(9)} ms   ${ratio.toFixed(2)}×   (n=${samples.length})`,
  );
  return ratio;
}

export function summary(label: string, samples: readonly number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))]!;
  console.log(`${label.padEnd(46)} ${median(samples).toFixed(1).padStart(9)} ms (p90 ${p90.toFixed(1).padStart(8)})   (n=${samples.length})`);
}
