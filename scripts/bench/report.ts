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
 * For samples taken in pairs, app and reference one right after the other, the app first in the
 * pairs where `appFirst(i)` holds (half of them): the app's time over the reference's, with the
 * order's own effect taken out. Whichever side goes first in a pair can be slower for reasons of
 * its own (a fresh connection to the server, the previous phase's work still settling): the
 * revoke phase showed about 10% for the first side, so the plain median of per-pair ratios
 * swung between 1.03 and 1.11 with the order mix. The estimate is the geometric mean of the two
 * order groups' median ratios, which cancels an order effect that is the same for both sides,
 * with a 95% bootstrap interval (2,000 resamples within each group, a fixed seed). An interval
 * that holds 1.0 is parity in this run.
 */
export function crossoverRatio(
  samples: readonly number[],
  reference: readonly number[],
  appFirst: (pair: number) => boolean,
): { ratio: number; low: number; high: number; firstCost: number } {
  if (samples.length !== reference.length || samples.length === 0) throw new Error('crossoverRatio needs the same number of samples on each side');
  const ratios = samples.map((value, i) => value / reference[i]!);
  const first = ratios.filter((_, i) => appFirst(i));
  const second = ratios.filter((_, i) => !appFirst(i));
  if (first.length === 0 || second.length === 0) throw new Error('crossoverRatio needs pairs in both orders');
  const estimate = (a: readonly number[], b: readonly number[]): number => Math.sqrt(median(a) * median(b));
  let seed = 0x5eed;
  const random = (): number => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const resample = (xs: readonly number[]): number[] => Array.from({ length: xs.length }, () => xs[Math.floor(random() * xs.length)]!);
  const estimates = Array.from({ length: 2000 }, () => estimate(resample(first), resample(second))).sort((a, b) => a - b);
  return {
    ratio: estimate(first, second),
    low: estimates[Math.floor(0.025 * estimates.length)]!,
    high: estimates[Math.floor(0.975 * estimates.length)]!,
    firstCost: Math.sqrt(median(first) / median(second)),
  };
}

/** `compare`, then the order-corrected paired ratio, its interval and the order effect on the next line. */
export function comparePaired(
  label: string,
  samples: readonly number[],
  reference: readonly number[],
  referenceLabel: string,
  appFirst: (pair: number) => boolean,
): { ratio: number; low: number; high: number } {
  compare(label, samples, reference, referenceLabel);
  const paired = crossoverRatio(samples, reference, appFirst);
  console.log(
    `${''.padEnd(46)} paired, order taken out: ${paired.ratio.toFixed(2)}× (95% interval ${paired.low.toFixed(2)}–${paired.high.toFixed(2)}); going first costs ${((paired.firstCost - 1) * 100).toFixed(0)}%`,
  );
  return paired;
}

export function summary(label: string, samples: readonly number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))]!;
  console.log(`${label.padEnd(46)} ${median(samples).toFixed(1).padStart(9)} ms (p90 ${p90.toFixed(1).padStart(8)})   (n=${samples.length})`);
}
