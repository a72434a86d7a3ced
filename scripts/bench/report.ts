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

/**
 * For samples taken in pairs (app and reference one after the other, each first in half the
 * pairs): the median of the per-pair ratios, with a 95% bootstrap interval (2,000 resamples, a
 * fixed seed so a run can be repeated). The interval says how far this machine's noise alone
 * moves the figure: a ratio whose interval holds 1.0 is parity in this run.
 */
export function pairedRatio(samples: readonly number[], reference: readonly number[]): { ratio: number; low: number; high: number } {
  if (samples.length !== reference.length || samples.length === 0) throw new Error('pairedRatio needs the same number of samples on each side');
  const ratios = samples.map((value, i) => value / reference[i]!);
  let seed = 0x5eed;
  const random = (): number => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const medians = Array.from({ length: 2000 }, () => median(Array.from({ length: ratios.length }, () => ratios[Math.floor(random() * ratios.length)]!))).sort((a, b) => a - b);
  return { ratio: median(ratios), low: medians[Math.floor(0.025 * medians.length)]!, high: medians[Math.floor(0.975 * medians.length)]! };
}

/** `compare`, then the paired ratio and its interval on the next line. */
export function comparePaired(label: string, samples: readonly number[], reference: readonly number[], referenceLabel: string): { ratio: number; low: number; high: number } {
  compare(label, samples, reference, referenceLabel);
  const paired = pairedRatio(samples, reference);
  console.log(`${''.padEnd(46)} paired: ${paired.ratio.toFixed(2)}× (95% interval ${paired.low.toFixed(2)}–${paired.high.toFixed(2)})`);
  return paired;
}

export function summary(label: string, samples: readonly number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))]!;
  console.log(`${label.padEnd(46)} ${median(samples).toFixed(1).padStart(9)} ms (p90 ${p90.toFixed(1).padStart(8)})   (n=${samples.length})`);
}
