import { fireEvent, screen, waitFor } from '@testing-library/react';

function selectInput(testId: string): HTMLInputElement {
  const input = screen.getByTestId(testId).closest<HTMLElement>('.ant-select')?.querySelector('input');
  if (!input) throw new Error(`${testId} is no select`);
  return input;
}

function open(input: HTMLInputElement): void {
  if (input.getAttribute('aria-expanded') !== 'true') fireEvent.mouseDown(input);
}

/** Opens the antd Select of `testId` and types `text` into its search, as one does in a server-searched picker. */
export function typeInSelect(testId: string, text: string): void {
  const input = selectInput(testId);
  open(input);
  fireEvent.change(input, { target: { value: text } });
}

/**
 * Opens the antd Select of `testId` (unless it is open) and picks the option labelled `label`, with plain DOM events
 * (user-event is slow on antd's popups in jsdom).
 */
export async function pickOption(testId: string, label: string): Promise<void> {
  open(selectInput(testId));
  // The same text may be elsewhere on the page (a tag, a cell): wait for it as an option (options may load later).
  const option = await waitFor(() => {
    const found = screen.queryAllByText(label).find((element) => element.closest('.ant-select-item-option'));
    if (!found) throw new Error(`no option ${label}`);
    return found;
  });
  fireEvent.click(option);
}
