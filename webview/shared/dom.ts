/** Small DOM helpers: elements are created with createElement and wired with addEventListener (no inline handlers). */

export interface ElementProps {
  id?: string;
  className?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const el = tk(tag, props) as HTMLElementTagNameMap[K];
  el.append(...children);
  return el;
}

/** A toolkit element (custom element registered in webview/toolkit.ts), or any element without children. */
export function tk(tag: string, props: ElementProps = {}): HTMLElement {
  const el = document.createElement(tag);
  if (props.id !== undefined) el.id = props.id;
  if (props.className !== undefined) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.title !== undefined) el.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  return el;
}

/** Sets an attribute to a number or boolean written as text (aria-colindex="3", aria-expanded="true"). */
export function setAttr(el: Element, name: string, value: string | number | boolean): void {
  el.setAttribute(name, String(value));
}

export interface ToolkitButton extends HTMLElement {
  disabled: boolean;
}

export interface ToolkitCheckbox extends HTMLElement {
  checked: boolean;
  disabled: boolean;
}

export function button(
  label: string,
  props: ElementProps & { appearance?: 'primary' | 'secondary' },
  onClick: () => void,
): ToolkitButton {
  const el = tk('vscode-button', { ...props, text: label }) as ToolkitButton;
  el.setAttribute('appearance', props.appearance ?? 'secondary');
  el.addEventListener('click', () => {
    if (!el.disabled) onClick();
  });
  return el;
}

export function checkbox(label: string, props: ElementProps = {}): ToolkitCheckbox {
  return tk('vscode-checkbox', { ...props, text: label }) as ToolkitCheckbox;
}

/** Shows or hides an element (CSS gives [hidden] display: none, also for toolkit elements). */
export function show(el: HTMLElement, visible: boolean): void {
  el.hidden = !visible;
}
