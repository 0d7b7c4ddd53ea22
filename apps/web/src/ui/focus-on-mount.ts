/**
 * Moves focus to a screen's main heading once it is in the page (`ref={focusOnMount}`, the
 * heading with tabindex="-1"): after logging in or opening a child, a keyboard or screen-
 * reader user starts at the new content instead of at the top of the page (WCAG 2.4.3).
 */
export function focusOnMount(el: HTMLElement): void {
  queueMicrotask(() => {
    if (el.isConnected) el.focus({ preventScroll: false });
  });
}
