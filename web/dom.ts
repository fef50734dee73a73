/** A tiny element builder: text is always set as text, never parsed as HTML. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | boolean | undefined | ((event: Event) => void)>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children) {
    if (Array.isArray(child)) append(parent, child);
    else if (child === null || child === undefined || child === false) continue;
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element: Element, ...children: (Child | Child[])[]): void {
  element.replaceChildren();
  append(element, children);
}

/** A class name for a status word, for its colour: OK, PARTIAL, ERROR, NOT ENABLED, ... */
export function statusClass(status: string | undefined): string {
  return `status status-${(status ?? 'unknown').toLowerCase().replace(/\s+/g, '-')}`;
}

export function formatTime(iso: string | undefined): string {
  if (!iso) return '—';
  // As the CLI prints times: one zone for everyone reading a shared screenshot or log.
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
