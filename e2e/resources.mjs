// Readers of the playground's resource views, shared by the tests that check them
// (sync_playground, parallel-lock): what a reader sees in a resource's lane and metrics row.

/** The resource lane named `name`: its peak text, how many holds it draws, its label. */
export async function lane(page, name) {
  return page.getByTestId('resource-lanes').evaluate((fig, name) => {
    const g = [...fig.querySelectorAll('g.resource-lane')].find((x) => x.dataset.name === name);
    if (!g) return null;
    return {
      peak: g.querySelector('[data-testid="resource-peak"]').textContent,
      holds: g.querySelectorAll('.hold').length,
      label: g.getAttribute('aria-label'),
    };
  }, name);
}

/** The per-resource metrics row of `name`, cell texts in order. */
export async function metricsRow(page, name) {
  return page.getByTestId('resource-metrics').evaluate((el, name) => {
    const tr = [...el.querySelectorAll('tr.row')].find((r) => r.dataset.name === name);
    return tr ? [...tr.children].map((c) => c.textContent) : null;
  }, name);
}
