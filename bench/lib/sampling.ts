/**
 * Repeats measurements until their spread settles (or a cap is reached, and then says so):
 * several series are sampled in turn, the first one rotating each round, so the garbage one
 * leaves behind and the machine's mood fall on each of them alike.
 */
import { relativeSpread } from './stats.js';

export interface SettleOptions {
  /** Samples before the spread is judged. */
  min: number;
  /** Samples at most. */
  max: number;
  /** Settled when every series' interquartile range is at most this share of its median. */
  tolerance: number;
}

export interface Settled {
  samples: number[][];
  settled: boolean;
  /** Each series' interquartile range over its median at the end. */
  spreads: number[];
}

/** Runs every series once per round until all have settled or `max` rounds ran. */
export async function sampleUntilSettled(series: Array<() => Promise<number>>, o: SettleOptions): Promise<Settled> {
  const samples = series.map(() => [] as number[]);
  const calm = () => samples.every((s) => relativeSpread(s) <= o.tolerance);
  for (let round = 0; round < o.max; round++) {
    for (let k = 0; k < series.length; k++) {
      const i = (round + k) % series.length;
      samples[i]!.push(await series[i]!());
    }
    if (round + 1 >= o.min && calm()) break;
  }
  return { samples, settled: calm(), spreads: samples.map(relativeSpread) };
}
