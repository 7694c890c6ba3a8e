/** Peak memory of this process from now on: RSS and JS heap sampled every 10 ms (and whenever `sample()` is called). */
export interface PeakMemory {
  baseline: NodeJS.MemoryUsage;
  /** Reads memory now (call it at the moments that matter, e.g. after each page). */
  sample(): void;
  /** Stops sampling after a last sample; returns the peaks in bytes. */
  stop(): { peakRss: number; peakHeap: number };
}

export function trackPeakMemory(): PeakMemory {
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const sampler = setInterval(sample, 10);
  return {
    baseline,
    sample,
    stop: () => {
      clearInterval(sampler);
      sample();
      return { peakRss, peakHeap };
    },
  };
}
