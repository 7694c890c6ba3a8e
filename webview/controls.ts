/**
 * The webviews' few controls as small custom elements, under the tag names and properties of the deprecated
 * @vscode/webview-ui-toolkit they replace (vscode-button, vscode-checkbox, vscode-dropdown with vscode-option,
 * vscode-progress-ring): the toolkit and the FAST framework under it weighed 110 KB in each webview script.
 * Roles, states and keys follow the ARIA patterns (button, checkbox, select-only combobox, progressbar); every
 * color is a --vscode-* theme variable. Their look is controls.css (in each view's stylesheet, after the view's own
 * rules), the insides of the dropdown and the ring styled there through their parts (::part).
 * A `change` event is dispatched when the user changes a value, never when code sets it.
 */
import './controls.css';
import { h, setAttr } from './shared/dom';

/** `disabled` reflected as an attribute, with aria-disabled and no tab stop while set; `ariaRoleName` as role. */
abstract class Control extends HTMLElement {
  protected abstract ariaRoleName(): string;
  get disabled(): boolean {
    return this.hasAttribute('disabled');
  }
  set disabled(value: boolean) {
    this.toggleAttribute('disabled', value);
  }
  static get observedAttributes(): string[] {
    return ['disabled'];
  }
  attributeChangedCallback(): void {
    setAttr(this, 'aria-disabled', this.disabled);
    this.tabIndex = this.disabled ? -1 : 0;
  }
  connectedCallback(): void {
    if (!this.hasAttribute('role')) this.setAttribute('role', this.ariaRoleName());
    this.attributeChangedCallback();
  }
}

class Button extends Control {
  protected ariaRoleName(): string {
    return 'button';
  }
  constructor() {
    super();
    // A disabled button swallows clicks, as a native one does.
    this.addEventListener('click', (e) => {
      if (this.disabled) e.stopImmediatePropagation();
    }, { capture: true });
    this.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && !this.disabled) {
        e.preventDefault();
        this.click();
      }
    });
  }
}

class Checkbox extends Control {
  protected ariaRoleName(): string {
    return 'checkbox';
  }
  private value_ = false;
  constructor() {
    super();
    this.value_ = this.hasAttribute('checked');
    const toggle = (): void => {
      if (this.disabled) return;
      this.checked = !this.checked;
      this.dispatchEvent(new Event('change', { bubbles: true }));
    };
    this.addEventListener('click', toggle);
    this.addEventListener('keydown', (e) => {
      if (e.key === ' ') {
        e.preventDefault();
        toggle();
      }
    });
  }
  get checked(): boolean {
    return this.value_;
  }
  set checked(value: boolean) {
    this.value_ = value;
    setAttr(this, 'aria-checked', value);
  }
  override connectedCallback(): void {
    super.connectedCallback();
    setAttr(this, 'aria-checked', this.value_);
  }
}

class Option extends HTMLElement {
  connectedCallback(): void {
    this.setAttribute('role', 'option');
    if (!this.hasAttribute('aria-selected')) setAttr(this, 'aria-selected', this.hasAttribute('selected'));
  }
  get value(): string {
    return this.getAttribute('value') ?? this.textContent ?? '';
  }
}

let lists = 0;

class Dropdown extends Control {
  protected ariaRoleName(): string {
    return 'combobox';
  }
  private readonly face: HTMLElement;
  private readonly list: HTMLElement;
  private selected: Option | undefined;
  private active: Option | undefined;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.face = h('div', { attrs: { part: 'face', 'aria-hidden': 'true' } });
    this.list = h('div', { id: `listbox-${++lists}`, attrs: { part: 'list', role: 'listbox' } }, h('slot'));
    this.list.hidden = true;
    root.append(this.face, this.list);
    new MutationObserver(() => this.sync()).observe(this, { childList: true, subtree: true, characterData: true, attributeFilter: ['selected', 'disabled'] });
    this.addEventListener('click', (e) => {
      if (this.disabled) return;
      const option = (e.target as Element).closest?.('vscode-option') as Option | null;
      if (option && !this.list.hidden) this.choose(option);
      this.setOpen(this.list.hidden && !option);
    });
    this.addEventListener('keydown', (e) => this.key(e));
    this.addEventListener('focusout', () => this.setOpen(false));
  }

  private options(): Option[] {
    return [...this.querySelectorAll('vscode-option')] as Option[];
  }

  get value(): string {
    return this.selected?.value ?? '';
  }
  set value(value: string) {
    this.select(this.options().find((o) => o.value === value));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('aria-haspopup', 'listbox');
    this.setAttribute('aria-expanded', 'false');
    this.setAttribute('aria-controls', this.list.id);
    this.sync();
  }

  /** Keeps the face and the selection in step with the options (added, renamed, `selected`, `disabled`). */
  private sync(): void {
    const options = this.options();
    if (!this.selected || !options.includes(this.selected)) {
      this.select(options.find((o) => o.hasAttribute('selected')) ?? options.find((o) => !o.hasAttribute('disabled')));
    } else {
      this.face.textContent = this.selected.textContent;
    }
  }

  private select(option: Option | undefined): void {
    this.selected = option;
    for (const o of this.options()) setAttr(o, 'aria-selected', o === option);
    this.face.textContent = option?.textContent ?? '';
    this.setActive(option);
  }

  private choose(option: Option | undefined): void {
    if (!option || option.hasAttribute('disabled') || option === this.selected) return;
    this.select(option);
    this.dispatchEvent(new Event('change', { bubbles: true }));
  }

  private setActive(option: Option | undefined): void {
    for (const o of this.options()) o.toggleAttribute('data-active', o === option);
    this.active = option;
    if (option) {
      option.id ||= `${this.list.id}-${this.options().indexOf(option)}`;
      this.setAttribute('aria-activedescendant', option.id);
    }
  }

  private setOpen(open: boolean): void {
    this.list.hidden = !open;
    setAttr(this, 'aria-expanded', open);
    if (open) this.setActive(this.selected);
  }

  private key(e: KeyboardEvent): void {
    if (this.disabled) return;
    const open = !this.list.hidden;
    const enabled = this.options().filter((o) => !o.hasAttribute('disabled'));
    const at = enabled.indexOf((open ? this.active : this.selected) as Option);
    const move = (to: Option | undefined): void => (open ? this.setActive(to) : this.choose(to));
    switch (e.key) {
      case 'ArrowDown': move(enabled[Math.min(enabled.length - 1, at + 1)]); break;
      case 'ArrowUp': move(enabled[Math.max(0, at - 1)]); break;
      case 'Home': move(enabled[0]); break;
      case 'End': move(enabled[enabled.length - 1]); break;
      case 'Enter': case ' ':
        if (open) this.choose(this.active);
        this.setOpen(!open);
        break;
      case 'Escape':
        if (!open) return;
        this.setOpen(false);
        break;
      default: return;
    }
    e.preventDefault();
  }
}

class ProgressRing extends HTMLElement {
  connectedCallback(): void {
    this.setAttribute('role', 'progressbar');
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    root.innerHTML = '<svg part="ring" viewBox="0 0 16 16" aria-hidden="true"><circle part="arc" cx="8" cy="8" r="7"></circle></svg>';
  }
}

/** The controls by tag name. */
const CONTROLS = { 'vscode-button': Button, 'vscode-checkbox': Checkbox, 'vscode-option': Option, 'vscode-dropdown': Dropdown, 'vscode-progress-ring': ProgressRing };
let defined = false;

/** Defines the controls once per page; later calls do nothing. */
export function defineControls(): void {
  if (defined) return;
  defined = true;
  for (const [tag, control] of Object.entries(CONTROLS)) customElements.define(tag, control);
}
