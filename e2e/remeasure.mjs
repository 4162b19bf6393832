// Timing ratios in end-to-end tests, on a machine other programs may share: a ratio that misses
// its bound is measured once more before the test fails, and the failure names both figures.

/**
 * Runs `measure()` (which returns the figures of one measurement) and `check(figures)` (which
 * returns null when they pass, or why they do not). If the first measurement fails its check,
 * measures once more; if that fails too, throws with both measurements and both reasons.
 * Returns the figures that passed.
 */
export async function remeasured(what, measure, check) {
  const first = await measure();
  const why1 = check(first);
  if (why1 === null) return first;
  const second = await measure();
  const why2 = check(second);
  if (why2 === null) return second;
  throw new Error(`${what}: failed twice. First: ${why1} ${JSON.stringify(first)}. `
    + `Re-measured: ${why2} ${JSON.stringify(second)}.`);
}

/** Waits until the button named `name` is enabled again (after a run it started). */
export async function enabledAgain(page, name, timeout) {
  await page.waitForFunction((n) => [...document.querySelectorAll('button')]
    .some((b) => b.textContent.trim() === n && !b.disabled), name, { timeout });
}
