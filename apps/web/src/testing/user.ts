import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';

/**
 * user-event checks `pointer-events` through getComputedStyle on every ancestor per click, which costs seconds
 * with antd's styles in jsdom; the real pointer behaviour is covered by the browser test.
 */
export function setupUser() {
  return userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
}
