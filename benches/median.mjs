// The median of `runs` timings of `f`, in milliseconds.
export function median(runs, f) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[runs >> 1];
}
