// Builds elements from data without ever parsing markup: text goes in as text, so a value from
// the server cannot become script or markup (the console never assigns innerHTML).

/**
 * h('a', { href: '#/audit', class: 'x', onclick: fn }, 'text', childNode, [more]) → HTMLAnchorElement.
 * Attributes named on* become event listeners; null, undefined and false attributes are left out;
 * strings and numbers among the children become text nodes; arrays are flattened.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** append(parent, child, [children], …): nodes, strings, numbers, nested arrays; null and false skipped. */
export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Removes every child of an element. */
export function clear(element) {
  element.replaceChildren();
  return element;
}

let unique = 0;

/** A fresh element id, for label/for and aria-describedby pairs. */
export function newId(prefix) {
  unique += 1;
  return `${prefix}-${unique}`;
}

/** A labelled control: returns { wrapper, control }; the label is always tied to the control. */
export function field(label, control, hint) {
  control.id ||= newId('field');
  const parts = [h('label', { for: control.id }, label), control];
  if (hint) {
    const hintId = newId('hint');
    control.setAttribute('aria-describedby', hintId);
    parts.push(h('span', { class: 'hint', id: hintId }, hint));
  }
  return { wrapper: h('div', { class: 'field' }, parts), control };
}
