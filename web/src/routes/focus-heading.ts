/**
 * Moves focus to the page's heading once it is on screen. After signing in the sign-in form
 * disappears under the person's cursor; without this, focus falls back to the document and the
 * next Tab starts at the header again (17 Tabs to reach the content on the dashboard). The page
 * module may still be loading, so this waits (briefly) for the h1 to appear.
 */
export function focusHeadingWhenShown(containerId = 'portal-main-content', timeoutMs = 5000): () => void {
  const container = document.getElementById(containerId);
  if (!container) return () => {};
  const tryFocus = (): boolean => {
    const heading = container.querySelector<HTMLElement>('h1');
    if (!heading) return false;
    // A heading is not focusable by itself; -1 keeps it out of the Tab order.
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
    return true;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = setTimeout(() => stop(), timeoutMs);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(container, { childList: true, subtree: true });
  return stop;
}
