import { fireEvent, screen } from '@testing-library/react';

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
  const option = (await screen.findAllByText(label)).find((element) => element.closest('.ant-select-item-option'));
  if (!option) throw new Error(`no option ${label}`);
  fireEvent.click(option);
}
