/**
 * A Svelte action for a table that becomes stacked cards on a phone (app.css, `.portal-cards`):
 * each cell gets `data-label` with the text of its column's header, which the card layout shows
 * before the value ("Bedrag  € 121,00"). The headers stay in the page for screen readers; the
 * labels follow new rows, pages and a language switch, since the table is watched for changes.
 */
export function cardLabels(table: HTMLTableElement) {
  const label = () => {
    const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
    for (const row of table.querySelectorAll('tbody tr')) {
      [...row.children].forEach((cell, index) => {
        const text = headers[index] ?? '';
        // Only when it changed: setting an attribute is no change the observer below listens to,
        // but skipping equal values keeps big lists cheap.
        if (cell.getAttribute('data-label') !== text) cell.setAttribute('data-label', text);
      });
    }
  };
  label();
  const observer = new MutationObserver(label);
  observer.observe(table, { childList: true, subtree: true, characterData: true });
  return { destroy: () => observer.disconnect() };
}
