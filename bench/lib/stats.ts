/** Small statistics for the benchmarks: medians and quartiles of per-round samples, and their ratios. */

export interface Summary {
  /** The median of the samples. */
  median: number;
  /** 25th and 75th percentiles: the spread a reader should expect between runs. */
  p25: number;
  p75: number;
  samples: number[];
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

export function summarize(samples: readonly number[]): Summary {
  return { median: quantile(samples, 0.5), p25: quantile(samples, 0.25), p75: quantile(samples, 0.75), samples: [...samples] };
}

/**
 * The median of the per-round ratios a[i] / b[i]. Rounds are interleaved, so each pair shares the
 * machine's state at that moment; this is steadier than the ratio of two medians when the machine drifts.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return quantile(
    a.map((value, index) => value / b[index]!),
    0.5,
  );
}

/**
 * The order of the variants in round `round`: A B C D, then B C D A, and so on. Every variant takes
 * every position equally often, so none gains from always running right after the warm-up or a GC.
 */
export function rotation<T>(variants: readonly T[], round: number): T[] {
  const shift = round % variants.length;
  return [...variants.slice(shift), ...variants.slice(0, shift)];
}

export const round = (value: number, digits = 0): number => Number(value.toFixed(digits));
