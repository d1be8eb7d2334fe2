import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom lacks the layout APIs antd's responsive parts call (Layout.Sider breakpoints, Grid, Segmented).
if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  });
}

class NoopResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
window.ResizeObserver ??= NoopResizeObserver;

// jsdom computes the cascade over every stylesheet in the document on each getComputedStyle call, and antd's
// CSS-in-JS puts about half a megabyte of CSS there: one call then costs a second, and antd calls it on every popup,
// tooltip and table. Tests assert behaviour, not looks, so the computed style is the element's inline style alone
// (antd and rc-motion hide and show elements with inline styles). This also avoids jsdom's "Not implemented" for
// the pseudo-element styles antd's Table asks for.
window.getComputedStyle = (element: Element, _pseudoElement?: string | null): CSSStyleDeclaration => {
  const computed = document.createElement('div').style;
  computed.cssText = element instanceof HTMLElement || element instanceof SVGElement ? element.style.cssText : '';
  return computed;
};

// Without Vitest globals, Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  localStorage.clear();
});
