/**
 * The y-axis of a money chart: from 0 up to the first "nice" value at or above `max`, in
 * steps of 1, 2, 2.5 or 5 × a power of ten, so the gridlines read €0 · €20 · €40 · €60 rather
 * than €0 · €16.33 · €32.67. Amounts are whole minor units, and so is every step; such a step is
 * a round figure in the major unit too. Gives 2 to `count` steps.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const rough = max / count;
  const magnitude = Math.max(1, 10 ** Math.floor(Math.log10(rough)));
  const step =
    [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough && Number.isInteger(s)) ??
    10 * magnitude;
  const top = Math.ceil(max / step) * step;
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}

/**
 * Which of `count` days get a date under them, at most `maxLabels`: every few days counted
 * back from the last, so today is always labelled. With half the labels (a phone), the set is
 * every other one of the wider screen's, so the two never disagree about a day.
 */
export function labelledDays(count: number, maxLabels: number): Set<number> {
  const step = Math.max(1, Math.ceil(count / maxLabels));
  const shown = new Set<number>();
  for (let i = count - 1; i >= 0; i -= step) shown.add(i);
  return shown;
}
